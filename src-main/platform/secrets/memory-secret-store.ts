// Secrets in process memory only: the last resort when neither the OS keychain nor safeStorage works, and the store
// tests use. Nothing is written anywhere; info() says so.
import { assertSecretKey, type SecretStore, type SecretStoreInfo } from './secret-store'

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, Map<string, string>>()

  constructor(
    private readonly why: Omit<SecretStoreInfo, 'kind' | 'persistent'> = {
      summary: 'Secrets are kept in memory for this session only.'
    }
  ) {}

  async get(profileId: string, name: string): Promise<string | undefined> {
    assertSecretKey(profileId, name)
    return this.values.get(profileId)?.get(name)
  }

  async set(profileId: string, name: string, value: string): Promise<void> {
    assertSecretKey(profileId, name)
    let forProfile = this.values.get(profileId)
    if (!forProfile) this.values.set(profileId, (forProfile = new Map()))
    forProfile.set(name, value)
  }

  async delete(profileId: string, name: string): Promise<boolean> {
    assertSecretKey(profileId, name)
    const forProfile = this.values.get(profileId)
    const removed = forProfile?.delete(name) ?? false
    if (forProfile?.size === 0) this.values.delete(profileId)
    return removed
  }

  async list(profileId: string): Promise<string[]> {
    assertSecretKey(profileId)
    return [...(this.values.get(profileId)?.keys() ?? [])].sort()
  }

  async deleteAll(profileId: string): Promise<void> {
    assertSecretKey(profileId)
    this.values.delete(profileId)
  }

  info(): SecretStoreInfo {
    return { kind: 'memory', persistent: false, ...this.why }
  }
}
