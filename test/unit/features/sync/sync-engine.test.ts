// The sync engine on an in-memory source and a SQLite store in memory: a connection reset on a page is read once
// more (reads are idempotent), a second reset fails the run with the cursor kept, and the overlap window puts
// `since` that far before the high-water mark. A streaming source writes each record as it comes (a synchronous
// store's batch writer) or in gathered pages (any other store); a reset mid-batch drops the batch's records. A
// synchronous store commits a batch when the engine says it is due (maxBatch records), across pages.
import { describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../../src-main/features/sync/sqlite-store'
import { runTarget } from '../../../../src-main/features/sync/sync-engine'
import type {
  ChangeSink,
  ChangedPage,
  LocalStore,
  SourceShape,
  SyncRecord,
  SyncSource
} from '../../../../src-main/features/sync/sync-types'
import { masterDiffShape } from '../../../support/master-diff-case'

const shape = masterDiffShape

function record(i: number): SyncRecord {
  const stamp = `2026-01-0${1 + (i % 9)}T00:00:00Z`
  return { key: `k${i}`, stamp, values: { Key: `k${i}`, Stamp: stamp } }
}

class MemorySource implements SyncSource {
  readonly keyBatch = 10
  resets = 0
  sinces: Array<string | undefined> = []
  constructor(readonly records: SyncRecord[]) {}
  async shape(): Promise<SourceShape> {
    return shape
  }
  async masterList() {
    return this.records.map((r) => ({ id: r.key, lastUpdated: r.stamp }))
  }
  async changedPage(since: string | undefined, cursor: string | undefined): Promise<ChangedPage> {
    this.sinces.push(since)
    if (this.resets > 0) {
      this.resets--
      throw Object.assign(new Error('socket hang up'), { code: 'HTTP_ECONNRESET' })
    }
    const at = Number(cursor ?? 0)
    const records = this.records.filter((r) => !since || r.stamp >= since).slice(at, at + 3)
    return { records, ...(at + 3 < this.records.length ? { next: String(at + 3) } : {}) }
  }
  async fetchByKeys(keys: readonly string[]) {
    return this.records.filter((r) => keys.includes(r.key))
  }
}

/** Changes record by record into a sink, a batch ended every 3; `resetAfter` records in, the connection resets. */
class StreamingSource extends MemorySource {
  resetAfter: number | undefined
  added = 0
  async streamChanges(since: string | undefined, cursor: string | undefined, sink: ChangeSink): Promise<void> {
    const todo = this.records.filter((r) => !since || r.stamp >= since)
    for (let at = Number(cursor ?? 0); at < todo.length; at += 3) {
      for (const r of todo.slice(at, at + 3)) {
        if (this.resetAfter !== undefined && this.added === this.resetAfter) {
          this.resetAfter = undefined
          throw Object.assign(new Error('socket hang up'), { code: 'HTTP_ECONNRESET' })
        }
        this.added++
        sink.add(r)
      }
      await Promise.resolve(sink.room?.())
      sink.end(at + 3 < todo.length ? String(at + 3) : undefined, todo.length)
    }
  }
}

/** The same store without its synchronous writer: the engine gathers pages and applies them (as for PostgreSQL). */
function withoutWriter(store: SqliteStore): LocalStore {
  return new Proxy(store, {
    get: (target, prop) => {
      if (prop === 'batchWriter') return undefined
      const value = Reflect.get(target, prop) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    }
  })
}

describe('sync engine', () => {
  for (const [label, wrap] of [
    ['written record by record', (s: SqliteStore): LocalStore => s],
    ['gathered into pages', withoutWriter]
  ] as const) {
    it(`streams changes ${label}; a reset mid-batch drops that batch's records and reads it again`, async () => {
      const store = new SqliteStore(':memory:')
      const source = new StreamingSource(Array.from({ length: 8 }, (_, i) => record(i)))
      source.resetAfter = 4 // the second batch's second record
      const commits: Array<string | undefined> = []
      const report = await runTarget(source, wrap(store), { onCommit: (run) => commits.push(run.cursor) })
      expect(report).toMatchObject({ status: 'done', counts: { new: 8, updated: 0, unchanged: 0 } })
      expect(commits.slice(0, 3)).toEqual(['3', '6', '#changes-done'])
      // 8 records + the one of the dropped batch that was read again
      expect(source.added).toBe(9)
      const rows = await store.query('SELECT count(*), count(DISTINCT Key) FROM Thing', 1)
      expect(rows.rows).toEqual([[8, 8]])
      await store.close()
    })
  }

  it('reads a page once more after a connection reset', async () => {
    const store = new SqliteStore(':memory:')
    const source = new MemorySource(Array.from({ length: 8 }, (_, i) => record(i)))
    source.resets = 1
    const report = await runTarget(source, store)
    expect(report).toMatchObject({ status: 'done', counts: { new: 8 } })
    await store.close()
  })

  it('fails on a second reset, keeps the committed cursor, and resumes from it', async () => {
    const store = new SqliteStore(':memory:')
    const source = new MemorySource(Array.from({ length: 8 }, (_, i) => record(i)))
    let commits = 0
    await expect(
      runTarget(source, store, {
        maxBatch: 3, // a transaction per page
        onCommit: () => {
          if (++commits === 1) source.resets = 2
        }
      })
    ).rejects.toMatchObject({ code: 'HTTP_ECONNRESET' })
    expect((await store.runs(1))[0]).toMatchObject({ status: 'failed', cursor: '3' })
    const report = await runTarget(source, store)
    expect(report).toMatchObject({ status: 'done', resumed: true, counts: { new: 8, unchanged: 0 } })
    await store.close()
  })

  it('starts the next run at the high-water mark minus the overlap window', async () => {
    const store = new SqliteStore(':memory:')
    const source = new MemorySource(Array.from({ length: 5 }, (_, i) => record(i)))
    const first = await runTarget(source, store)
    expect(first.highWaterMark).toBe('2026-01-05T00:00:00Z')
    source.sinces = []
    const second = await runTarget(source, store, { overlapSeconds: 3600 })
    expect(source.sinces[0]).toBe('2026-01-04T23:00:00Z')
    expect(second.counts).toMatchObject({ new: 0, updated: 0, unchanged: 1 })
    await store.close()
  })

  it('ends a streamed batch where the engine says it is due: at maxBatch records', async () => {
    /** asks the sink after every record, as the RETS source does */
    class AskingSource extends MemorySource {
      async streamChanges(_since: string | undefined, _cursor: string | undefined, sink: ChangeSink): Promise<void> {
        let inBatch = 0
        for (const [i, r] of this.records.entries()) {
          sink.add(r)
          if (sink.due!(++inBatch)) {
            inBatch = 0
            sink.end(String(i + 1), undefined)
          }
        }
        sink.end(undefined, undefined)
      }
    }
    const store = new SqliteStore(':memory:')
    const source = new AskingSource(Array.from({ length: 10 }, (_, i) => record(i)))
    const commits: Array<string | undefined> = []
    await runTarget(source, store, { maxBatch: 4, reconcile: false, onCommit: (run) => commits.push(run.cursor) })
    expect(commits).toEqual(['4', '8', '#changes-done'])
    await store.close()
  })

  it('writes a source of pages into a synchronous store in transactions that span pages until one is due', async () => {
    const store = new SqliteStore(':memory:')
    const source = new MemorySource(Array.from({ length: 8 }, (_, i) => record(i))) // pages of 3
    const commits: Array<string | undefined> = []
    await runTarget(source, store, { maxBatch: 4, reconcile: false, onCommit: (run) => commits.push(run.cursor) })
    // pages 1 + 2 (6 records) in one transaction, then the last page
    expect(commits).toEqual(['6', '#changes-done'])
    expect((await store.query('SELECT count(*) FROM Thing', 1)).rows).toEqual([[8]])
    await store.close()
  })
})
