// Electron's safeStorage as the secret store's fallback when the keychain cannot be used: the shell's adapter
// (src-main/shells/electron/safe-storage.ts) on the electron double, whose safeStorage really encrypts.
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { installElectronDouble, type ElectronDoubleOptions } from '../../../support/electron-double'
import { openSecretStore } from '../../../../src-main/platform/secrets'
import { safeStorageForSecrets } from '../../../../src-main/shells/electron/safe-storage'

vi.mock('electron', async () => (await import('../../../support/electron-double')).electronModule)

const noKeychain = async () => ({ ok: false as const, reason: 'keytar is not installed' })

function readyDouble(opts: Partial<ElectronDoubleOptions> = {}) {
  const electron = installElectronDouble({ userData: mkdtempSync(path.join(os.tmpdir(), 'mlswb-safe-')), ...opts })
  electron.app.fireReady()
  return electron
}

async function storeOn(filePath: string) {
  return openSecretStore({ filePath, ...safeStorageForSecrets(), loadKeytar: noKeychain })
}

describe('safeStorage-backed secret store', () => {
  it('round-trips secrets through an encrypted file that holds no plain text', async () => {
    readyDouble()
    const filePath = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-safe-')), 'secrets.json')
    const store = await storeOn(filePath)
    expect(store.info()).toMatchObject({ kind: 'safeStorage', persistent: true })
    await store.set('acme-rets', 'password', 'Tr0ub4dor&3')
    await store.set('acme-rets', 'uaPassword', 'ua-secret-42')
    expect(await store.get('acme-rets', 'password')).toBe('Tr0ub4dor&3')

    const onDisk = readFileSync(filePath, 'utf8')
    expect(onDisk).not.toContain('Tr0ub4dor&3')
    expect(onDisk).not.toContain('ua-secret-42')
    expect(process.platform !== 'linux' || onDisk.includes('gnome_libsecret')).toBe(true)

    // the next run of the app (same keyring key) reads them back
    const again = await storeOn(filePath)
    expect(await again.get('acme-rets', 'uaPassword')).toBe('ua-secret-42')
    expect(await again.list('acme-rets')).toEqual(['password', 'uaPassword'])
  })

  it('says so when the keyring key changed and the file can no longer be decrypted', async () => {
    readyDouble()
    const filePath = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-safe-')), 'secrets.json')
    await (await storeOn(filePath)).set('acme-rets', 'password', 'old')
    readyDouble() // a new keyring: another key
    await expect((await storeOn(filePath)).get('acme-rets', 'password')).rejects.toMatchObject({
      code: 'SECRET_DECRYPT_FAILED'
    })
  })

  it.runIf(process.platform === 'linux')("refuses Linux's plain-text backend and keeps secrets in memory", async () => {
    readyDouble({ safeStorage: { backend: 'basic_text' } })
    const store = await storeOn(path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-safe-')), 'secrets.json'))
    expect(store.info()).toMatchObject({ kind: 'memory', persistent: false })
    expect(store.info().detail).toContain('basic_text')
  })

  it('offers nothing when the OS has no keyring to encrypt with', async () => {
    readyDouble({ safeStorage: { available: false } })
    expect(safeStorageForSecrets()).toEqual({})
  })
})
