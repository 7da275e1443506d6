// A window's page: its frames (main frame and sub-frames, each with a URL and origin), what its preload put on
// `window` through contextBridge, the IPC listeners of its renderer, and the navigations and window.open calls a
// page can attempt. Navigations the page starts go through `will-navigate`, as in Electron; loads that main asks
// for (loadURL / loadFile) do not.
import { Emitter, electronEvent } from './emitter'
import type { Named, ProvenEvents, Same } from './electron-types'
import { asElectron } from './stand-in'

type WebContentsEvents = ProvenEvents<
  Electron.WebContents,
  {
    'will-navigate': [
      Electron.Event<Electron.WebContentsWillNavigateEventParams>,
      string,
      boolean,
      boolean,
      number,
      number
    ]
    'did-finish-load': []
    destroyed: []
  }
>

type SecurityPreferences = Required<
  Pick<
    Electron.WebPreferences,
    | 'contextIsolation'
    | 'sandbox'
    | 'nodeIntegration'
    | 'nodeIntegrationInSubFrames'
    | 'nodeIntegrationInWorker'
    | 'webSecurity'
    | 'allowRunningInsecureContent'
    | 'webviewTag'
    | 'experimentalFeatures'
  >
>

/** The security-relevant webPreferences with Electron's defaults (sandboxed, isolated, no Node in pages). */
export const ELECTRON_PREFERENCE_DEFAULTS: SecurityPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false
}

export type EffectivePreferences = Electron.WebPreferences & SecurityPreferences

type RendererListener = (event: Electron.IpcRendererEvent, ...args: unknown[]) => void

let nextProcessId = 100

export class WebFrameDouble
  implements
    Same<Electron.WebFrameMain, 'url' | 'origin' | 'name' | 'processId' | 'routingId' | 'isDestroyed'>,
    Named<Electron.WebFrameMain, 'parent' | 'top' | 'frames'>
{
  readonly name = ''
  readonly frames: WebFrameDouble[] = []
  /** what the page's preload exposed on `window` (contextBridge.exposeInMainWorld) */
  readonly world = new Map<string, unknown>()
  /** ipcRenderer.on listeners of the page in this frame */
  readonly rendererListeners = new Map<string, Set<RendererListener>>()
  private destroyed = false

  constructor(
    readonly webContents: WebContentsDouble,
    public url: string,
    readonly parent: WebFrameDouble | null,
    readonly processId: number,
    readonly routingId: number
  ) {}

  get top(): WebFrameDouble {
    return this.parent ? this.parent.top : this
  }

  /** Chromium's origin: scheme://host[:port], or "file://" for local files. */
  get origin(): string {
    return this.url.startsWith('file:') ? 'file://' : new URL(this.url).origin
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  /** An <iframe> in this frame showing `url`. */
  addChild(url: string): WebFrameDouble {
    const child = new WebFrameDouble(
      this.webContents,
      url,
      this,
      this.processId,
      this.routingId * 10 + this.frames.length + 1
    )
    this.frames.push(child)
    return child
  }

  /** A new document replaces the page: its JavaScript world and listeners are gone (a preload runs again). */
  replaceDocument(url: string): void {
    this.url = url
    this.world.clear()
    this.rendererListeners.clear()
    for (const child of this.frames.splice(0)) child.destroy()
  }

  destroy(): void {
    this.destroyed = true
    for (const child of this.frames) child.destroy()
  }
}

export class WebContentsDouble
  extends Emitter<WebContentsEvents>
  implements
    Same<Electron.WebContents, 'id' | 'getURL' | 'isDestroyed' | 'send' | 'loadURL' | 'setWindowOpenHandler'>,
    Named<Electron.WebContents, 'mainFrame' | 'session'>
{
  readonly mainFrame: WebFrameDouble
  /** every webContents.send from main: what the page received */
  readonly sent: { channel: string; args: unknown[] }[] = []
  /** every URL main loaded (loadURL / loadFile), in order */
  readonly loads: string[] = []
  readonly preferences: EffectivePreferences
  private openHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | undefined
  private destroyed = false

  constructor(
    readonly id: number,
    preferences: Electron.WebPreferences,
    readonly session: unknown
  ) {
    super()
    this.preferences = { ...ELECTRON_PREFERENCE_DEFAULTS, ...preferences }
    this.mainFrame = new WebFrameDouble(this, 'about:blank', null, nextProcessId++, 1)
  }

  getURL(): string {
    return this.mainFrame.url
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  async loadURL(url: string): Promise<void> {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.loads.push(url)
    this.mainFrame.replaceDocument(url)
    await Promise.resolve()
    this.emit('did-finish-load')
  }

  /** Messages to the page's main frame; arguments are copied with the structured clone algorithm, as Electron does. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    const copies = structuredClone(args)
    this.sent.push({ channel, args: copies })
    // the page's listener gets an IpcRendererEvent; the preload under test never reads its sender
    const event = asElectron<Electron.IpcRendererEvent>(Object.assign(electronEvent(), { ports: [], sender: null }))
    for (const listener of this.mainFrame.rendererListeners.get(channel) ?? []) listener(event, ...copies)
  }

  setWindowOpenHandler(handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse): void {
    this.openHandler = handler
  }

  // --- what a page does ---

  /** The page (or one of its frames) tries to navigate, e.g. a link click or `location.href = …`. */
  navigateFromPage(url: string, frame: WebFrameDouble = this.mainFrame): { prevented: boolean } {
    const isMainFrame = frame === this.mainFrame
    const event = electronEvent<Electron.WebContentsWillNavigateEventParams>({
      url,
      isSameDocument: false,
      isMainFrame,
      frame: null,
      initiator: null
    })
    this.emit('will-navigate', event, url, false, isMainFrame, frame.processId, frame.routingId)
    if (!event.defaultPrevented) {
      if (isMainFrame) this.mainFrame.replaceDocument(url)
      else frame.url = url
    }
    return { prevented: event.defaultPrevented }
  }

  /** The page calls window.open or follows a target=_blank link. Without a handler Electron opens a window. */
  openWindowFromPage(url: string): Electron.WindowOpenHandlerResponse {
    const details: Electron.HandlerDetails = {
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' }
    }
    return this.openHandler ? this.openHandler(details) : { action: 'allow' }
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.mainFrame.destroy()
    this.emit('destroyed')
  }
}
