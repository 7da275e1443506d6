import type { AppInfo } from '../../shared/ipc-contract'
import { checkExternalUrl } from '../../services/links/safe-url'
import type { PartialHandlerTable } from '../register'

export interface AppHandlerDeps {
  info(): AppInfo
  /** opens a checked http(s) URL in the system browser; false where the transport opens it itself (web mode) */
  openExternal(url: URL): Promise<boolean>
}

export function appHandlers(deps: AppHandlerDeps): PartialHandlerTable {
  return {
    'app:info': () => deps.info(),
    'app:ping': ({ message }) => ({ pong: message, at: new Date().toISOString() }),
    'app:openExternal': async ({ url }) => ({ opened: await deps.openExternal(checkExternalUrl(url)) })
  }
}
