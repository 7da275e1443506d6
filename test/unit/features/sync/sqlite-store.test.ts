// The SQLite store's bulk-load paths: an empty table gets its secondary indexes only when the master list is
// compared or the run ends (also after a plan made the table first); the master list is compared in the database
// (the case PostgreSQL shares); a batch counts alike whether it inserts first or looks up first. A store in a file
// builds those indexes on a worker's connection while the list arrives; the batch writer commits or drops its batch.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../../src-main/features/sync/sqlite-store'
import { buildIndexesOnWorker } from '../../../../src-main/features/sync/sqlite-index-worker'
import type { SyncRecord } from '../../../../src-main/features/sync/sync-types'
import { expectMasterDiffPlan, masterDiffShape, thing } from '../../../support/master-diff-case'

async function indexes(store: SqliteStore): Promise<string[]> {
  const r = await store.query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Thing'`, 100)
  return r.rows.map((row) => String(row[0])).filter((n) => !n.startsWith('sqlite_'))
}

const dir = mkdtempSync(path.join(tmpdir(), 'sqlite-store-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SQLite sync store', () => {
  it("builds indexes on a worker thread: its own connection, SQLite's error when a statement fails", async () => {
    const file = path.join(dir, 'worker.sqlite')
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, s TEXT)')
    db.prepare('INSERT INTO t VALUES (?, ?)').run('a', '1')
    await buildIndexesOnWorker(file, ['CREATE INDEX t_s ON t (s)', 'CREATE INDEX t_ks ON t (k, s)'])
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
    expect(names.pluck().all()).toEqual(['t_ks', 't_s'])
    await expect(buildIndexesOnWorker(file, ['CREATE INDEX t_x ON t (nope)'])).rejects.toThrow(/no such column: nope/)
    db.close()
  })

  it('in a file, compares the master list once the worker built the held-back indexes', async () => {
    const store = new SqliteStore(path.join(dir, 'diff.sqlite'))
    await expectMasterDiffPlan(store)
    expect((await indexes(store)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    await store.close()
  })

  it('commits a written batch with its cursor, or drops it whole', async () => {
    const store = new SqliteStore(':memory:')
    const info = await store.ensureTable(masterDiffShape)
    const run = await store.startRun('Thing', undefined)
    const writer = store.batchWriter(info, run)
    writer.add(thing('a', '2026-01-01T00:00:00Z'))
    writer.add(thing('b', '2026-01-02T00:00:00Z'))
    expect(writer.commit('2')).toMatchObject({ new: 2, changed: ['a', 'b'] })
    writer.add(thing('c', '2026-01-03T00:00:00Z'))
    writer.abort()
    // a batch of nothing still moves the cursor
    expect(writer.commit('3')).toMatchObject({ new: 0, changed: [] })
    expect(run).toMatchObject({ cursor: '3', maxStamp: '2026-01-02T00:00:00Z', counts: { new: 2 } })
    expect((await store.query('SELECT Key FROM Thing ORDER BY Key', 10)).rows).toEqual([['a'], ['b']])
    expect((await store.runs(1))[0]).toMatchObject({ cursor: '3', maxStamp: '2026-01-02T00:00:00Z' })
    await store.close()
  })

  it('builds the indexes of an empty table when the master list is compared, or else when the run ends', async () => {
    const store = new SqliteStore(':memory:')
    const info = await store.ensureTable(masterDiffShape)
    await store.ensureTable(masterDiffShape) // a plan, then the run
    expect(await indexes(store)).toEqual([])
    const run = await store.startRun('Thing', undefined)
    await store.applyBatch(info, run, [thing('a', '2026-01-01T00:00:00Z')], 'x')
    expect(await indexes(store)).toEqual([])
    // the reconcile pass reads the key + stamp index: it is there before the comparison
    const diff = await store.masterDiff(info)
    expect((await indexes(store)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    await diff.close()
    await store.finishRun(run, 'done')
    expect((await indexes(store)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    // without a comparison (a run cancelled before it): the run's end builds them
    const other = new SqliteStore(':memory:')
    const otherInfo = await other.ensureTable(masterDiffShape)
    const otherRun = await other.startRun('Thing', undefined)
    await other.applyBatch(otherInfo, otherRun, [thing('a', '2026-01-01T00:00:00Z')], 'x')
    await other.finishRun(otherRun, 'cancelled')
    expect((await indexes(other)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    await other.close()
    // a table with rows keeps (or gets) its index at once
    await store.ensureTable(masterDiffShape)
    expect((await indexes(store)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    await store.close()
  })

  it('compares the master list in the database', async () => {
    const store = new SqliteStore(':memory:')
    await expectMasterDiffPlan(store)
    await store.close()
  })

  it('counts new, updated, unchanged and back-after-delete alike whether a batch inserts first or looks up first', async () => {
    const store = new SqliteStore(':memory:')
    const info = await store.ensureTable(masterDiffShape)
    const run = await store.startRun('Thing', undefined)
    const t1 = '2026-01-01T00:00:00Z'
    const t2 = '2026-02-01T00:00:00Z'
    const counts = async (records: SyncRecord[]): Promise<unknown> => {
      const { changed, ...rest } = await store.applyBatch(info, run, records, 'x')
      return { ...rest, changed: [...changed].sort() }
    }
    // a first batch: all new (inserted first)
    expect(await counts(['a', 'b', 'c', 'd'].map((k) => thing(k, t1)))).toEqual({
      new: 4,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      changed: ['a', 'b', 'c', 'd']
    })
    await store.markDeleted(info, run, ['d'])
    // mostly new still: the known keys fall back to the comparison
    const mixed = [thing('e', t1), thing('f', t1), thing('g', t1), thing('a', t1), thing('b', t2), thing('d', t1)]
    expect(await counts(mixed)).toEqual({
      new: 4,
      updated: 1,
      unchanged: 1,
      deleted: 0,
      changed: ['b', 'd', 'e', 'f', 'g']
    })
    // mostly known records: still inserted first (the batch before was mostly new) …
    expect(await counts([thing('a', t1), thing('c', t1), thing('e', t2), thing('h', t1)])).toEqual({
      new: 1,
      updated: 1,
      unchanged: 2,
      deleted: 0,
      changed: ['e', 'h']
    })
    // … and then looked up first
    expect(await counts([thing('a', t2), thing('c', t1), thing('i', t1)])).toEqual({
      new: 1,
      updated: 1,
      unchanged: 1,
      deleted: 0,
      changed: ['a', 'i']
    })
    const rows = await store.query('SELECT Key, _stamp, _deleted_at IS NULL FROM Thing ORDER BY Key', 100)
    expect(rows.rows).toEqual([
      ['a', t2, 1],
      ['b', t2, 1],
      ['c', t1, 1],
      ['d', t1, 1],
      ['e', t2, 1],
      ['f', t1, 1],
      ['g', t1, 1],
      ['h', t1, 1],
      ['i', t1, 1]
    ])
    expect(run.counts).toEqual({ new: 10, updated: 3, unchanged: 4, deleted: 1 })
    await store.close()
  })
})
