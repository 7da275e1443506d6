import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSecretStore } from '../../../../src-main/platform/secrets/open-secret-store'
import type { KeytarLike, KeytarLoad } from '../../../../src-main/platform/secrets/keytar-secret-store'
import type { SecretStoreInfo } from '../../../../src-main/platform/secrets/secret-store'
import { redactor } from '../../../../src-main/platform/redaction/redactor'
import { repoRoot } from '../../../support/paths'
import { aesSafeStorage } from './aes-safe-storage'

const here = path.dirname(fileURLToPath(import.meta.url))
const noKeytar = async (): Promise<KeytarLoad> => ({ ok: false, reason: 'keytar could not be loaded (test)' })

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
  it('falls back to memory with a plain reason when there is neither keytar nor safeStorage', async () => {
    const store = await openSecretStore({ filePath: path.join(dir, 's.json'), loadKeytar: noKeytar })
    const info = store.info()
    expect(info.kind).toBe('memory')
    expect(info.persistent).toBe(false)
    expect(info.detail).toBe(
      'Secrets are kept in memory only and are forgotten when the app quits, because keytar could not be loaded (test); ' +
        'Electron safeStorage is not available when running outside Electron.'
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
    expect(store.info().detail).toContain(
      'The system keychain was not used: the keychain is not available (Cannot autolaunch D-Bus'
    )
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
    const started = Date.now()
    const store = await openSecretStore({
      filePath: path.join(dir, 's.json'),
      loadKeytar: async () => ({ ok: true, keytar: hanging }),
      probeTimeoutMs: 100
    })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(store.info().kind).toBe('memory')
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
    expect(info.detail).toMatch(/^Secrets are kept in memory only and are forgotten when the app quits, because /)
    // keytar is built on these machines, so the reason is the missing keychain, not a missing module
    expect(info.detail).toMatch(
      /because the keychain is not available \([^)]+\); Electron safeStorage is not available/
    )
  }, 30_000)
})
