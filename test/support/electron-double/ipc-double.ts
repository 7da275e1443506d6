// Both ends of Electron IPC. ipcMain holds the invoke handlers; ipcRenderer and contextBridge act for the frame a
// preload is running in. An invoke carries the sending frame (event.sender / senderFrame) to the handler; arguments
// and results cross as structured clones, and a handler's throw arrives as Electron's "Error invoking remote
// method" rejection — so what a test sees is what a renderer would.
import { electronEvent } from './emitter'
import type { Named, Same } from './electron-types'
import { asElectron } from './stand-in'
import type { WebFrameDouble } from './web-contents-double'

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown
type RendererListener = (event: Electron.IpcRendererEvent, ...args: unknown[]) => void

export class IpcMainDouble implements Same<Electron.IpcMain, 'handle' | 'removeHandler'> {
  /** every channel a renderer invoked, whether or not main had a handler for it */
  readonly invoked: string[] = []
  private readonly handlers = new Map<string, InvokeHandler>()

  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  /** the channels that have an invoke handler */
  channels(): string[] {
    return [...this.handlers.keys()]
  }

  /** What `ipcRenderer.invoke(channel, ...args)` in `frame` does. */
  async invokeFrom(frame: WebFrameDouble, channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push(channel)
    const handler = this.handlers.get(channel)
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`)
    const event = asElectron<Electron.IpcMainInvokeEvent>(
      Object.assign(electronEvent(), {
        type: 'frame',
        processId: frame.processId,
        frameId: frame.routingId,
        sender: frame.webContents,
        // Electron: null once the frame has navigated away or been destroyed
        get senderFrame() {
          return frame.isDestroyed() ? null : frame
        }
      })
    )
    try {
      return structuredClone(await handler(event, ...structuredClone(args)))
    } catch (err) {
      throw new Error(`Error invoking remote method '${channel}': ${String(err)}`)
    }
  }
}

/** The renderer side: one object whose calls act for whichever frame the test put the preload in. */
export class IpcRendererDouble
  implements Same<Electron.IpcRenderer, 'invoke'>, Named<Electron.IpcRenderer, 'on' | 'removeListener'>
{
  constructor(
    private readonly main: IpcMainDouble,
    private readonly frame: () => WebFrameDouble
  ) {}

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.main.invokeFrom(this.frame(), channel, ...args)
  }

  on(channel: string, listener: RendererListener): this {
    const listeners = this.frame().rendererListeners
    listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener))
    return this
  }

  removeListener(channel: string, listener: RendererListener): this {
    this.frame().rendererListeners.get(channel)?.delete(listener)
    return this
  }
}

export class ContextBridgeDouble implements Same<Electron.ContextBridge, 'exposeInMainWorld'> {
  constructor(private readonly frame: () => WebFrameDouble) {}

  exposeInMainWorld(apiKey: string, api: unknown): void {
    const frame = this.frame()
    // Electron refuses both: the bridge only exists between isolated worlds, and never overwrites window properties
    if (!frame.webContents.preferences.contextIsolation) {
      throw new Error('contextBridge API can only be used when contextIsolation is enabled')
    }
    if (frame.world.has(apiKey))
      throw new Error('Cannot bind an API on top of an existing property on the window object')
    frame.world.set(apiKey, api)
  }
}
