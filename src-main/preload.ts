// The renderer's only door to main: invoke() for contract channels, on() for contract events — never raw ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { isEventChannel, isRequestChannel, type WorkbenchApi } from '../contract/ipc-contract'

const api: WorkbenchApi = {
  invoke(channel, args) {
    if (!isRequestChannel(channel)) return Promise.reject(new Error(`Channel not allowed: ${String(channel)}`))
    return ipcRenderer.invoke(channel, args)
  },
  on(event, listener) {
    if (!isEventChannel(event)) throw new Error(`Event not allowed: ${String(event)}`)
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(event, wrapped)
    return () => ipcRenderer.removeListener(event, wrapped)
  }
}

contextBridge.exposeInMainWorld('api', api)
