// Public surface of the secret store. The app calls openSecretStore() once at start-up.
export type { SecretStore, SecretStoreInfo, SecretStoreKind } from './secret-store'
export { openSecretStore, type OpenSecretStoreOptions } from './open-secret-store'
export { MemorySecretStore } from './memory-secret-store'
export {
  KeytarSecretStore,
  KEYCHAIN_SERVICE,
  loadKeytar,
  probeKeychain,
  type KeytarLike,
  type KeytarLoad
} from './keytar-secret-store'
export { EncryptedFileSecretStore, type SafeStorageLike } from './encrypted-file-secret-store'
export { RegisteringSecretStore } from './registering-secret-store'
export { BuiltInSecretsOverlay, type FixedSecrets } from './built-in-secrets'
