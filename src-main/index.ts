// Electron shell: window, security defaults, single instance, menu. All product logic lives in the workbench
// services; this file only adapts them to Electron.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, nativeTheme, session } from 'electron'
import { createWorkbench, type Workbench } from './app/workbench'
import { desktopShell } from './shells/electron/desktop-shell'
import { CONTENT_SECURITY_POLICY } from './platform/csp/content-security-policy'
import { installAppMenu } from './shells/electron/app-menu'
import { bridgeIpc } from './shells/electron/ipc-bridge'
import { safeOpenExternal } from './shells/electron/safe-open'
import { loadWindowState, trackWindowState } from './shells/electron/window-state'
import { safeStorageForSecrets } from './shells/electron/safe-storage'

const here = path.dirname(fileURLToPath(import.meta.url))
let mainWindow: BrowserWindow | null = null
let workbench: Workbench | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_e, contents) => {
    // No navigation away from the app and no new windows; http(s) links go to the system browser.
    contents.on('will-navigate', (event, url) => {
      if (url !== contents.getURL()) event.preventDefault()
    })
    contents.setWindowOpenHandler(({ url }) => {
      safeOpenExternal(url).catch(() => undefined)
      return { action: 'deny' }
    })
  })
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
  app.on('before-quit', (event) => {
    if (!workbench) return
    // quit waits for the close: sessions log out and pending metadata snapshots reach the disk
    const closing = workbench
    workbench = null
    event.preventDefault()
    closing
      .close()
      .catch(() => undefined)
      .finally(() => app.quit())
  })
}

async function start(): Promise<void> {
  const userDataDir = app.getPath('userData')
  workbench = await createWorkbench({
    mode: 'electron',
    version: app.getVersion(),
    userDataDir,
    ...safeStorageForSecrets(),
    openExternal: (url) => safeOpenExternal(url),
    desktop: desktopShell(() => mainWindow)
  })
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false))
  installAppMenu()
  bridgeIpc(workbench.registry, workbench.hub, () => mainWindow)
  createWindow(userDataDir)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(userDataDir)
  })
}

function createWindow(userDataDir: string): void {
  const state = loadWindowState(userDataDir)
  const win = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'MLS Workbench',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1f22' : '#ffffff',
    icon: path.join(here, '../../resources/icon.png'),
    webPreferences: {
      preload: path.join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  mainWindow = win
  if (state.maximized) win.maximize()
  trackWindowState(win, userDataDir)
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    mainWindow = null
  })
  // The initial theme travels in the URL so the first paint already has the right colours.
  const theme = nativeTheme.shouldUseDarkColors ? 'dark' : 'light'
  if (process.env.ELECTRON_RENDERER_URL) win.loadURL(`${process.env.ELECTRON_RENDERER_URL}?theme=${theme}`)
  else win.loadFile(path.join(here, '../renderer/index.html'), { query: { theme } })
}
