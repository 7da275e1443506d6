// The window's page: the built renderer file, or the dev server electron-vite announces in ELECTRON_RENDERER_URL.
// Navigation is allowed only to it and the IPC bridge answers only it, so a page that got into the window some
// other way (a redirect, a compromised link) can neither stay nor call main.
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export interface AppPage {
  /** what the window loads (the theme travels as a query parameter on top) */
  url: string
  /** true for the app's own page, whatever its query or fragment */
  isAppPage(url: string): boolean
}

export function appPage(rendererIndexFile: string, devServerUrl: string | undefined): AppPage {
  if (devServerUrl) {
    // the dev server serves the page and its modules from one origin
    const origin = new URL(devServerUrl).origin
    return { url: devServerUrl, isAppPage: (url) => parse(url)?.origin === origin }
  }
  const file = pathToFileURL(rendererIndexFile)
  return {
    url: file.href,
    isAppPage: (url) => {
      const parsed = parse(url)
      return parsed?.protocol === 'file:' && parsed.host === '' && parsed.pathname === file.pathname
    }
  }
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/** Where the bundles sit next to each other in out/ (and in the packaged app): main/, preload/, renderer/. */
export function bundlePaths(mainDir: string): { preload: string; rendererIndex: string; icon: string } {
  return {
    preload: path.join(mainDir, '../preload/preload.cjs'),
    rendererIndex: path.join(mainDir, '../renderer/index.html'),
    icon: path.join(mainDir, '../../resources/icon.png')
  }
}
