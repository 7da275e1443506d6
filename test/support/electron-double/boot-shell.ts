// Runs the real Electron entry points against a fresh double: src-main/index.ts as main (made ready, its window
// awaited) and src-main/preload.ts in whichever frame a test names — so tests exercise the shell that ships.
// One shell at a time: `electron` is whichever double was installed last, for code loaded before and after.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, vi } from 'vitest'
import type { BrowserWindowDouble } from './browser-window-double'
import { installElectronDouble, type ElectronDouble, type ElectronDoubleOptions } from './index'
import type { WebFrameDouble } from './web-contents-double'

/**
 * What the preload puts on `window.api`, as tests drive it: any channel name may be tried. Typed here rather than
 * with the contract's api type so these tests depend on the contract only through its channel names.
 */
export interface PageApi {
  invoke(channel: string, args: unknown): Promise<PageReply>
  on(event: string, listener: (payload: Record<string, unknown>) => void): () => void
}

export type PageReply =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; detail?: string; hint?: string } }

export interface BootedShell {
  electron: ElectronDouble
  window: BrowserWindowDouble
  userData: string
  /** Quits the app as a user would and waits until it has (the workbench closes first). */
  quit(): Promise<void>
}

/** Imports src-main/index.ts anew with a fresh double (the app not yet ready). */
export async function loadMain(opts: Partial<ElectronDoubleOptions> = {}): Promise<ElectronDouble> {
  const userData = opts.userData ?? mkdtempSync(path.join(os.tmpdir(), 'mlswb-shell-'))
  const electron = installElectronDouble({ ...opts, userData })
  vi.resetModules()
  await import('../../../src-main/index')
  return electron
}

/** Loads main, fires `ready` and waits for the app's window. */
export async function bootShell(opts: Partial<ElectronDoubleOptions> = {}): Promise<BootedShell> {
  const electron = await loadMain(opts)
  const windowOpened = electron.nextWindow()
  electron.app.fireReady()
  const window = await Promise.race([
    windowOpened,
    electron.app.whenQuit().then(() => {
      throw new Error(`the app quit before opening its window (exit code ${electron.app.exitCode})`)
    })
  ])
  return {
    electron,
    window,
    userData: electron.app.getPath('userData'),
    quit: async () => {
      electron.app.quit()
      await electron.app.whenQuit()
    }
  }
}

/**
 * For files that boot a shell per test: returns bootShell, and quits the shell booted last after each test (a test
 * that quits and boots again to see what was kept leaves only its last shell running).
 */
export function bootPerTest(): (opts?: Partial<ElectronDoubleOptions>) => Promise<BootedShell> {
  let last: BootedShell | undefined
  afterEach(async () => {
    await last?.quit()
    last = undefined
  })
  return async (opts) => (last = await bootShell(opts))
}

/** Runs src-main/preload.ts in `frame` (as Electron does on every page load) and returns what it put on window. */
export async function runPreload(electron: ElectronDouble, frame: WebFrameDouble): Promise<PageApi> {
  electron.enterFrame(frame)
  vi.resetModules()
  await import('../../../src-main/preload')
  const api = frame.world.get('api')
  if (!api) throw new Error('the preload exposed no api')
  return api as PageApi
}
