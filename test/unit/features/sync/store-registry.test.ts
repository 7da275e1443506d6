// The registry opens each profile's SQLite copy once; a copy another program holds locked fails with SQLite's word
// and a hint about that program, not the "rebuild the driver" hint a missing native module gets.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SyncStoreRegistry } from '../../../../src-main/features/sync/store-registry'

const dir = mkdtempSync(path.join(tmpdir(), 'store-registry-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sync store registry', () => {
  it('keeps one open store per profile', async () => {
    const registry = new SyncStoreRegistry(dir)
    const store = await registry.store({ id: 'demo' })
    expect(store.location).toBe(path.join(dir, 'demo.sqlite'))
    expect(await registry.store({ id: 'demo' })).toBe(store)
    await registry.closeAll()
  })

  it('a copy locked by another program: SQLite says so, and the hint names the file', async () => {
    const file = path.join(dir, 'locked.sqlite')
    const other = new Database(file)
    other.pragma('locking_mode = EXCLUSIVE')
    other.exec('BEGIN EXCLUSIVE')
    const registry = new SyncStoreRegistry(dir)
    // SQLITE_BUSY once the busy timeout (5 s) runs out
    const failure = await registry.store({ id: 'locked' }).catch((e: unknown) => e)
    expect(failure).toMatchObject({
      code: 'SYNC_STORE_UNAVAILABLE',
      message: expect.stringMatching(/database is locked/),
      hint: expect.stringContaining(`Another program may hold ${file}`)
    })
    other.exec('COMMIT')
    other.close()
    await registry.closeAll()
  }, 20_000)
})
