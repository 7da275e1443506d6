import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EncryptedFileSecretStore } from '../../../../src-main/platform/secrets/encrypted-file-secret-store'
import { aesSafeStorage } from './aes-safe-storage'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlswb-secrets-'))
  file = path.join(dir, 'secrets.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('EncryptedFileSecretStore', () => {
  it('refuses safeStorage whose backend is basic_text', () => {
    expect(() => new EncryptedFileSecretStore(aesSafeStorage(undefined, 'basic_text'), file)).toThrow(
      expect.objectContaining({ code: 'SECRET_WEAK_ENCRYPTION' })
    )
  })

  it('round-trips through its file: a second instance with the same key reads what the first wrote', async () => {
    const key = randomBytes(32)
    const first = new EncryptedFileSecretStore(aesSafeStorage(key), file)
    await first.set('rets-1', 'password', 'plain-password-value')
    await first.set('rets-1', 'uaPassword', 'plain-ua-value')
    await first.set('reso-1', 'clientSecret', 'plain-client-secret')
    await first.delete('rets-1', 'uaPassword')

    const second = new EncryptedFileSecretStore(aesSafeStorage(key), file)
    expect(await second.get('rets-1', 'password')).toBe('plain-password-value')
    expect(await second.get('rets-1', 'uaPassword')).toBeUndefined()
    expect(await second.list('rets-1')).toEqual(['password'])
    expect(await second.get('reso-1', 'clientSecret')).toBe('plain-client-secret')

    const text = await readFile(file, 'utf8')
    expect(text).not.toContain('plain-')
    const parsed = JSON.parse(text) as {
      version: number
      backend: string
      secrets: Record<string, Record<string, string>>
    }
    expect(parsed.version).toBe(1)
    expect(parsed.backend).toBe('gnome_libsecret')
    expect(Object.keys(parsed.secrets).sort()).toEqual(['reso-1', 'rets-1'])
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await readdir(dir)).toEqual(['secrets.json'])
    expect(first.info()).toMatchObject({ kind: 'safeStorage', persistent: true })
  })

  it('deleteAll removes one profile only', async () => {
    const store = new EncryptedFileSecretStore(aesSafeStorage(), file)
    await store.set('a', 'password', 'pw-a-value')
    await store.set('b', 'password', 'pw-b-value')
    await store.deleteAll('a')
    expect(await store.list('a')).toEqual([])
    expect(JSON.parse(await readFile(file, 'utf8')).secrets).not.toHaveProperty('a')
    expect(await store.get('b', 'password')).toBe('pw-b-value')
  })

  it('concurrent writes do not lose each other', async () => {
    const key = randomBytes(32)
    const store = new EncryptedFileSecretStore(aesSafeStorage(key), file)
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`p${i}`, 'password', `value-${i}`)))
    const again = new EncryptedFileSecretStore(aesSafeStorage(key), file)
    for (let i = 0; i < 20; i++) expect(await again.get(`p${i}`, 'password')).toBe(`value-${i}`)
  })

  it('a different key cannot decrypt, and says so plainly', async () => {
    await new EncryptedFileSecretStore(aesSafeStorage(), file).set('p', 'password', 'secret-value')
    const other = new EncryptedFileSecretStore(aesSafeStorage(), file)
    await expect(other.get('p', 'password')).rejects.toMatchObject({ code: 'SECRET_DECRYPT_FAILED' })
  })

  it('a damaged file is reported, not silently replaced', async () => {
    await writeFile(file, '{ not json')
    const store = new EncryptedFileSecretStore(aesSafeStorage(), file)
    await expect(store.load()).rejects.toMatchObject({ code: 'SECRET_FILE_CORRUPT' })
    await expect(store.set('p', 'password', 'x-value')).rejects.toMatchObject({ code: 'SECRET_FILE_CORRUPT' })
    expect(await readFile(file, 'utf8')).toBe('{ not json')
  })
})
