// Native folder / save-as pickers and "show in folder" for the workbench. The handler decides which folders may be
// opened; this only talks to the OS.
import { BrowserWindow, dialog, shell } from 'electron'
import type { DesktopShell } from '../../handlers/app-handlers'

export function desktopShell(window: () => BrowserWindow | null): DesktopShell {
  return {
    async pickPath({ purpose, title, defaultPath, extensions }) {
      const parent = window()
      const filters = extensions?.length ? [{ name: extensions.join(', ').toUpperCase(), extensions }] : []
      if (purpose === 'folder') {
        const options = {
          properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
          ...(title ? { title } : {}),
          ...(defaultPath ? { defaultPath } : {})
        }
        const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
        return r.canceled ? null : (r.filePaths[0] ?? null)
      }
      const options = { filters, ...(title ? { title } : {}), ...(defaultPath ? { defaultPath } : {}) }
      const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      return r.canceled ? null : (r.filePath ?? null)
    },
    // openPath returns an error string, empty on success
    openFolder: async (folder) => (await shell.openPath(folder)) === ''
  }
}
