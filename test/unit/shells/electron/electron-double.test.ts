// The electron double refuses what Electron refuses, so the shell's tests cannot pass on behaviour the real thing
// would not allow (a window before ready, a second handler for a channel, contextBridge without isolation…).
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { installElectronDouble } from '../../../support/electron-double'

const fresh = () => installElectronDouble({ userData: mkdtempSync(path.join(os.tmpdir(), 'mlswb-double-')) })

describe('electron double', () => {
  it('has no window, session or screen before ready', () => {
    const electron = fresh()
    expect(() => new electron.BrowserWindow()).toThrow('Cannot create BrowserWindow before app is ready')
    expect(() => electron.session.defaultSession).toThrow('Session can only be received when app is ready')
    expect(() => electron.screen.getAllDisplays()).toThrow("can't be used before the app 'ready' event")
    electron.app.fireReady()
    expect(new electron.BrowserWindow().isDestroyed()).toBe(false)
  })

  it('allows one invoke handler per channel and copies what crosses, as structured clone does', async () => {
    const electron = fresh()
    electron.app.fireReady()
    const win = new electron.BrowserWindow()
    electron.ipcMain.handle('ping', (_e, arg: unknown) => ({ got: arg }))
    expect(() => electron.ipcMain.handle('ping', () => 1)).toThrow("Attempted to register a second handler for 'ping'")
    electron.enterFrame(win.webContents.mainFrame)
    const sent = { n: 1 }
    const reply = (await electron.ipcRenderer.invoke('ping', sent)) as { got: unknown }
    expect(reply.got).toEqual(sent)
    expect(reply.got).not.toBe(sent)
    electron.ipcMain.handle('fn', () => () => 1)
    await expect(electron.ipcRenderer.invoke('fn')).rejects.toThrow("Error invoking remote method 'fn'")
  })

  it('lets contextBridge work only in isolated pages, once per name', () => {
    const electron = fresh()
    electron.app.fireReady()
    const open = new electron.BrowserWindow({ webPreferences: { contextIsolation: false } })
    electron.enterFrame(open.webContents.mainFrame)
    expect(() => electron.contextBridge.exposeInMainWorld('api', {})).toThrow('only be used when contextIsolation')
    const isolated = new electron.BrowserWindow()
    electron.enterFrame(isolated.webContents.mainFrame)
    electron.contextBridge.exposeInMainWorld('api', {})
    expect(() => electron.contextBridge.exposeInMainWorld('api', {})).toThrow('Cannot bind an API on top')
  })

  it('grants permissions and opens windows unless the app says otherwise (Electron defaults)', async () => {
    const electron = fresh()
    electron.app.fireReady()
    const win = new electron.BrowserWindow()
    expect(await electron.session.defaultSession.requestPermission(win.webContents, 'media')).toBe(true)
    expect(win.webContents.openWindowFromPage('https://example.com/')).toEqual({ action: 'allow' })
    expect(win.webContents.navigateFromPage('https://example.com/')).toEqual({ prevented: false })
  })

  it('encrypts with safeStorage only once ready on Linux, and only its own ciphertext decrypts', () => {
    const electron = fresh()
    if (process.platform === 'linux') expect(electron.safeStorage.isEncryptionAvailable()).toBe(false)
    electron.app.fireReady()
    const sealed = electron.safeStorage.encryptString('s3cret')
    expect(sealed.includes(Buffer.from('s3cret'))).toBe(false)
    expect(electron.safeStorage.decryptString(sealed)).toBe('s3cret')
    const other = fresh()
    other.app.fireReady()
    expect(() => other.safeStorage.decryptString(sealed)).toThrow('Error while decrypting')
  })
})
