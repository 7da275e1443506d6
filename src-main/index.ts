// Electron shell: one instance, one locked-down window, the menu, and the IPC bridge. All product logic lives in
// the workbench services; this file only wires them to Electron.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, session, type BrowserWindow } from 'electron'
import { createWorkbench, type Workbench } from './app/workbench'
import { appPage, bundlePaths } from './shells/electron/app-page'
import { installAppMenu } from './shells/electron/app-menu'
import { guardContents, guardSession } from './shells/electron/content-guards'
import { desktopShell } from './shells/electron/desktop-shell'
import { bridgeIpc } from './shells/electron/ipc-bridge'
import { createMainWindow } from './shells/electron/main-window'
import { safeOpenExternal } from './shells/electron/safe-open'
import { safeStorageForSecrets } from './shells/electron/safe-storage'

const bundle = bundlePaths(path.dirname(fileURLToPath(import.meta.url)))
const page = appPage(bundle.rendererIndex, process.env.ELECTRON_RENDERER_URL)
let mainWindow: BrowserWindow | null = null
let workbench: Workbench | null = null

// the README's MLSWB_USER_DATA works here as in web mode; it must be set before the single-instance lock, which
// Chromium keys on the user-data folder
if (process.env.MLSWB_USER_DATA) app.setPath('userData', path.resolve(process.env.MLSWB_USER_DATA))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => guardContents(contents, page.isAppPage))
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error(err)
      app.exit(1)
    })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  // quit waits for the close: jobs are cancelled, sessions log out, pending metadata snapshots reach the disk and
  // the temp files are removed
  app.on('before-quit', (event) => {
    const closing = workbench
    if (!closing) return
    event.preventDefault()
    workbench = null
    closing
      .close()
      .catch((err: unknown) => console.error(err))
      .finally(() => app.quit())
  })
}

async function start(): Promise<void> {
  const userDataDir = app.getPath('userData')
  const wb = await createWorkbench({
    mode: 'electron',
    version: app.getVersion(),
    userDataDir,
    ...safeStorageForSecrets(),
    openExternal: (url) => safeOpenExternal(url),
    desktop: desktopShell(() => mainWindow)
  })
  workbench = wb
  guardSession(session.defaultSession)
  installAppMenu((command) => wb.hub.emit('menu:command', { command }))
  bridgeIpc({ registry: wb.registry, hub: wb.hub, window: () => mainWindow, isAppPage: page.isAppPage })
  const openWindow = (): void => {
    const win = createMainWindow({ page, preload: bundle.preload, icon: bundle.icon, userDataDir })
    mainWindow = win
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null
    })
  }
  openWindow()
  // macOS keeps the app running without windows; the dock icon opens one again
  app.on('activate', () => {
    if (!mainWindow) openWindow()
  })
}
