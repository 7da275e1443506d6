// A stand-in for Electron safeStorage in tests: real AES-256-GCM with a test key, so ciphertext is really opaque
// and a wrong key really fails — the two properties the encrypted-file store relies on.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SafeStorageLike } from '../../../../src-main/platform/secrets/encrypted-file-secret-store'

export function aesSafeStorage(key: Buffer = randomBytes(32), backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    backend,
    encryptString(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')
    }
  }
}
