// The renderer's only door to main, end to end on the electron double: the real preload (src-main/preload.ts) in a
// frame, ipcRenderer → ipcMain, the real bridge's sender check, and the real workbench (with the in-process Demo MLS)
// answering. Anything but our window's main frame showing our own page is refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { requestChannelNames } from '../../../../contract/ipc-contract'
import { bootShell, runPreload, type BootedShell, type PageApi } from '../../../support/electron-double/boot-shell'

vi.mock('electron', async () => (await import('../../../support/electron-double')).electronModule)
// a boot loads the whole main process (and the Demo MLS); the first one also compiles it
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

let shell: BootedShell
let api: PageApi
beforeAll(async () => {
  shell = await bootShell()
  api = await runPreload(shell.electron, shell.window.webContents.mainFrame)
})
afterAll(() => shell.quit())

const refused = {
  ok: false,
  error: { code: 'IPC_UNTRUSTED_SENDER', message: 'Request from an unknown frame refused.' }
}

describe('IPC through the preload and the bridge', () => {
  it('the preload puts one object on window: invoke() and on(), nothing else', () => {
    const world = shell.window.webContents.mainFrame.world
    expect([...world.keys()]).toEqual(['api'])
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on'])
  })

  it("main's real handlers answer the window's page", async () => {
    const pong = await api.invoke('app:ping', { message: 'hello' })
    expect(pong).toMatchObject({ ok: true, value: { pong: 'hello' } })
    const info = await api.invoke('app:info', {})
    expect(info).toMatchObject({
      ok: true,
      value: { mode: 'electron', nativeDialogs: true, userDataDir: shell.userData, version: '0.0.0-double' }
    })
    // a real round trip to the Demo MLS: RETS login through the in-process server
    const connected = await api.invoke('session:connect', { profileId: 'demo-rets' })
    expect(connected).toMatchObject({ ok: true, value: { profileId: 'demo-rets' } })
  })

  it("main's events reach the page's listeners", async () => {
    const states: string[] = []
    const stop = api.on('job:progress', (p) => states.push(String(p.state)))
    // a real job: a small Spark query against the in-process Demo MLS
    expect(await api.invoke('session:connect', { profileId: 'demo-spark' })).toMatchObject({ ok: true })
    const started = await api.invoke('query:run', {
      profileId: 'demo-spark',
      spec: { kind: 'spark', limit: 3, fetchAll: false }
    })
    expect(started.ok).toBe(true)
    await vi.waitFor(() => expect(states).toContain('done'))
    stop()
  })

  it('bad arguments come back as the error shape, not a throw', async () => {
    const reply = await api.invoke('app:ping', { message: 42 })
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'IPC_BAD_ARGS',
        message: 'Invalid arguments for app:ping.',
        detail: expect.stringContaining('message')
      }
    })
    const extra = await api.invoke('app:ping', { message: 'x', smuggled: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'IPC_BAD_ARGS' } })
  })

  it('the preload refuses channels and events outside the contract before anything reaches main', async () => {
    const invoked = shell.electron.ipcMain.invoked.length
    for (const channel of ['fs:read', 'shell:openExternal', '__proto__', 'constructor', 'toString', '']) {
      await expect(api.invoke(channel, {}), channel).rejects.toThrow('Channel not allowed')
    }
    expect(shell.electron.ipcMain.invoked.length).toBe(invoked)
    expect(() => api.on('app:ping', () => undefined)).toThrow('Event not allowed')
    // every contract channel does reach main (empty arguments: answered, or refused as bad arguments)
    for (const channel of requestChannelNames) {
      const reply = await api.invoke(channel, {})
      expect(reply.ok || reply.error.code === 'IPC_BAD_ARGS', channel).toBe(true)
    }
    expect(shell.electron.ipcMain.invoked.slice(invoked)).toEqual(requestChannelNames)
  })

  it('main has no handler for a channel outside the contract (a renderer bypassing the preload)', async () => {
    shell.electron.enterFrame(shell.window.webContents.mainFrame)
    await expect(shell.electron.ipcRenderer.invoke('fs:read', { path: '/etc/passwd' })).rejects.toThrow(
      "No handler registered for 'fs:read'"
    )
  })

  it('refuses a sub-frame of our page, even one showing our own page', async () => {
    const main = shell.window.webContents.mainFrame
    const child = main.addChild(main.url)
    shell.electron.enterFrame(child)
    expect(await shell.electron.ipcRenderer.invoke('app:ping', { message: 'from an iframe' })).toEqual(refused)
  })

  it('refuses a request whose frame is gone by the time main looks at it', async () => {
    const main = shell.window.webContents.mainFrame
    const child = main.addChild(main.url)
    shell.electron.enterFrame(child)
    child.destroy()
    expect(await shell.electron.ipcRenderer.invoke('app:ping', { message: 'from a removed iframe' })).toEqual(refused)
  })

  it('refuses our window once it shows a foreign page (the preload runs there too)', async () => {
    const contents = shell.window.webContents
    const appUrl = contents.getURL()
    try {
      // a load main did not mean to make (a redirect, a bug): no will-navigate, the preload runs on that page
      await contents.loadURL('https://evil.example/')
      const foreign = await runPreload(shell.electron, contents.mainFrame)
      expect(await foreign.invoke('app:info', {})).toEqual(refused)
      expect(await foreign.invoke('secrets:set', { profileId: 'demo-rets', name: 'password', value: 'x' })).toEqual(
        refused
      )
    } finally {
      await contents.loadURL(appUrl)
    }
    const back = await runPreload(shell.electron, contents.mainFrame)
    expect(await back.invoke('app:ping', { message: 'home again' })).toMatchObject({ ok: true })
  })

  it('refuses another window, even one showing our page', async () => {
    const { electron, window } = shell
    const second = new electron.BrowserWindow({ webPreferences: { preload: 'x', contextIsolation: true } })
    try {
      await second.loadURL(window.webContents.getURL())
      const secondApi = await runPreload(electron, second.webContents.mainFrame)
      const reply = await secondApi.invoke('app:ping', { message: 'from another window' })
      expect(reply).toEqual(refused)
    } finally {
      second.destroy()
    }
  })
})
