// Boots the real Electron main entry (src-main/index.ts) on the electron double and checks what a security review
// of an Electron app checks: the window's webPreferences, CSP, navigation, new windows, permissions, the
// single-instance lock and exactly which IPC channels main answers.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { requestChannelNames } from '../../../../contract/ipc-contract'
import { CONTENT_SECURITY_POLICY } from '../../../../src-main/platform/csp/content-security-policy'
import { bootPerTest, bootShell, loadMain } from '../../../support/electron-double/boot-shell'
import { repoRoot } from '../../../support/paths'

vi.mock('electron', async () => (await import('../../../support/electron-double')).electronModule)
// a boot loads the whole main process (and the Demo MLS); the first one also compiles it
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const boot = bootPerTest()

const rendererIndex = pathToFileURL(path.join(repoRoot, 'renderer/index.html')).href

describe('Electron main process on the double', () => {
  it('opens one window whose pages are isolated, sandboxed, without Node and with web security on', async () => {
    const shell = await boot()
    const { electron, window } = shell
    expect(electron.BrowserWindow.getAllWindows()).toEqual([window])
    const prefs = window.webContents.preferences
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    // the bundles sit side by side in out/: main/index.js loads ../preload/preload.cjs and ../renderer/index.html
    expect(prefs.preload?.split(path.sep).slice(-2)).toEqual(['preload', 'preload.cjs'])
    expect(window.webContents.loads).toEqual([`${rendererIndex}?theme=light`])
    // created hidden, shown once the page has rendered (no white flash)
    expect(window.options.show).toBe(false)
    await vi.waitFor(() => expect(window.isVisible()).toBe(true))
  })

  it('puts the Content-Security-Policy on every response, and the page carries the same policy', async () => {
    const shell = await boot()
    const reply = await shell.electron.session.defaultSession.webRequest.receive('http://127.0.0.1:5173/', {
      'Content-Type': ['text/html']
    })
    expect(reply.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
    })
    // file:// pages get no response headers, so index.html repeats the policy (frame-ancestors is header-only)
    const html = readFileSync(path.join(repoRoot, 'src-renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''))
  })

  it('keeps the window on the app page: navigation elsewhere is prevented', async () => {
    const shell = await boot()
    const contents = shell.window.webContents
    for (const url of ['https://evil.example/', 'file:///etc/passwd', `${rendererIndex}/../x.html`, 'about:blank']) {
      expect(contents.navigateFromPage(url), url).toEqual({ prevented: true })
    }
    expect(contents.getURL()).toBe(`${rendererIndex}?theme=light`)
    expect(contents.navigateFromPage(`${rendererIndex}?theme=dark`)).toEqual({ prevented: false })
  })

  it('denies new windows and opens only http(s) links, in the system browser', async () => {
    const shell = await boot()
    const contents = shell.window.webContents
    const asked = [
      'https://www.reso.org/data-dictionary/',
      'http://127.0.0.1:6103/rets/login',
      'file:///usr/bin/xterm',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:secret@example.com/'
    ]
    for (const url of asked) expect(contents.openWindowFromPage(url), url).toEqual({ action: 'deny' })
    await vi.waitFor(() => expect(shell.electron.shell.openedExternal).toHaveLength(2))
    expect(shell.electron.shell.openedExternal).toEqual([
      'https://www.reso.org/data-dictionary/',
      'http://127.0.0.1:6103/rets/login'
    ])
    expect(shell.electron.liveWindows()).toHaveLength(1)
  })

  it('denies every permission a page asks for or checks', async () => {
    const shell = await boot()
    const { defaultSession } = shell.electron.session
    const contents = shell.window.webContents
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal'] as const) {
      expect(await defaultSession.requestPermission(contents, permission), permission).toBe(false)
    }
    expect(defaultSession.checkPermission(contents, 'clipboard-read')).toBe(false)
    expect(defaultSession.checkPermission(contents, 'notifications')).toBe(false)
  })

  it("answers on ipcMain exactly the contract's request channels", async () => {
    const shell = await boot()
    expect([...shell.electron.ipcMain.channels()].sort()).toEqual([...requestChannelNames].sort())
  })

  it('takes the single-instance lock; a second start focuses the first window', async () => {
    const shell = await boot()
    const { electron, window } = shell
    expect(electron.app.lockRequests).toBe(1)
    expect(electron.app.hasSingleInstanceLock()).toBe(true)
    window.minimize()
    electron.app.fireSecondInstance(['mls-workbench'])
    expect(window.isMinimized()).toBe(false)
    expect(window.isFocused()).toBe(true)
  })

  it('quits at once, without a window, when another instance holds the lock', async () => {
    const electron = await loadMain({ lockAvailable: false })
    expect(electron.app.hasQuit).toBe(true)
    // nothing waits for ready, listens for a second instance or guards pages: this copy does nothing at all
    expect(electron.app.readyWaiterCount).toBe(0)
    expect(electron.app.listenerCount('second-instance')).toBe(0)
    expect(electron.app.listenerCount('web-contents-created')).toBe(0)
    electron.app.fireReady()
    expect(electron.liveWindows()).toHaveLength(0)
    expect(electron.ipcMain.channels()).toEqual([])
  })

  it('closes the workbench before quitting, and quits when the last window closes', async () => {
    const booted = await bootShell()
    booted.window.close()
    await booted.electron.app.whenQuit()
    // the first quit was held back (before-quit prevented) until the workbench had closed
    expect(booted.electron.app.quitRequests).toBe(2)
    expect(existsSync(path.join(booted.userData, 'window-state.json'))).toBe(true)
  })
})
