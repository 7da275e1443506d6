// The local store of each profile, opened once and kept: SQLite in `<user data>/sync/<profile id>.sqlite` by
// default (one file per profile, so deleting a profile's copy is deleting a file).
import path from 'node:path'
import { AppError } from '../../../contract/app-error'
import { PROFILE_ID_PATTERN } from '../../../contract/profile-schema'
import { SqliteStore } from './sqlite-store'
import type { LocalStore } from './sync-types'

export class SyncStoreRegistry {
  private readonly open = new Map<string, LocalStore>()

  constructor(readonly dir: string) {}

  sqliteFile(profileId: string): string {
    if (!PROFILE_ID_PATTERN.test(profileId)) {
      throw new AppError({ code: 'SYNC_BAD_PROFILE', message: `"${profileId}" is not a profile id.` })
    }
    return path.join(this.dir, `${profileId}.sqlite`)
  }

  async store(profileId: string): Promise<LocalStore> {
    const existing = this.open.get(profileId)
    if (existing) return existing
    let store: LocalStore
    try {
      store = new SqliteStore(this.sqliteFile(profileId))
    } catch (err) {
      throw new AppError({
        code: 'SYNC_STORE_UNAVAILABLE',
        message: `The local SQLite store cannot be opened: ${err instanceof Error ? err.message : String(err)}.`,
        hint: 'better-sqlite3 may not be built for this Node/Electron; run `npm rebuild better-sqlite3`.'
      })
    }
    this.open.set(profileId, store)
    return store
  }

  async closeAll(): Promise<void> {
    const stores = [...this.open.values()]
    this.open.clear()
    await Promise.all(stores.map((s) => s.close()))
  }
}
