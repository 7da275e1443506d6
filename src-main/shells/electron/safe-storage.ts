// Electron safeStorage as the secret store's second choice (after the OS keychain via keytar). On Linux its
// 'basic_text' backend is obfuscation only; the secret store refuses that backend and falls back to memory.
import { safeStorage } from 'electron'
import type { SafeStorageLike } from '../../platform/secrets'

export function safeStorageForSecrets(): { safeStorage?: SafeStorageLike } {
  if (!safeStorage.isEncryptionAvailable()) return {}
  const backend =
    process.platform === 'linux'
      ? safeStorage.getSelectedStorageBackend()
      : process.platform === 'darwin'
        ? 'keychain'
        : 'dpapi'
  return {
    safeStorage: {
      backend,
      encryptString: (s) => safeStorage.encryptString(s),
      decryptString: (b) => safeStorage.decryptString(b)
    }
  }
}
