import { lstat } from 'node:fs/promises'
import path from 'node:path'
import type { AppInfo } from '../../contract/app-channels'
import type { ParsedArgsOf } from '../../contract/ipc-contract'
import { checkExternalUrl } from '../platform/links/safe-url'
import type { PartialHandlerTable } from './handler-registry'

/** What only the desktop shell can do: native pickers and the file manager. Web mode has none of it. */
export interface DesktopShell {
  pickPath(request: ParsedArgsOf<'app:pickPath'>): Promise<string | null>
  openFolder(folder: string): Promise<boolean>
}

export interface AppHandlerDeps {
  info(): AppInfo
  /** opens a checked http(s) URL in the system browser; false where the transport opens it itself (web mode) */
  openExternal(url: URL): Promise<boolean>
  desktop?: DesktopShell
  /** folders the app wrote to (export destinations): the only ones app:openFolder shows */
  outputFolders: ReadonlySet<string>
}

export function appHandlers(deps: AppHandlerDeps): PartialHandlerTable {
  return {
    'app:info': () => deps.info(),
    'app:ping': ({ message }) => ({ pong: message, at: new Date().toISOString() }),
    'app:openExternal': async ({ url }) => ({ opened: await deps.openExternal(checkExternalUrl(url)) }),
    'app:pickPath': async (request) =>
      deps.desktop ? { supported: true, path: await deps.desktop.pickPath(request) } : { supported: false, path: null },
    // a renderer that could open any path could launch programs; only the app's own output folders are shown
    'app:openFolder': async ({ path: folder }) => {
      const resolved = path.resolve(folder)
      if (!deps.desktop || !deps.outputFolders.has(resolved)) return { opened: false }
      // checked again at open time: the folder may have been replaced by a program since the export wrote it
      const info = await lstat(resolved).catch(() => undefined)
      if (!info?.isDirectory()) return { opened: false }
      return { opened: await deps.desktop.openFolder(resolved) }
    }
  }
}
