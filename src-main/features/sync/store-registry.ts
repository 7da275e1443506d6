// The local store of each profile, opened once and kept: SQLite in `<user data>/sync/<profile id>.sqlite` by
// default (one file per profile, so deleting a profile's copy is deleting a file), or the PostgreSQL database the
// profile names (`sync.postgresUrl`, password from the keychain) when a team shares the copy.
import path from 'node:path'
import { AppError } from '../../../contract/app-error'
import { PROFILE_ID_PATTERN } from '../../../contract/profile-schema'
import type { SecretStore } from '../../platform/secrets/secret-store'
import { SqliteStore } from './sqlite-store'
import type { LocalStore } from './sync-types'

/** The part of a profile that says where its copy lives. */
export interface ProfileSyncSettings {
  id: string
  sync?: { store: 'sqlite' | 'postgres'; postgresUrl?: string | undefined } | undefined
}

export class SyncStoreRegistry {
  private readonly open = new Map<string, { store: LocalStore; key: string }>()

  constructor(
    readonly dir: string,
    private readonly secrets?: SecretStore
  ) {}

  sqliteFile(profileId: string): string {
    if (!PROFILE_ID_PATTERN.test(profileId)) {
      throw new AppError({ code: 'SYNC_BAD_PROFILE', message: `"${profileId}" is not a profile id.` })
    }
    return path.join(this.dir, `${profileId}.sqlite`)
  }

  async store(profile: ProfileSyncSettings): Promise<LocalStore> {
    const postgresUrl = profile.sync?.store === 'postgres' ? profile.sync.postgresUrl : undefined
    const key = postgresUrl ?? 'sqlite'
    const existing = this.open.get(profile.id)
    if (existing?.key === key) return existing.store
    if (existing) await existing.store.close()
    const store = postgresUrl ? await this.postgres(profile.id, postgresUrl) : this.sqlite(profile.id)
    this.open.set(profile.id, { store, key })
    return store
  }

  private sqlite(profileId: string): LocalStore {
    try {
      return new SqliteStore(this.sqliteFile(profileId))
    } catch (err) {
      // SQLite answered (a lock, a permission, a full disk): the driver is fine, the file is not free
      const sqlite = /^SQLITE_/.test(String((err as { code?: unknown }).code))
      throw new AppError({
        code: 'SYNC_STORE_UNAVAILABLE',
        message: `The local SQLite store cannot be opened: ${err instanceof Error ? err.message : String(err)}.`,
        hint: sqlite
          ? `Another program may hold ${this.sqliteFile(profileId)} (a sync from the CLI?); try again when it is done.`
          : 'better-sqlite3 may not be built for this Node/Electron; run `npm rebuild better-sqlite3`.'
      })
    }
  }

  private async postgres(profileId: string, url: string): Promise<LocalStore> {
    // loaded on demand: a SQLite-only user never loads the PostgreSQL client
    const { PostgresStore } = await import('./postgres-store')
    const password = await this.secrets?.get(profileId, 'postgresPassword')
    return new PostgresStore(url, url, password)
  }

  async closeAll(): Promise<void> {
    const stores = [...this.open.values()]
    this.open.clear()
    await Promise.all(stores.map((s) => s.store.close()))
  }
}
