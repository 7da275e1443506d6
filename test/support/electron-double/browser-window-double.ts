// BrowserWindow: the options it was created with, its bounds and states (maximised, minimised, shown, focused),
// and closing as Electron does it: `close` (cancellable) → destroyed → `closed` → app `window-all-closed` when it
// was the last one. Creating one before the app is ready throws, as in Electron.
import { pathToFileURL } from 'node:url'
import { Emitter, electronEvent } from './emitter'
import type { Named, ProvenEvents, Same } from './electron-types'
import { WebContentsDouble } from './web-contents-double'

type WindowEvents = ProvenEvents<
  Electron.BrowserWindow,
  {
    'ready-to-show': []
    show: []
    close: [Electron.Event]
    closed: []
    resize: []
    move: []
    maximize: []
    unmaximize: []
    minimize: []
    restore: []
  }
>

/** What a window needs from the rest of the double. */
export interface WindowHost {
  isReady(): boolean
  session: unknown
  /** a window (and with it a webContents) was created: app emits web-contents-created and browser-window-created */
  created(win: BrowserWindowDouble): void
  /** a window was destroyed */
  closed(win: BrowserWindowDouble): void
}

let nextId = 1

export class BrowserWindowDouble
  extends Emitter<WindowEvents>
  implements
    Same<
      Electron.BrowserWindow,
      | 'id'
      | 'getBounds'
      | 'getNormalBounds'
      | 'setBounds'
      | 'isMaximized'
      | 'maximize'
      | 'unmaximize'
      | 'isMinimized'
      | 'minimize'
      | 'restore'
      | 'isVisible'
      | 'show'
      | 'focus'
      | 'isFocused'
      | 'close'
      | 'destroy'
      | 'isDestroyed'
      | 'setBackgroundColor'
      | 'getBackgroundColor'
      | 'loadURL'
      | 'loadFile'
    >,
    Named<Electron.BrowserWindow, 'webContents'>
{
  readonly id = nextId++
  readonly webContents: WebContentsDouble
  private bounds: Electron.Rectangle
  private maximized = false
  private minimized = false
  private visible: boolean
  private focused = false
  private destroyed = false
  private backgroundColor: string
  private rendered = false

  constructor(
    readonly options: Electron.BrowserWindowConstructorOptions,
    private readonly host: WindowHost
  ) {
    super()
    if (!host.isReady()) throw new Error('Cannot create BrowserWindow before app is ready')
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 800,
      height: options.height ?? 600
    }
    this.visible = options.show ?? true
    this.backgroundColor = options.backgroundColor ?? '#FFFFFF'
    this.webContents = new WebContentsDouble(this.id, options.webPreferences ?? {}, host.session)
    host.created(this)
  }

  getBounds(): Electron.Rectangle {
    return { ...this.bounds }
  }

  getNormalBounds(): Electron.Rectangle {
    return { ...this.bounds }
  }

  /** A user dragging or resizing the window ends here too: `move` / `resize` follow. */
  setBounds(bounds: Partial<Electron.Rectangle>): void {
    const before = this.bounds
    this.bounds = { ...before, ...bounds }
    if (before.width !== this.bounds.width || before.height !== this.bounds.height) this.emit('resize')
    if (before.x !== this.bounds.x || before.y !== this.bounds.y) this.emit('move')
  }

  isMaximized(): boolean {
    return this.maximized
  }

  maximize(): void {
    this.maximized = true
    this.emit('maximize')
  }

  unmaximize(): void {
    this.maximized = false
    this.emit('unmaximize')
  }

  isMinimized(): boolean {
    return this.minimized
  }

  minimize(): void {
    this.minimized = true
    this.focused = false
    this.emit('minimize')
  }

  restore(): void {
    this.minimized = false
    this.emit('restore')
  }

  isVisible(): boolean {
    return this.visible
  }

  show(): void {
    this.visible = true
    this.focused = true
    this.emit('show')
  }

  focus(): void {
    this.focused = true
  }

  isFocused(): boolean {
    return this.focused
  }

  close(): void {
    if (this.destroyed) return
    const event = electronEvent()
    this.emit('close', event)
    if (!event.defaultPrevented) this.destroy()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroy()
    this.emit('closed')
    this.host.closed(this)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  setBackgroundColor(color: string): void {
    this.backgroundColor = color
  }

  getBackgroundColor(): string {
    return this.backgroundColor
  }

  /** Loads the page; a window created with `show: false` says `ready-to-show` once it has rendered. */
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url)
    if (!this.rendered) this.emit('ready-to-show')
    this.rendered = true
  }

  loadFile(filePath: string, options: Electron.LoadFileOptions = {}): Promise<void> {
    const url = pathToFileURL(filePath)
    if (options.query) url.search = new URLSearchParams(options.query).toString()
    if (options.search) url.search = options.search
    if (options.hash) url.hash = options.hash
    return this.loadURL(url.toString())
  }
}
