// The embedded local store: one SQLite file per profile (better-sqlite3, synchronous, so a batch's transaction is a
// plain function call that either commits whole or not at all). WAL mode: the Local data tab can read while a
// sync writes; synchronous=NORMAL is durable across a process kill (WAL), which is what resume relies on.
import { createRequire } from 'node:module'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '../../../contract/app-error'
import { quoteIdent } from '../../../domain/sql/sql-dialect'
import { toSqlValue } from '../../../domain/sql/sql-values'
import { stampKey } from './sync-plan'
import {
  bookkeepingDdl,
  masterDiffSql,
  maxStamp,
  recordTableDdl,
  sortChangedRows,
  runFromRow,
  targetFromRow,
  upsertSql,
  type RunDbRow
} from './store-schema'
import type {
  BatchCounts,
  BatchResult,
  LocalStore,
  MasterDiff,
  MasterEntry,
  QueryResult,
  RunRow,
  SourceShape,
  SyncRecord,
  TableInfo
} from './sync-types'

type Database = BetterSqlite3.Database

interface PreparedBatch {
  info: TableInfo
  upsert: BetterSqlite3.Statement
  /** the same INSERT doing nothing on a known key */
  insert: BetterSqlite3.Statement
  /** try `insert` first: the last batch was mostly new records */
  insertFirst: boolean
  current: BetterSqlite3.Statement
  runCounts: BetterSqlite3.Statement
  kinds: Array<TableInfo['columns'][number]['kind']>
}
const q = (name: string): string => quoteIdent('sqlite', name)

/** Loads the native module lazily, so the app still starts (and says why) where it could not be built. */
function openDatabase(file: string): Database {
  const require = createRequire(import.meta.url)
  const Sqlite = require('better-sqlite3') as typeof BetterSqlite3
  return new Sqlite(file)
}

export class SqliteStore implements LocalStore {
  readonly kind = 'sqlite'
  private readonly db: Database
  private readonly prepared = new Map<string, PreparedBatch>()
  /** target → its table and the CREATE INDEX statements held back while it fills (a killed run: next ensureTable) */
  private readonly deferredIndexes = new Map<string, { table: string; statements: string[] }>()
  private diffs = 0

  constructor(readonly location: string) {
    if (location !== ':memory:') mkdirSync(path.dirname(location), { recursive: true })
    this.db = openDatabase(location)
    // wide rows (typed columns + _raw, ~2 KB): 16 KB pages cut the store's CPU ~10 % against 4 KB (fewer cells
    // per page split, fewer WAL frames); only a new file takes it, an existing one keeps its size
    this.db.pragma('page_size = 16384')
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    // a checkpoint (every 1,000 pages by default) is what syncs to disk in WAL mode: a sync commits a batch every
    // few MB, so checkpoint every ~40 MB instead of after nearly every batch
    this.db.pragma('wal_autocheckpoint = 10000')
    // a Local data query and a sync may overlap; wait for the other's transaction instead of failing
    this.db.pragma('busy_timeout = 10000')
    for (const sql of bookkeepingDdl('sqlite')) this.db.exec(sql)
  }

  async ensureTable(shape: SourceShape): Promise<TableInfo> {
    const { info, statements } = recordTableDdl('sqlite', shape)
    const existing = new Set(
      (this.db.prepare(`PRAGMA table_info(${q(info.table)})`).all() as Array<{ name: string }>).map((c) => c.name)
    )
    // an empty table is filled before its secondary indexes are built: a batch's random stamps would otherwise dirty
    // (and write through the WAL) most of the stamp index's pages on every commit; finishRun builds them
    const indexes = statements.filter((sql) => /^CREATE INDEX/i.test(sql))
    // key + stamp + deleted, in key order (appended to as keys arrive): the reconcile pass reads this, not the rows
    const keyStamp = `CREATE INDEX IF NOT EXISTS ${q(`${info.table}__key_stamp`)} ON ${q(info.table)} (${q(info.key)}, _stamp, _deleted_at)`
    const empty = this.db.transaction((): boolean => {
      for (const sql of statements) if (!indexes.includes(sql)) this.db.exec(sql)
      const none = this.db.prepare(`SELECT 1 FROM ${q(info.table)} LIMIT 1`).get() === undefined
      for (const sql of [...indexes, keyStamp]) {
        // (a plan before the first run made the table, and its indexes, already: they go until they are read)
        if (none) this.db.exec(`DROP INDEX IF EXISTS ${indexName(sql)}`)
        else this.db.exec(sql)
      }
      // metadata grew a field since the table was made: add the column rather than rebuild the copy
      if (existing.size > 0) {
        for (const col of info.columns.filter((c) => !existing.has(c.name))) {
          this.db.exec(`ALTER TABLE ${q(info.table)} ADD COLUMN ${q(col.name)}`)
        }
      }
      this.db
        .prepare(
          `INSERT INTO sync_targets (target, table_name, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(target) DO UPDATE SET table_name = excluded.table_name`
        )
        .run(shape.target, info.table, new Date().toISOString())
      return none
    })()
    // the key + stamp index too: built at once (one sort) it costs less than a third B-tree
    // written through the WAL on every commit; masterDiff (the first reader) builds it
    if (empty) this.deferredIndexes.set(shape.target, { table: info.table, statements: [...indexes, keyStamp] })
    return info
  }

  async stamps(info: TableInfo): Promise<Map<string, string>> {
    this.buildDeferredIndexes(undefined, info.table)
    const out = new Map<string, string>()
    const rows = this.db
      .prepare(`SELECT ${q(info.key)} AS k, _stamp AS s FROM ${q(info.table)} WHERE _deleted_at IS NULL`)
      .raw()
      .iterate() as IterableIterator<[string, string]>
    for (const [k, s] of rows) out.set(String(k), s)
    return out
  }

  async highWaterMark(target: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT high_water_mark FROM sync_targets WHERE target = ?').get(target) as
      { high_water_mark: string | null } | undefined
    return row?.high_water_mark ?? undefined
  }

  async unfinishedRun(target: string): Promise<RunRow | undefined> {
    const row = this.db.prepare(`SELECT * FROM sync_runs WHERE target = ? ORDER BY id DESC LIMIT 1`).get(target) as
      RunDbRow | undefined
    if (!row || row.status === 'done') return undefined
    // a killed, failed or cancelled run is taken up again: same `since`, from its last committed cursor
    this.db.prepare(`UPDATE sync_runs SET status = 'running', ended_at = NULL, error = NULL WHERE id = ?`).run(row.id)
    return this.run(Number(row.id))
  }

  async startRun(target: string, since: string | undefined): Promise<RunRow> {
    const result = this.db
      .prepare(`INSERT INTO sync_runs (target, started_at, status, since) VALUES (?, ?, 'running', ?)`)
      .run(target, new Date().toISOString(), since ?? null)
    return this.run(Number(result.lastInsertRowid))
  }

  private run(id: number): RunRow {
    return runFromRow(this.db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(id) as RunDbRow)
  }

  async applyBatch(
    info: TableInfo,
    run: RunRow,
    records: readonly SyncRecord[],
    cursor?: string
  ): Promise<BatchResult> {
    const prepared = this.statements(info)
    const { upsert, insert, current, runCounts, kinds } = prepared
    const counts: BatchResult = { new: 0, updated: 0, unchanged: 0, deleted: 0, changed: [] }
    const now = new Date().toISOString()
    const width = info.columns.length
    // one array reused for every row's parameters: metadata columns, then _stamp, _raw, _synced_at, _deleted_at
    const params: unknown[] = new Array(width + 4)
    params[width + 2] = now
    params[width + 3] = null
    const keyAt = info.columns.findIndex((c) => c.name === info.key)
    let rowColumns: readonly string[] | undefined
    let at: number[] = []
    const fill = (record: SyncRecord): void => {
      const row = record.row
      if (row) {
        // a row: the cells by position (the column map made once per reply), the JSON as the source built it
        if (row.columns !== rowColumns) {
          rowColumns = row.columns
          at = info.columns.map((c) => row.columns.indexOf(c.name))
        }
        for (let i = 0; i < width; i++) {
          params[i] = i === keyAt ? record.key : toSqlValue('sqlite', kinds[i]!, row.cells[at[i]!])
        }
        params[width + 1] = row.json
      } else {
        const values = record.values
        for (let i = 0; i < width; i++) {
          params[i] = i === keyAt ? record.key : toSqlValue('sqlite', kinds[i]!, values[info.columns[i]!.name])
        }
        params[width + 1] = JSON.stringify(values)
      }
      params[width] = record.stamp
    }
    // while batches are mostly new records (a first sync), one INSERT that skips a known key does the lookup the
    // upsert would; only the records it skips are looked up and compared
    const insertFirst = prepared.insertFirst
    let newest = run.maxStamp
    this.db.transaction(() => {
      for (const record of records) {
        newest = maxStamp(newest, record.stamp)
        if (insertFirst) {
          fill(record)
          if (insert.run(params).changes > 0) {
            counts.new++
            counts.changed.push(record.key)
            continue
          }
        }
        const before = current.get(record.key) as [string, string | null] | undefined
        if (before && before[0] === record.stamp && before[1] === null) {
          counts.unchanged++
          continue
        }
        if (before && before[1] === null) counts.updated++
        else counts.new++
        counts.changed.push(record.key)
        if (!insertFirst) fill(record)
        upsert.run(params)
      }
      runCounts.run(cursor ?? null, newest ?? null, counts.new, counts.updated, counts.unchanged, run.id)
    })()
    prepared.insertFirst = counts.new * 2 > records.length
    run.cursor = cursor
    run.maxStamp = newest
    addCounts(run.counts, counts)
    return counts
  }

  /** Prepared once per table: a sync commits thousands of batches. */
  private statements(info: TableInfo): PreparedBatch {
    const known = this.prepared.get(info.table)
    if (known && known.info === info) return known
    const made: PreparedBatch = {
      info,
      upsert: this.db.prepare(upsertSql('sqlite', info)),
      insert: this.db.prepare(upsertSql('sqlite', info, 'ignore')),
      insertFirst: true,
      current: this.db.prepare(`SELECT _stamp, _deleted_at FROM ${q(info.table)} WHERE ${q(info.key)} = ?`).raw(),
      runCounts: this.db.prepare(
        `UPDATE sync_runs SET cursor = ?, max_stamp = ?, new_count = new_count + ?,
         updated_count = updated_count + ?, unchanged_count = unchanged_count + ? WHERE id = ?`
      ),
      kinds: info.columns.map((c) => c.kind)
    }
    this.prepared.set(info.table, made)
    return made
  }

  /**
   * The master list goes into a temporary table (on disk: TEMP_STORE=1) and is compared there, not in memory: one
   * pass over the store's key + stamp index (not its rows) and one over the list.
   */
  async masterDiff(info: TableInfo): Promise<MasterDiff> {
    this.buildDeferredIndexes(undefined, info.table)
    const name = `temp."sync_master_${++this.diffs}"`
    // the key column's own type: both sides of the join then compare alike, and the lookup uses the key index
    const keyType =
      (this.db.prepare(`PRAGMA table_info(${q(info.table)})`).all() as Array<{ name: string; type: string }>).find(
        (c) => c.name === info.key
      )?.type ?? 'TEXT'
    const sql = masterDiffSql('sqlite', info, name, keyType)
    // the keys arrive in order and are read back once: a small cache for the temporary database will do
    this.db.pragma('temp.cache_size = -2000')
    this.db.exec(sql.create)
    // the first entry of a key wins, as in planSync
    const insert = this.db.prepare(`INSERT OR IGNORE INTO ${name} (k, s) VALUES (?, ?)`)
    const addAll = this.db.transaction((entries: readonly MasterEntry[]) => {
      for (const e of entries) insert.run(e.id, stampKey(e.lastUpdated))
    })
    const result = (): { new: string[]; updated: string[]; deleted: string[] } => {
      const out = {
        new: this.db.prepare(sql.newKeys).pluck().all().map(String),
        updated: [] as string[],
        deleted: [] as string[]
      }
      sortChangedRows(this.db.prepare(sql.changed).raw().iterate() as IterableIterator<[unknown, number, number]>, out)
      return out
    }
    return {
      add: async (entries) => addAll(entries),
      result: async () => result(),
      close: async () => void this.db.exec(`DROP TABLE IF EXISTS ${name}`)
    }
  }

  async markDeleted(info: TableInfo, run: RunRow, keys: readonly string[]): Promise<number> {
    const now = new Date().toISOString()
    const mark = this.db.prepare(
      `UPDATE ${q(info.table)} SET _deleted_at = ? WHERE ${q(info.key)} = ? AND _deleted_at IS NULL`
    )
    let changed = 0
    this.db.transaction(() => {
      for (const key of keys) changed += mark.run(now, key).changes
      this.db.prepare('UPDATE sync_runs SET deleted_count = deleted_count + ? WHERE id = ?').run(changed, run.id)
    })()
    run.counts.deleted += changed
    return changed
  }

  async finishRun(run: RunRow, status: RunRow['status'], error?: string): Promise<RunRow> {
    this.buildDeferredIndexes(run.target)
    this.db.transaction(() => {
      let hwm: string | undefined
      if (status === 'done') {
        hwm = maxStamp(
          (
            this.db.prepare('SELECT high_water_mark FROM sync_targets WHERE target = ?').get(run.target) as
              { high_water_mark: string | null } | undefined
          )?.high_water_mark ?? undefined,
          run.maxStamp
        )
        this.db
          .prepare('UPDATE sync_targets SET high_water_mark = ?, updated_at = ? WHERE target = ?')
          .run(hwm ?? null, new Date().toISOString(), run.target)
      }
      this.db
        .prepare('UPDATE sync_runs SET status = ?, ended_at = ?, high_water_mark = ?, error = ? WHERE id = ?')
        .run(status, new Date().toISOString(), hwm ?? null, error ?? null, run.id)
    })()
    return this.run(run.id)
  }

  async runs(limit: number): Promise<RunRow[]> {
    const rows = this.db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(limit) as RunDbRow[]
    return rows.map(runFromRow)
  }

  async targets(): Promise<Array<{ target: string; table: string; highWaterMark?: string }>> {
    const rows = this.db.prepare('SELECT * FROM sync_targets ORDER BY target').all() as RunDbRow[]
    return rows.map(targetFromRow)
  }

  async query(sql: string, maxRows: number): Promise<QueryResult> {
    const statement = this.db.prepare(sql)
    if (!statement.reader) {
      throw new AppError({
        code: 'SYNC_READ_ONLY',
        message: 'The Local data tab runs queries only (SELECT, WITH, PRAGMA); the sync owns the writes.'
      })
    }
    const columns = statement.columns().map((c) => c.name)
    const rows: unknown[][] = []
    let truncated = false
    for (const row of statement.raw().iterate() as IterableIterator<unknown[]>) {
      if (rows.length >= maxRows) {
        truncated = true
        break
      }
      rows.push(row)
    }
    return { columns, rows, truncated }
  }

  private buildDeferredIndexes(target?: string, table?: string): void {
    for (const [t, deferred] of this.deferredIndexes) {
      if ((target !== undefined && t !== target) || (table !== undefined && deferred.table !== table)) continue
      for (const sql of deferred.statements) this.db.exec(sql)
      this.deferredIndexes.delete(t)
    }
  }

  async close(): Promise<void> {
    this.buildDeferredIndexes()
    this.db.close()
  }
}

function indexName(createIndex: string): string {
  const name = /^CREATE INDEX\s+(?:IF NOT EXISTS\s+)?("[^"]+"|\S+)/i.exec(createIndex)?.[1]
  if (!name) throw new Error(`not a CREATE INDEX statement: ${createIndex}`)
  return name
}

export function addCounts(into: BatchCounts, add: BatchCounts): void {
  into.new += add.new
  into.updated += add.updated
  into.unchanged += add.unchanged
  into.deleted += add.deleted
}
