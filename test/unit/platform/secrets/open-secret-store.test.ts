import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSecretStore } from '../../../../src-main/platform/secrets/open-secret-store'
import { withoutPaths } from '../../../../src-main/platform/secrets/keychain-problem'
import type { KeytarLike, KeytarLoad } from '../../../../src-main/platform/secrets/keytar-secret-store'
import type { SecretStoreInfo } from '../../../../src-main/platform/secrets/secret-store'
import { redactor } from '../../../../src-main/platform/redaction/redactor'
import { repoRoot } from '../../../support/paths'
import { aesSafeStorage } from './aes-safe-storage'

const here = path.dirname(fileURLToPath(import.meta.url))
// what a bundled build really says when npm removed keytar: the module error names the chunk that asked for it
const noKeytar = async (): Promise<KeytarLoad> => ({
  ok: false,
  reason:
    "keytar could not be loaded (Cannot find package 'keytar' imported from /home/u/app/out/main/chunks/csp-Xy12.js)"
})

/** A keytar that loads but whose keychain refuses, like libsecret without a Secret Service. */
function brokenKeytar(message: string): () => Promise<KeytarLoad> {
  const fail = (): Promise<never> => Promise.reject(new Error(message))
  const keytar: KeytarLike = { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail }
  return async () => ({ ok: true, keytar })
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlswb-open-secrets-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('openSecretStore', () => {
  it('falls back to memory with a plain sentence, advice and path-free details when there is neither keytar nor safeStorage', async () => {
    const store = await openSecretStore({ filePath: path.join(dir, 's.json'), loadKeytar: noKeytar })
    const info = store.info()
    expect(info.kind).toBe('memory')
    expect(info.persistent).toBe(false)
    expect(info.summary).toBe(
      'Secrets are kept in memory for this session only: the system keychain is not available (libsecret is not installed).'
    )
    expect(info.advice).toContain('sudo apt-get install libsecret-1-dev gnome-keyring')
    expect(info.detail).toBe(
      "keytar could not be loaded (Cannot find package 'keytar'); " +
        'Electron safeStorage is not available when running outside Electron.'
    )
    expect(`${info.summary} ${info.advice} ${info.detail}`).not.toMatch(/\/(home|out|work)\/|chunks|\.js\b/)
  })

  it('cuts file paths and file URLs out of technical reasons', () => {
    expect(withoutPaths("Cannot find module '/opt/app/node_modules/keytar/build/Release/keytar.node'")).toBe(
      "Cannot find module '…'"
    )
    expect(withoutPaths('load failed at file:///C:/app/out/main/index.js here')).toBe('load failed at … here')
    expect(withoutPaths('libsecret-1.so.0: cannot open shared object file (and/or locked)')).toBe(
      'libsecret-1.so.0: cannot open shared object file (and/or locked)'
    )
  })

  it('uses safeStorage (AES test key) when the keychain refuses, and round-trips through its file', async () => {
    const key = Buffer.alloc(32, 7)
    const filePath = path.join(dir, 'secrets.json')
    const store = await openSecretStore({
      filePath,
      safeStorage: aesSafeStorage(key),
      loadKeytar: brokenKeytar('Cannot autolaunch D-Bus without X11 $DISPLAY')
    })
    expect(store.info()).toMatchObject({ kind: 'safeStorage', persistent: true })
    expect(store.info().summary).toMatch(/^Secrets are encrypted with the system keyring/)
    expect(store.info().detail).toContain('the keychain is not available (Cannot autolaunch D-Bus')
    await store.set('reso-1', 'clientSecret', 'client-secret-via-safe-storage')
    expect(await readFile(filePath, 'utf8')).not.toContain('client-secret-via-safe-storage')
    expect(redactor.text('secret=client-secret-via-safe-storage!')).toBe('secret=[redacted]!')

    const reopened = await openSecretStore({ filePath, safeStorage: aesSafeStorage(key), loadKeytar: noKeytar })
    expect(await reopened.get('reso-1', 'clientSecret')).toBe('client-secret-via-safe-storage')
    expect(await reopened.list('reso-1')).toEqual(['clientSecret'])
  })

  it('refuses safeStorage with the basic_text backend and says why', async () => {
    const store = await openSecretStore({
      filePath: path.join(dir, 's.json'),
      safeStorage: aesSafeStorage(undefined, 'basic_text'),
      loadKeytar: noKeytar
    })
    expect(store.info()).toMatchObject({ kind: 'memory', persistent: false })
    expect(store.info().detail).toContain(
      'safeStorage cannot be used: Electron safeStorage only offers plain-text storage (basic_text)'
    )
    await store.set('p', 'password', 'memory-only-password')
    expect(await store.get('p', 'password')).toBe('memory-only-password')
  })

  it('gives up on a keychain that does not answer in time', async () => {
    const hanging: KeytarLike = {
      getPassword: () => new Promise(() => undefined),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => new Promise(() => undefined),
      findCredentials: () => new Promise(() => undefined)
    }
    // a store that waited for the hanging keychain would never resolve: the test's own timeout is the failure
    const store = await openSecretStore({
      filePath: path.join(dir, 's.json'),
      loadKeytar: async () => ({ ok: true, keytar: hanging }),
      probeTimeoutMs: 100
    })
    expect(store.info().kind).toBe('memory')
    expect(store.info().summary).toBe(
      'Secrets are kept in memory for this session only: the system keychain did not answer.'
    )
    expect(store.info().detail).toContain('the keychain did not answer within 0.1 s')
  })

  it('with the real keytar and no D-Bus session, falls back to memory (persistent: false) with a plain reason', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mlswb-no-bus' }
    delete env.DISPLAY
    const { stdout } = await promisify(execFile)(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [path.join(here, 'print-secret-store-info.ts')],
      { env, cwd: repoRoot, timeout: 20_000 }
    )
    const info = JSON.parse(stdout) as SecretStoreInfo
    expect(info.kind).toBe('memory')
    expect(info.persistent).toBe(false)
    // keytar is built on these machines, so the reason is the missing keychain, not a missing module
    expect(info.summary).toBe(
      'Secrets are kept in memory for this session only: the system keychain is not running or is locked (no Secret Service answered).'
    )
    expect(info.detail).toMatch(/^the keychain is not available \([^)]+\); Electron safeStorage is not available/)
  }, 30_000)
})
