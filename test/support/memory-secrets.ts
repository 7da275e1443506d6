// A Map-backed SecretStoreLike for auth tests (the real one is the keychain-backed SecretStore).
import type { SecretStoreLike } from '../../src-main/protocols/oauth/secret-store-like'

export class MemorySecrets implements SecretStoreLike {
  readonly values = new Map<string, string>()
  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v)
  }
  async get(name: string): Promise<string | undefined> {
    return this.values.get(name)
  }
  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value)
  }
  async delete(name: string): Promise<boolean> {
    return this.values.delete(name)
  }
}
