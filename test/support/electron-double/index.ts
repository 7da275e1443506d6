// A stand-in for the `electron` module in tests: the same exports the app imports, behaving as Electron documents,
// recording what the app did and letting the test act as the OS, the user and the page. Each double is held to
// electron.d.ts (see electron-types.ts), so an Electron upgrade that renames what the shell uses fails typecheck.
//
// Use: vi.mock('electron', async () => (await import('<here>')).electronModule), then installElectronDouble()
// before (re)importing src-main/index.ts or src-main/preload.ts.
import { AppDouble, type AppOptions } from './app-double'
import { BrowserWindowDouble, type WindowHost } from './browser-window-double'
import { electronEvent } from './emitter'
import type { Accepting, Named } from './electron-types'
import { ContextBridgeDouble, IpcMainDouble, IpcRendererDouble } from './ipc-double'
import { MenuDouble } from './menu-double'
import { NativeThemeDouble } from './native-theme-double'
import { SafeStorageDouble, type SafeStorageOptions } from './safe-storage-double'
import { ScreenDouble } from './screen-double'
import { SessionDouble } from './session-double'
import { DialogDouble, ShellDouble } from './shell-dialog-double'
import type { WebContentsDouble, WebFrameDouble } from './web-contents-double'

export { BrowserWindowDouble } from './browser-window-double'
export { MenuDouble, MenuItemDouble } from './menu-double'
export { display } from './screen-double'
export type { WebContentsDouble, WebFrameDouble } from './web-contents-double'

export interface ElectronDoubleOptions extends AppOptions {
  /** the OS is set to dark mode */
  systemDark?: boolean
  safeStorage?: SafeStorageOptions
  /** the displays attached (default: one 1920×1080) */
  displays?: Electron.Display[]
}

/** `BrowserWindow` as the app sees it: constructible, with Electron's statics. */
export interface BrowserWindowClass {
  new (options?: Electron.BrowserWindowConstructorOptions): BrowserWindowDouble
  getAllWindows(): BrowserWindowDouble[]
  getFocusedWindow(): BrowserWindowDouble | null
  fromWebContents(contents: Electron.WebContents): BrowserWindowDouble | null
}

export interface WebContentsModule {
  getAllWebContents(): WebContentsDouble[]
  fromId(id: number): WebContentsDouble | undefined
  getFocusedWebContents(): WebContentsDouble | null
}

export class ElectronDouble {
  readonly app: AppDouble
  readonly ipcMain = new IpcMainDouble()
  readonly ipcRenderer: IpcRendererDouble
  readonly contextBridge: ContextBridgeDouble
  readonly shell = new ShellDouble()
  readonly dialog = new DialogDouble()
  readonly safeStorage: SafeStorageDouble
  readonly nativeTheme: NativeThemeDouble
  readonly screen: ScreenDouble
  readonly session: { readonly defaultSession: SessionDouble }
  readonly Menu = MenuDouble
  readonly BrowserWindow: BrowserWindowClass
  readonly webContents: WebContentsModule
  private readonly windows: BrowserWindowDouble[] = []
  private readonly windowWaiters: ((win: BrowserWindowDouble) => void)[] = []
  private rendererFrame: WebFrameDouble | undefined
  private quitting = false

  constructor(opts: ElectronDoubleOptions) {
    const isReady = (): boolean => this.app.isReady()
    this.app = new AppDouble(opts, () => this.closeAllForQuit())
    const frame = (): WebFrameDouble => {
      if (!this.rendererFrame) throw new Error('the test has not said which frame the preload runs in (enterFrame)')
      return this.rendererFrame
    }
    this.ipcRenderer = new IpcRendererDouble(this.ipcMain, frame)
    this.contextBridge = new ContextBridgeDouble(frame)
    this.safeStorage = new SafeStorageDouble(opts.safeStorage ?? {}, isReady)
    this.nativeTheme = new NativeThemeDouble(opts.systemDark ?? false)
    this.screen = new ScreenDouble(isReady)
    if (opts.displays) this.screen.displays = opts.displays
    MenuDouble.applicationMenu = null
    const defaultSession = new SessionDouble()
    this.session = {
      get defaultSession() {
        if (!isReady()) throw new Error('Session can only be received when app is ready')
        return defaultSession
      }
    }
    const host: WindowHost = {
      isReady,
      session: defaultSession,
      created: (win) => this.windowCreated(win),
      closed: () => {
        if (!this.quitting && this.liveWindows().length === 0) this.app.emit('window-all-closed')
      }
    }
    const live = (): BrowserWindowDouble[] => this.liveWindows()
    this.BrowserWindow = class BrowserWindow extends BrowserWindowDouble {
      constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
        super(options, host)
      }
      static getAllWindows(): BrowserWindowDouble[] {
        return live()
      }
      static getFocusedWindow(): BrowserWindowDouble | null {
        return live().find((w) => w.isFocused()) ?? null
      }
      static fromWebContents(contents: Electron.WebContents): BrowserWindowDouble | null {
        return live().find((w) => (w.webContents as object) === contents) ?? null
      }
    } satisfies Accepting<typeof Electron.BrowserWindow, 'getAllWindows' | 'getFocusedWindow' | 'fromWebContents'>
    this.webContents = {
      getAllWebContents: (): WebContentsDouble[] => live().map((w) => w.webContents),
      fromId: (id: number): WebContentsDouble | undefined => live().find((w) => w.webContents.id === id)?.webContents,
      getFocusedWebContents: (): WebContentsDouble | null => live().find((w) => w.isFocused())?.webContents ?? null
    } satisfies Accepting<typeof Electron.webContents, 'getAllWebContents' | 'fromId' | 'getFocusedWebContents'>
  }

  /** The windows that are open. */
  liveWindows(): BrowserWindowDouble[] {
    return this.windows.filter((w) => !w.isDestroyed())
  }

  /** Resolves with the next window the app creates. */
  nextWindow(): Promise<BrowserWindowDouble> {
    return new Promise((resolve) => this.windowWaiters.push(resolve))
  }

  /** From now on ipcRenderer and contextBridge act for this frame: a preload imported next runs in it. */
  enterFrame(frame: WebFrameDouble): void {
    this.rendererFrame = frame
  }

  private windowCreated(win: BrowserWindowDouble): void {
    this.windows.push(win)
    this.app.emit('web-contents-created', electronEvent(), win.webContents)
    this.app.emit('browser-window-created', electronEvent(), win)
    for (const resolve of this.windowWaiters.splice(0)) resolve(win)
  }

  private closeAllForQuit(): boolean {
    this.quitting = true
    for (const w of this.liveWindows()) w.close()
    this.quitting = this.liveWindows().length === 0
    return this.quitting
  }
}

// Kept on globalThis: vi.resetModules() gives the mocked `electron` a fresh copy of this module, and it must still
// find the double the test installed through its own copy.
const INSTALLED = Symbol.for('mlswb.electron-double')
const holder = globalThis as typeof globalThis & { [INSTALLED]?: ElectronDouble }

/** A fresh double that `import … from 'electron'` resolves to from now on. */
export function installElectronDouble(opts: ElectronDoubleOptions): ElectronDouble {
  holder[INSTALLED] = new ElectronDouble(opts)
  return holder[INSTALLED]
}

function current(): ElectronDouble {
  const installed = holder[INSTALLED]
  if (!installed) throw new Error('call installElectronDouble() before importing code that uses electron')
  return installed
}

/** The module object for vi.mock('electron'); getters, so each test's fresh double is the one the app sees. */
export const electronModule = {
  get app() {
    return current().app
  },
  get BrowserWindow() {
    return current().BrowserWindow
  },
  get ipcMain() {
    return current().ipcMain
  },
  get ipcRenderer() {
    return current().ipcRenderer
  },
  get contextBridge() {
    return current().contextBridge
  },
  get shell() {
    return current().shell
  },
  get dialog() {
    return current().dialog
  },
  get safeStorage() {
    return current().safeStorage
  },
  get nativeTheme() {
    return current().nativeTheme
  },
  get screen() {
    return current().screen
  },
  get session() {
    return current().session
  },
  get Menu() {
    return current().Menu
  },
  get webContents() {
    return current().webContents
  }
}

// every name the module offers is one Electron exports
electronModule satisfies Named<typeof Electron.CrossProcessExports, keyof typeof electronModule>
