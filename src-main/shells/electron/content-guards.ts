// What every page and the session are allowed to do: no navigation away from the app, no new windows (http(s)
// links open in the system browser through the one safe opener), one Content-Security-Policy on every response,
// and no permission (camera, notifications, clipboard…) for anyone — the workbench needs none.
import type { Session, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../platform/csp/content-security-policy'
import { safeOpenExternal } from './safe-open'

export function guardContents(contents: WebContents, isAppPage: (url: string) => boolean): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPage(event.url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    // safeOpenExternal refuses anything but http(s) without credentials; a refused link is simply not opened
    if (/^https?:/i.test(url)) safeOpenExternal(url).catch(() => undefined)
    return { action: 'deny' }
  })
}

export function guardSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
