// The embedded local store: one SQLite file per profile (better-sqlite3, synchronous, so a batch's transaction is a
// plain function call that either commits whole or not at all). WAL mode: the Local data tab can read while a
// sync writes; synchronous=NORMAL is durable across a process kill (WAL), which is what resume relies on. A new
// copy's first fill is written faster, without fsync (sqlite-first-fill.ts).
import { createRequire } from 'node:module'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '../../../contract/app-error'
import { quoteIdent } from '../../../domain/sql/sql-dialect'
import { stampKey } from './sync-plan'
import { buildIndexesOnWorker } from './sqlite-index-worker'
import { FirstFill, openAfterFill, useDurableMode } from './sqlite-first-fill'
import { prepareTable, SqliteBatchWriter, type PreparedTable } from './sqlite-batch-writer'
import {
  bookkeepingDdl,
  masterDiffSql,
  maxStamp,
  recordTableDdl,
  sortChangedRows,
  runFromRow,
  targetFromRow,
  type RunDbRow
} from './store-schema'
import type {
  BatchResult,
  LocalStore,
  MasterComparison,
  MasterDiff,
  MasterEntry,
  QueryResult,
  RunRow,
  SourceShape,
  SyncRecord,
  TableInfo
} from './sync-types'

type Database = BetterSqlite3.Database

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
  private readonly prepared = new Map<string, PreparedTable>()
  /** target → its table and the CREATE INDEX statements held back while it fills (a killed run: next ensureTable) */
  private readonly deferredIndexes = new Map<string, { table: string; statements: string[] }>()
  /** table → its held-back indexes being built on a worker (masterDiff starts it) */
  private readonly building = new Map<string, Promise<void>>()
  private diffs = 0
  /** in a file: the first fill of an empty copy, written without fsync until it ends (sqlite-first-fill.ts) */
  private readonly firstFill: FirstFill | undefined
  /** said once by the next run: the first fill was cut off and its file set aside */
  private notice: string | undefined

  constructor(readonly location: string) {
    if (location === ':memory:') this.db = openDatabase(location)
    else {
      mkdirSync(path.dirname(location), { recursive: true })
      const opened = openAfterFill(location, openDatabase)
      this.db = opened.db
      this.notice = opened.notice
      this.firstFill = new FirstFill(this.db, location)
    }
    // wide rows (typed columns + _raw, ~2 KB): 16 KB pages cut the store's CPU ~10 % against 4 KB (fewer cells
    // per page split, fewer WAL frames); only a new file takes it, an existing one keeps its size
    this.db.pragma('page_size = 16384')
    useDurableMode(this.db)
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
    const fresh = this.db.transaction(() => {
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
      const alone =
        this.db.prepare('SELECT 1 FROM sync_targets WHERE target <> ? LIMIT 1').get(shape.target) === undefined
      return { none, alone }
    })()
    // the key + stamp index too: built at once (one sort) it costs less than a third B-tree
    // written through the WAL on every commit; masterDiff (the first reader) builds it
    if (fresh.none) this.deferredIndexes.set(shape.target, { table: info.table, statements: [...indexes, keyStamp] })
    // nothing else in the file a system crash could damage: fill it fast (ends with the held-back indexes)
    if (fresh.none && fresh.alone) this.firstFill?.begin()
    return info
  }

  takeNotice(): string | undefined {
    const notice = this.notice
    this.notice = undefined
    return notice
  }

  async stamps(info: TableInfo): Promise<Map<string, string>> {
    await this.indexesReady(undefined, info.table)
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
    const writer = this.batchWriter(info, run)
    try {
      for (const record of records) writer.add(record)
    } catch (err) {
      writer.abort()
      throw err
    }
    return writer.commit(cursor)
  }

  batchWriter(info: TableInfo, run: RunRow): SqliteBatchWriter {
    let prepared = this.prepared.get(info.table)
    if (!prepared || prepared.info !== info) {
      prepared = prepareTable(this.db, info)
      this.prepared.set(info.table, prepared)
    }
    return new SqliteBatchWriter(this.db, prepared, run)
  }

  /**
   * The master list goes into a temporary table (on disk: TEMP_STORE=1) and is compared there, not in memory: one
   * pass over the store's key + stamp index (not its rows) and one over the list.
   */
  async masterDiff(info: TableInfo): Promise<MasterDiff> {
    // built while the list arrives; the comparison reads the key + stamp index
    this.startIndexBuild(info.table)
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
    const result = async (): Promise<MasterComparison> => {
      await this.indexesReady(undefined, info.table)
      const out = {
        new: this.db.prepare(sql.newKeys).pluck().all().map(String),
        updated: [] as string[],
        deleted: [] as string[],
        unchanged: Number(this.db.prepare(sql.unchanged).pluck().get())
      }
      sortChangedRows(this.db.prepare(sql.changed).raw().iterate() as IterableIterator<[unknown, number, number]>, out)
      return out
    }
    return {
      add: async (entries) => addAll(entries),
      result,
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
    await this.indexesReady(run.target)
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

  /** Starts building a table's held-back indexes on a worker's connection (in memory: here, at once). */
  private startIndexBuild(table: string): void {
    // (before the worker's connection opens the file)
    this.firstFill?.end()
    const entry = [...this.deferredIndexes].find(([, d]) => d.table === table)
    if (!entry || this.location === ':memory:') return this.buildDeferredIndexes(undefined, table)
    const [target, deferred] = entry
    this.deferredIndexes.delete(target)
    const build = buildIndexesOnWorker(this.location, deferred.statements)
      // built on this connection instead, where a real error then surfaces
      .catch(() => void this.deferredIndexes.set(target, deferred))
      .finally(() => this.building.delete(table))
    this.building.set(table, build)
  }

  /** The held-back indexes are there: a build under way finished, anything left built here. */
  private async indexesReady(target?: string, table?: string): Promise<void> {
    this.firstFill?.end()
    await Promise.all(this.building.values())
    this.buildDeferredIndexes(target, table)
  }

  private buildDeferredIndexes(target?: string, table?: string): void {
    for (const [t, deferred] of this.deferredIndexes) {
      if ((target !== undefined && t !== target) || (table !== undefined && deferred.table !== table)) continue
      for (const sql of deferred.statements) this.db.exec(sql)
      this.deferredIndexes.delete(t)
    }
  }

  async close(): Promise<void> {
    await this.indexesReady()
    this.db.close()
  }
}

function indexName(createIndex: string): string {
  const name = /^CREATE INDEX\s+(?:IF NOT EXISTS\s+)?("[^"]+"|\S+)/i.exec(createIndex)?.[1]
  if (!name) throw new Error(`not a CREATE INDEX statement: ${createIndex}`)
  return name
}
