// Every secret value that passes through the store — read or written — is registered with the process-wide
// redactor, so it is hidden in the wire log, raw view, errors and exports even where no pattern would catch it.
import { redactor, type Redactor } from '../redaction/redactor'
import type { SecretStore, SecretStoreInfo } from './secret-store'

export class RegisteringSecretStore implements SecretStore {
  constructor(
    readonly inner: SecretStore,
    private readonly redact: Redactor = redactor
  ) {}

  async get(profileId: string, name: string): Promise<string | undefined> {
    const value = await this.inner.get(profileId, name)
    this.redact.addSecret(value)
    return value
  }

  async set(profileId: string, name: string, value: string): Promise<void> {
    // registered first: if saving fails, the value the user typed is still never echoed back
    this.redact.addSecret(value)
    await this.inner.set(profileId, name, value)
  }

  delete(profileId: string, name: string): Promise<boolean> {
    return this.inner.delete(profileId, name)
  }

  list(profileId: string): Promise<string[]> {
    return this.inner.list(profileId)
  }

  deleteAll(profileId: string): Promise<void> {
    return this.inner.deleteAll(profileId)
  }

  info(): SecretStoreInfo {
    return this.inner.info()
  }
}
