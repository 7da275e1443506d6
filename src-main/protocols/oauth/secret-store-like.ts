// The slice of the SecretStore (services/secrets) the auth code needs: one profile's secrets by name. Injected so
// tests can pass a map and the app passes the keychain-backed store via profileSecrets(). Secrets never go anywhere
// else (no profile JSON, no logs).
import type { SecretStore } from '../../platform/secrets/secret-store'

export interface SecretStoreLike {
  get(name: string): Promise<string | undefined | null>
  set(name: string, value: string): Promise<void>
  delete(name: string): Promise<unknown>
}

export function profileSecrets(store: SecretStore, profileId: string): SecretStoreLike {
  return {
    get: (name) => store.get(profileId, name),
    set: (name, value) => store.set(profileId, name, value),
    delete: (name) => store.delete(profileId, name)
  }
}
