// Electron transport for the handler registry: one ipcMain.handle per contract channel (nothing else is
// registered, so other channels have no handler), and every call must come from our window's main frame.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { requestChannelNames } from '../../../contract/ipc-contract'
import type { HandlerRegistry } from '../../handlers/handler-registry'
import type { EventHub } from '../../app/event-hub'

export function bridgeIpc(registry: HandlerRegistry, hub: EventHub, getWindow: () => BrowserWindow | null): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = getWindow()
    return !!win && event.sender === win.webContents && event.senderFrame === win.webContents.mainFrame
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
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(event, payload)
  })
  return () => {
    unsubscribe()
    for (const channel of requestChannelNames) ipcMain.removeHandler(channel)
  }
}
