// safeStorage with real encryption (AES-256-GCM under a key that lives as long as the double, like the keyring's
// key), so a secret store built on it round-trips and its file holds no plain text. On Linux Electron reports
// encryption available only after `ready`, and names the keyring backend it picked.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Same } from './electron-types'

type Backend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>

export interface SafeStorageOptions {
  /** the OS has a keyring the app can use (default true) */
  available?: boolean
  /** Linux: which keyring backend Chromium picked (default gnome_libsecret) */
  backend?: Backend
}

const PREFIX = Buffer.from('v11')

export class SafeStorageDouble implements Same<
  Electron.SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
> {
  private readonly key = randomBytes(32)

  constructor(
    private readonly opts: SafeStorageOptions,
    private readonly isReady: () => boolean
  ) {}

  isEncryptionAvailable(): boolean {
    return (this.opts.available ?? true) && (process.platform !== 'linux' || this.isReady())
  }

  getSelectedStorageBackend(): Backend {
    return this.opts.backend ?? 'gnome_libsecret'
  }

  encryptString(plainText: string): Buffer {
    if (!this.isEncryptionAvailable()) {
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.'
      )
    }
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()])
    return Buffer.concat([PREFIX, iv, cipher.getAuthTag(), body])
  }

  decryptString(encrypted: Buffer): string {
    try {
      if (!encrypted.subarray(0, 3).equals(PREFIX)) throw new Error('unknown prefix')
      const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(3, 15))
      decipher.setAuthTag(encrypted.subarray(15, 31))
      return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8')
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    }
  }
}
