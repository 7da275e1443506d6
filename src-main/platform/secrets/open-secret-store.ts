// Picks where secrets live: the OS keychain through keytar; else Electron safeStorage when its backend really
// encrypts; else memory. The chosen store's info() says so in one plain sentence, with what to do and, behind it,
// the technical reasons the better stores were passed over.
import { toErrorShape } from '../../../contract/app-error'
import { EncryptedFileSecretStore, type SafeStorageLike } from './encrypted-file-secret-store'
import { KeytarSecretStore, loadKeytar, probeKeychain, type KeytarLoad } from './keytar-secret-store'
import { MemorySecretStore } from './memory-secret-store'
import { keychainProblem, withoutPaths, type KeychainProblem } from './keychain-problem'
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
  let problem: KeychainProblem

  const loaded = await (options.loadKeytar ?? loadKeytar)()
  if (loaded.ok) {
    const probe = await probeKeychain(loaded.keytar, options.probeTimeoutMs)
    if (probe.ok) return new RegisteringSecretStore(new KeytarSecretStore(loaded.keytar))
    problem = keychainProblem(probe.timedOut ? 'timeout' : 'probe', probe.reason)
  } else {
    problem = keychainProblem('load', loaded.reason)
  }
  passedOver.push(problem.technical)

  if (options.safeStorage) {
    try {
      const store = new EncryptedFileSecretStore(options.safeStorage, options.filePath)
      await store.load()
      return new RegisteringSecretStore(withProblem(store, problem))
    } catch (err) {
      passedOver.push(`safeStorage cannot be used: ${withoutPaths(toErrorShape(err).message)}`)
    }
  } else {
    passedOver.push('Electron safeStorage is not available when running outside Electron')
  }

  return new RegisteringSecretStore(
    new MemorySecretStore({
      summary: `Secrets are kept in memory for this session only: the system keychain ${problem.why}.`,
      advice: problem.advice,
      detail: `${passedOver.join('; ')}.`
    })
  )
}

/** Keeps a store's behaviour but says why the keychain was not used (and how to get it back). */
function withProblem(store: SecretStore, problem: KeychainProblem): SecretStore {
  const info = (): SecretStoreInfo => ({
    ...store.info(),
    advice: problem.advice,
    detail: `The system keychain ${problem.why}: ${problem.technical}.`
  })
  return {
    get: (p, n) => store.get(p, n),
    set: (p, n, v) => store.set(p, n, v),
    delete: (p, n) => store.delete(p, n),
    list: (p) => store.list(p),
    deleteAll: (p) => store.deleteAll(p),
    info
  }
}
