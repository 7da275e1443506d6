// Secrets from environment variables, for CI runners and cron jobs that have no keychain. A variable is read only
// when the store itself has nothing for that (profile, name), so a keychain entry always wins; which source answered
// is kept so the CLI can say it ("password from MLSWB_SECRET_MY_MLS_PASSWORD") without ever printing the value.
import { redactor } from '../redaction/redactor'
import type { SecretStore, SecretStoreInfo } from './secret-store'

export type SecretSource = 'store' | 'env'

/** `my-mls` + `uaPassword` → `MLSWB_SECRET_MY_MLS_UA_PASSWORD` (profile id and camelCase name upper snake case). */
export function envSecretVariable(profileId: string, name: string): string {
  const profile = profileId.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()
  const secret = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()
  return `MLSWB_SECRET_${profile}_${secret}`
}

export class EnvSecretFallback implements SecretStore {
  private readonly used = new Map<string, SecretSource>()

  constructor(
    private readonly base: SecretStore,
    private readonly env: Readonly<Record<string, string | undefined>>,
    /** the secret names a profile may have (env names are only looked up for these) */
    private readonly names: readonly string[]
  ) {}

  private fromEnv(profileId: string, name: string): string | undefined {
    const value = this.env[envSecretVariable(profileId, name)]
    return value === undefined || value === '' ? undefined : value
  }

  async get(profileId: string, name: string): Promise<string | undefined> {
    const stored = await this.base.get(profileId, name)
    if (stored !== undefined) {
      this.used.set(`${profileId}/${name}`, 'store')
      return stored
    }
    const value = this.fromEnv(profileId, name)
    if (value === undefined) return undefined
    redactor.addSecret(value)
    this.used.set(`${profileId}/${name}`, 'env')
    return value
  }

  /** Where a secret was (or would be) read from: the store, an environment variable, or nowhere. */
  async sourceOf(profileId: string, name: string): Promise<SecretSource | undefined> {
    if ((await this.base.list(profileId)).includes(name)) return 'store'
    return this.fromEnv(profileId, name) === undefined ? undefined : 'env'
  }

  /** The secrets read so far and where each came from (for the CLI's "which source" line). */
  sourcesUsed(): Array<{ profileId: string; name: string; source: SecretSource }> {
    return [...this.used].map(([key, source]) => {
      const slash = key.indexOf('/')
      return { profileId: key.slice(0, slash), name: key.slice(slash + 1), source }
    })
  }

  set(profileId: string, name: string, value: string): Promise<void> {
    return this.base.set(profileId, name, value)
  }

  delete(profileId: string, name: string): Promise<boolean> {
    return this.base.delete(profileId, name)
  }

  async list(profileId: string): Promise<string[]> {
    const names = new Set(await this.base.list(profileId))
    for (const name of this.names) if (this.fromEnv(profileId, name) !== undefined) names.add(name)
    return [...names].sort()
  }

  deleteAll(profileId: string): Promise<void> {
    return this.base.deleteAll(profileId)
  }

  info(): SecretStoreInfo {
    return this.base.info()
  }
}
