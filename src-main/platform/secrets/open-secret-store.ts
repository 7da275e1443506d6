// Picks where secrets live (DESIGN §6): the OS keychain through keytar; else Electron safeStorage when its backend
// really encrypts; else memory. The chosen store's info().detail names the store and, when it is not the keychain,
// why the better ones were passed over — the UI shows that sentence as is.
import { toErrorShape } from '../../../contract/app-error'
import { EncryptedFileSecretStore, type SafeStorageLike } from './encrypted-file-secret-store'
import { KeytarSecretStore, loadKeytar, probeKeychain, type KeytarLoad } from './keytar-secret-store'
import { MemorySecretStore } from './memory-secret-store'
import { RegisteringSecretStore } from './registering-secret-store'
import type { SecretStore, SecretStoreInfo } from './secret-store'

export interface OpenSecretStoreOptions {
  /** passed in by the Electron shell; absent in web mode, the CLI and tests */
  safeStorage?: SafeStorageLike
  /** where the safeStorage-encrypted secrets file lives (user-data folder) */
  filePath: string
  /** injectable for tests: how keytar is loaded (default: dynamic import of the optional package) */
  loadKeytar?: () => Promise<KeytarLoad>
  probeTimeoutMs?: number
}

/** Opens the best available store, wrapped so every value read or written is registered with the redactor. */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const passedOver: string[] = []

  const loaded = await (options.loadKeytar ?? loadKeytar)()
  if (loaded.ok) {
    const probe = await probeKeychain(loaded.keytar, options.probeTimeoutMs)
    if (probe.ok) return new RegisteringSecretStore(new KeytarSecretStore(loaded.keytar))
    passedOver.push(probe.reason)
  } else {
    passedOver.push(loaded.reason)
  }

  if (options.safeStorage) {
    try {
      const store = new EncryptedFileSecretStore(options.safeStorage, options.filePath)
      await store.load()
      return new RegisteringSecretStore(withReasons(store, passedOver))
    } catch (err) {
      passedOver.push(`safeStorage cannot be used: ${toErrorShape(err).message}`)
    }
  } else {
    passedOver.push('Electron safeStorage is not available when running outside Electron')
  }

  return new RegisteringSecretStore(
    new MemorySecretStore(
      `Secrets are kept in memory only and are forgotten when the app quits, because ${passedOver.join('; ')}.`
    )
  )
}

/** Keeps a store's behaviour but appends why the keychain was not used to its detail. */
function withReasons(store: SecretStore, reasons: string[]): SecretStore {
  const info = (): SecretStoreInfo => {
    const base = store.info()
    return reasons.length
      ? { ...base, detail: `${base.detail} The system keychain was not used: ${reasons.join('; ')}.` }
      : base
  }
  return {
    get: (p, n) => store.get(p, n),
    set: (p, n, v) => store.set(p, n, v),
    delete: (p, n) => store.delete(p, n),
    list: (p) => store.list(p),
    deleteAll: (p) => store.deleteAll(p),
    info
  }
}
