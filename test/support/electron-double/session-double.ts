// The default session: response-header rewriting (webRequest.onHeadersReceived) and the permission handlers.
// Electron grants every permission a page asks for unless the app installs a handler — so does the double.
import type { Accepting, Named } from './electron-types'
import { asElectron } from './stand-in'
import type { WebContentsDouble } from './web-contents-double'

type HeadersListener = (
  details: Electron.OnHeadersReceivedListenerDetails,
  callback: (response: Electron.HeadersReceivedResponse) => void
) => void
type RequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0]
type CheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0]
type RequestPermission = Parameters<NonNullable<RequestHandler>>[1]
type CheckPermission = Parameters<NonNullable<CheckHandler>>[1]

export class WebRequestDouble implements Accepting<Electron.WebRequest, 'onHeadersReceived'> {
  private listener: HeadersListener | null = null

  onHeadersReceived(...args: [Electron.WebRequestFilter, HeadersListener | null] | [HeadersListener | null]): void {
    this.listener = args.length === 2 ? args[1] : args[0]
  }

  /** A response arrives for `url`: what the page gets to see of its headers. */
  receive(url: string, responseHeaders: Record<string, string[]>): Promise<Electron.HeadersReceivedResponse> {
    const listener = this.listener
    if (!listener) return Promise.resolve({ responseHeaders })
    const details: Electron.OnHeadersReceivedListenerDetails = {
      id: 1,
      url,
      method: 'GET',
      resourceType: 'mainFrame',
      referrer: '',
      timestamp: Date.now(),
      statusLine: 'HTTP/1.1 200 OK',
      statusCode: 200,
      responseHeaders
    }
    return new Promise((resolve) => listener(details, resolve))
  }
}

export class SessionDouble
  implements
    Accepting<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
    Named<Electron.Session, 'webRequest'>
{
  readonly webRequest = new WebRequestDouble()
  private requestHandler: RequestHandler = null
  private checkHandler: CheckHandler = null

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler
  }

  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler
  }

  /** A page asks for a permission (camera, notifications…): granted? */
  requestPermission(contents: WebContentsDouble, permission: RequestPermission): Promise<boolean> {
    const handler = this.requestHandler
    if (!handler) return Promise.resolve(true)
    return new Promise((resolve) =>
      handler(asElectron<Electron.WebContents>(contents), permission, resolve, {
        requestingUrl: contents.getURL(),
        isMainFrame: true
      })
    )
  }

  /** A page checks whether it holds a permission. */
  checkPermission(contents: WebContentsDouble, permission: CheckPermission): boolean {
    if (!this.checkHandler) return true
    return this.checkHandler(asElectron<Electron.WebContents>(contents), permission, contents.mainFrame.origin, {
      isMainFrame: true,
      embeddingOrigin: contents.mainFrame.origin,
      requestingUrl: contents.getURL()
    })
  }
}
