// The SQLite store's bulk-load paths: an empty table gets its secondary indexes only when the master list is
// compared or the run ends (also after a plan made the table first), and the master list is compared in the database — new, updated, deleted and "back after
// a delete" come out as the in-memory plan would say.
import { describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../../src-main/features/sync/sqlite-store'
import type { SourceShape, SyncRecord } from '../../../../src-main/features/sync/sync-types'

const shape: SourceShape = {
  target: 'Thing',
  keyField: 'Key',
  stampField: 'Stamp',
  fields: [
    { systemName: 'Key', dataType: 'Character', searchable: true, isKey: true, attrs: {} },
    { systemName: 'Stamp', dataType: 'DateTime', searchable: true, attrs: {} }
  ]
}

const rec = (key: string, stamp: string): SyncRecord => ({ key, stamp, values: { Key: key, Stamp: stamp } })

async function indexes(store: SqliteStore): Promise<string[]> {
  const r = await store.query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Thing'`, 100)
  return r.rows.map((row) => String(row[0])).filter((n) => !n.startsWith('sqlite_'))
}

describe('SQLite sync store', () => {
  it('builds the indexes of an empty table when the master list is compared, or else when the run ends', async () => {
    const store = new SqliteStore(':memory:')
    const info = await store.ensureTable(shape)
    await store.ensureTable(shape) // a plan, then the run
    expect(await indexes(store)).toEqual([])
    const run = await store.startRun('Thing', undefined)
    await store.applyBatch(info, run, [rec('a', '2026-01-01T00:00:00Z')], 'x')
    expect(await indexes(store)).toEqual([])
    // the reconcile pass reads the key + stamp index: it is there before the comparison
    const diff = await store.masterDiff(info)
    expect((await indexes(store)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    await diff.close()
    await store.finishRun(run, 'done')
    expect((await indexes(store)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    // without a comparison (a run cancelled before it): the run's end builds them
    const other = new SqliteStore(':memory:')
    const otherInfo = await other.ensureTable(shape)
    const otherRun = await other.startRun('Thing', undefined)
    await other.applyBatch(otherInfo, otherRun, [rec('a', '2026-01-01T00:00:00Z')], 'x')
    await other.finishRun(otherRun, 'cancelled')
    expect((await indexes(other)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    await other.close()
    // a table with rows keeps (or gets) its index at once
    await store.ensureTable(shape)
    expect((await indexes(store)).sort()).toEqual(['Thing__key_stamp', 'Thing__stamp'])
    await store.close()
  })

  it('compares the master list in the database', async () => {
    const store = new SqliteStore(':memory:')
    const info = await store.ensureTable(shape)
    const run = await store.startRun('Thing', undefined)
    const stamp = '2026-01-01T00:00:00Z'
    await store.applyBatch(
      info,
      run,
      ['same', 'changed', 'gone', 'back'].map((k) => rec(k, stamp)),
      'x'
    )
    await store.markDeleted(info, run, ['back'])
    const diff = await store.masterDiff(info)
    await diff.add([
      { id: 'same', lastUpdated: '2026-01-01T00:00:00' },
      { id: 'changed', lastUpdated: '2026-02-01T00:00:00Z' },
      { id: 'back', lastUpdated: stamp }
    ])
    await diff.add([
      { id: 'fresh', lastUpdated: stamp },
      { id: 'same', lastUpdated: '2030-01-01T00:00:00Z' } // a repeated key: the first entry wins
    ])
    const plan = await diff.result()
    await diff.close()
    expect({ ...plan, new: plan.new.sort() }).toEqual({
      new: ['back', 'fresh'],
      updated: ['changed'],
      deleted: ['gone']
    })
    await store.close()
  })

  it('counts new, updated, unchanged and back-after-delete alike whether a batch inserts first or looks up first', async () => {
    const store = new SqliteStore(':memory:')
    const info = await store.ensureTable(shape)
    const run = await store.startRun('Thing', undefined)
    const t1 = '2026-01-01T00:00:00Z'
    const t2 = '2026-02-01T00:00:00Z'
    const counts = async (records: SyncRecord[]): Promise<unknown> => {
      const { changed, ...rest } = await store.applyBatch(info, run, records, 'x')
      return { ...rest, changed: [...changed].sort() }
    }
    // a first batch: all new (inserted first)
    expect(await counts(['a', 'b', 'c', 'd'].map((k) => rec(k, t1)))).toEqual({
      new: 4,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      changed: ['a', 'b', 'c', 'd']
    })
    await store.markDeleted(info, run, ['d'])
    // mostly new still: the known keys fall back to the comparison
    const mixed = [rec('e', t1), rec('f', t1), rec('g', t1), rec('a', t1), rec('b', t2), rec('d', t1)]
    expect(await counts(mixed)).toEqual({
      new: 4,
      updated: 1,
      unchanged: 1,
      deleted: 0,
      changed: ['b', 'd', 'e', 'f', 'g']
    })
    // mostly known records: still inserted first (the batch before was mostly new) …
    expect(await counts([rec('a', t1), rec('c', t1), rec('e', t2), rec('h', t1)])).toEqual({
      new: 1,
      updated: 1,
      unchanged: 2,
      deleted: 0,
      changed: ['e', 'h']
    })
    // … and then looked up first
    expect(await counts([rec('a', t2), rec('c', t1), rec('i', t1)])).toEqual({
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
