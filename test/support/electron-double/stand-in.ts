/**
 * Hands a double to app code where Electron hands its own object (a listener typed with Electron.WebContents gets
 * the WebContents double). Sound as far as the app only uses members the double declares — which the Same / Named
 * checks on every double tie to Electron's own types.
 */
export function asElectron<T>(double: object): T {
  return double as T
}
