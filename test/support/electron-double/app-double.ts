// `app`: the lifecycle a test drives (ready, second instance, quit) and the paths and single-instance lock the
// shell asks for. Quitting follows Electron's order: before-quit (cancellable), windows close, will-quit, quit.
import { Emitter, electronEvent } from './emitter'
import type { ProvenEvents, Same } from './electron-types'

type AppEvents = ProvenEvents<
  Electron.App,
  {
    ready: [Electron.Event, Record<string, unknown> | Electron.NotificationResponse]
    'second-instance': [Electron.Event, string[], string, unknown]
    'web-contents-created': [Electron.Event, Electron.WebContents]
    'browser-window-created': [Electron.Event, Electron.BrowserWindow]
    'window-all-closed': []
    'before-quit': [Electron.Event]
    'will-quit': [Electron.Event]
    quit: [Electron.Event, number]
    activate: [Electron.Event, boolean]
  }
>

export interface AppOptions {
  userData: string
  version?: string
  /** false: another instance holds the lock (requestSingleInstanceLock() answers false) */
  lockAvailable?: boolean
}

type PathName = Parameters<Electron.App['getPath']>[0]

export class AppDouble
  extends Emitter<AppEvents>
  implements
    Same<
      Electron.App,
      | 'whenReady'
      | 'isReady'
      | 'requestSingleInstanceLock'
      | 'hasSingleInstanceLock'
      | 'getPath'
      | 'setPath'
      | 'getVersion'
      | 'getName'
      | 'quit'
      | 'exit'
    >
{
  /** how often requestSingleInstanceLock() was called */
  lockRequests = 0
  quitRequests = 0
  exitCode: number | undefined
  hasQuit = false
  private ready = false
  private lockHeld = false
  private readonly paths = new Map<string, string>()
  private readonly readyWaiters: (() => void)[] = []
  private readonly quitWaiters: (() => void)[] = []

  constructor(
    private readonly opts: AppOptions,
    /** closes every window for a quit; false when one refused to close */
    private readonly closeAllWindows: () => boolean
  ) {
    super()
    this.paths.set('userData', opts.userData)
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve))
  }

  isReady(): boolean {
    return this.ready
  }

  requestSingleInstanceLock(): boolean {
    this.lockRequests++
    this.lockHeld = this.opts.lockAvailable ?? true
    return this.lockHeld
  }

  hasSingleInstanceLock(): boolean {
    return this.lockHeld
  }

  getPath(name: PathName): string {
    const value = this.paths.get(name)
    // Electron throws for a name it has no path for; the double knows only what the test gave it
    if (value === undefined) throw new Error(`Failed to get '${name}' path`)
    return value
  }

  setPath(name: string, value: string): void {
    if (this.ready && name === 'userData')
      throw new Error('the double wants userData set before ready, as Chromium does')
    this.paths.set(name, value)
  }

  getVersion(): string {
    return this.opts.version ?? '0.0.0-double'
  }

  getName(): string {
    return 'MLS Workbench'
  }

  quit(): void {
    this.quitRequests++
    const beforeQuit = electronEvent()
    this.emit('before-quit', beforeQuit)
    if (beforeQuit.defaultPrevented) return
    if (!this.closeAllWindows()) return
    const willQuit = electronEvent()
    this.emit('will-quit', willQuit)
    if (willQuit.defaultPrevented) return
    this.finish(0)
  }

  exit(exitCode = 0): void {
    this.exitCode = exitCode
    this.finish(exitCode)
  }

  // --- what a test does to the app ---

  /** The app becomes ready: `ready` is emitted and whenReady() resolves. */
  fireReady(): void {
    if (this.ready) return
    this.ready = true
    this.emit('ready', electronEvent(), {})
    for (const resolve of this.readyWaiters.splice(0)) resolve()
  }

  /** A second copy of the app was started (it gave up the lock and forwarded its command line). */
  fireSecondInstance(argv: string[] = [], workingDirectory = '/'): void {
    this.emit('second-instance', electronEvent(), argv, workingDirectory, null)
  }

  /** macOS: the dock icon was clicked. */
  fireActivate(hasVisibleWindows: boolean): void {
    this.emit('activate', electronEvent(), hasVisibleWindows)
  }

  /** how many whenReady() promises are still waiting */
  get readyWaiterCount(): number {
    return this.readyWaiters.length
  }

  /** Resolves once the app has really quit (or exited). */
  whenQuit(): Promise<void> {
    return this.hasQuit ? Promise.resolve() : new Promise((resolve) => this.quitWaiters.push(resolve))
  }

  private finish(exitCode: number): void {
    if (this.hasQuit) return
    this.hasQuit = true
    this.emit('quit', electronEvent(), exitCode)
    for (const resolve of this.quitWaiters.splice(0)) resolve()
  }
}
