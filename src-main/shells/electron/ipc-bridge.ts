// Electron transport for the handler registry: one ipcMain.handle per contract channel (nothing else is
// registered, so other channels have no handler), and every call must come from our window's main frame showing
// our own page — not an iframe, not another window, not a page the window was navigated to.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { requestChannelNames } from '../../../contract/ipc-contract'
import type { HandlerRegistry } from '../../handlers/handler-registry'
import type { EventHub } from '../../app/event-hub'

export interface BridgeOptions {
  registry: HandlerRegistry
  hub: EventHub
  window: () => BrowserWindow | null
  /** the app's own page (see app-page.ts) */
  isAppPage: (url: string) => boolean
}

export function bridgeIpc({ registry, hub, window, isAppPage }: BridgeOptions): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = window()
    const frame = event.senderFrame
    // the main frame belongs to the window's webContents, so this also pins event.sender
    return !!win && !!frame && frame === win.webContents.mainFrame && isAppPage(frame.url)
  }
  for (const channel of requestChannelNames) {
    ipcMain.handle(channel, (event, args: unknown) => {
      if (!trusted(event)) {
        return { ok: false, error: { code: 'IPC_UNTRUSTED_SENDER', message: 'Request from an unknown frame refused.' } }
      }
      return registry.dispatch(channel, args, { transport: 'electron' })
    })
  }
  const unsubscribe = hub.subscribe((event, payload) => {
    const win = window()
    if (win && !win.isDestroyed()) win.webContents.send(event, payload)
  })
  return () => {
    unsubscribe()
    for (const channel of requestChannelNames) ipcMain.removeHandler(channel)
  }
}
