// Built-in profiles (the in-process Demo MLS) come with fixed credentials that change with every run of the demo
// server. They are served from memory in front of the real store, so starting the app never writes demo
// passwords into the user's keychain; every other profile goes straight through.
import { MemorySecretStore } from './memory-secret-store'
import { RegisteringSecretStore } from './registering-secret-store'
import type { SecretStore, SecretStoreInfo } from './secret-store'

export type FixedSecrets = Record<string, Record<string, string>>

export class BuiltInSecretsOverlay implements SecretStore {
  private readonly fixed: SecretStore = new RegisteringSecretStore(new MemorySecretStore())
  private readonly ids: Set<string>

  /** Call {@link seed} before use; `ids` are the profiles answered from memory. */
  constructor(
    private readonly base: SecretStore,
    ids: Iterable<string>
  ) {
    this.ids = new Set(ids)
  }

  async seed(secrets: FixedSecrets): Promise<void> {
    for (const [profileId, values] of Object.entries(secrets)) {
      this.ids.add(profileId)
      for (const [name, value] of Object.entries(values)) await this.set(profileId, name, value)
    }
  }

  private pick(profileId: string): SecretStore {
    return this.ids.has(profileId) ? this.fixed : this.base
  }

  get(profileId: string, name: string): Promise<string | undefined> {
    return this.pick(profileId).get(profileId, name)
  }

  set(profileId: string, name: string, value: string): Promise<void> {
    return this.pick(profileId).set(profileId, name, value)
  }

  delete(profileId: string, name: string): Promise<boolean> {
    return this.pick(profileId).delete(profileId, name)
  }

  list(profileId: string): Promise<string[]> {
    return this.pick(profileId).list(profileId)
  }

  deleteAll(profileId: string): Promise<void> {
    return this.pick(profileId).deleteAll(profileId)
  }

  info(): SecretStoreInfo {
    return this.base.info()
  }
}
