// The one window: locked-down webPreferences (isolated, sandboxed, no Node, web security on), the saved size and
// place, a background that matches the OS theme from the first frame, and the theme passed in the page URL so the
// first paint already has the right colours.
import { BrowserWindow, nativeTheme } from 'electron'
import { loadWindowState, trackWindowState } from './window-state'
import type { AppPage } from './app-page'

const BACKGROUND = { dark: '#1e1f22', light: '#ffffff' }

export interface MainWindowOptions {
  page: AppPage
  /** the bundled preload (out/preload/preload.cjs) */
  preload: string
  icon: string
  userDataDir: string
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const { maximized, ...bounds } = loadWindowState(opts.userDataDir)
  const theme = (): 'dark' | 'light' => (nativeTheme.shouldUseDarkColors ? 'dark' : 'light')
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'MLS Workbench',
    backgroundColor: BACKGROUND[theme()],
    icon: opts.icon,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  if (maximized) win.maximize()
  trackWindowState(win, opts.userDataDir)
  win.once('ready-to-show', () => win.show())
  // the page follows the OS through prefers-color-scheme; the window's own background (seen while resizing) too
  const followTheme = (): void => {
    if (!win.isDestroyed()) win.setBackgroundColor(BACKGROUND[theme()])
  }
  nativeTheme.on('updated', followTheme)
  win.on('closed', () => nativeTheme.removeListener('updated', followTheme))
  const url = new URL(opts.page.url)
  url.searchParams.set('theme', theme())
  win.loadURL(url.href).catch((err: unknown) => console.error('The window could not load its page:', err))
  return win
}
