// The shared local store: PostgreSQL, for a team that reads one copy (`pg`, a pool of one connection so a batch's
// BEGIN … COMMIT runs on one session). Same tables as the SQLite store (store-schema.ts); `_raw` is JSONB, typed
// columns use PostgreSQL's own types (TIMESTAMPTZ, BOOLEAN, NUMERIC).
import pg from 'pg'
import { quoteIdent } from '../../../domain/sql/sql-dialect'
import { toSqlValue } from '../../../domain/sql/sql-values'
import {
  addCounts,
  emptyBatchResult,
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
import { stampKey } from './sync-plan'
import type {
  BatchResult,
  LocalStore,
  MasterDiff,
  QueryResult,
  RunRow,
  SourceShape,
  SyncRecord,
  TableInfo
} from './sync-types'

const q = (name: string): string => quoteIdent('postgres', name)

export class PostgresStore implements LocalStore {
  readonly kind = 'postgres'
  private readonly pool: pg.Pool
  private ready: Promise<void> | undefined
  private diffs = 0

  /** `location` is shown to the user: the connection string without its password */
  constructor(
    connectionString: string,
    readonly location: string,
    password?: string
  ) {
    this.pool = new pg.Pool({ connectionString, max: 1, ...(password ? { password } : {}) })
    // an idle connection the server drops (restart, admin kill) must not crash the app; the next query reconnects
    this.pool.on('error', () => undefined)
  }

  private async db(): Promise<pg.Pool> {
    this.ready ??= (async () => {
      for (const sql of bookkeepingDdl('postgres')) await this.pool.query(sql)
    })()
    await this.ready
    return this.pool
  }

  private async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await (await this.db()).connect()
    try {
      await client.query('BEGIN')
      const out = await work(client)
      await client.query('COMMIT')
      return out
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
  }

  async ensureTable(shape: SourceShape): Promise<TableInfo> {
    const { info, statements } = recordTableDdl('postgres', shape)
    await this.transaction(async (c) => {
      for (const sql of statements) await c.query(sql)
      for (const col of info.columns) {
        const type = statements[0]?.match(new RegExp(`${escapeRegex(q(col.name))} ([^,\\n]+)`))?.[1]
        if (type) await c.query(`ALTER TABLE ${q(info.table)} ADD COLUMN IF NOT EXISTS ${q(col.name)} ${type}`)
      }
      await c.query(
        `INSERT INTO sync_targets (target, table_name, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (target) DO UPDATE SET table_name = excluded.table_name`,
        [shape.target, info.table, new Date().toISOString()]
      )
    })
    return info
  }

  async stamps(info: TableInfo): Promise<Map<string, string>> {
    const res = await (
      await this.db()
    ).query({
      text: `SELECT ${q(info.key)}, _stamp FROM ${q(info.table)} WHERE _deleted_at IS NULL`,
      rowMode: 'array'
    })
    return new Map((res.rows as Array<[unknown, string]>).map(([k, s]) => [String(k), s]))
  }

  async highWaterMark(target: string): Promise<string | undefined> {
    const res = await (await this.db()).query('SELECT high_water_mark FROM sync_targets WHERE target = $1', [target])
    return (res.rows[0] as { high_water_mark: string | null } | undefined)?.high_water_mark ?? undefined
  }

  async unfinishedRun(target: string): Promise<RunRow | undefined> {
    const db = await this.db()
    const row = (await db.query('SELECT * FROM sync_runs WHERE target = $1 ORDER BY id DESC LIMIT 1', [target]))
      .rows[0] as RunDbRow | undefined
    if (!row || row.status === 'done') return undefined
    await db.query(`UPDATE sync_runs SET status = 'running', ended_at = NULL, error = NULL WHERE id = $1`, [row.id])
    return this.run(Number(row.id))
  }

  async startRun(target: string, since: string | undefined): Promise<RunRow> {
    const res = await (
      await this.db()
    ).query(`INSERT INTO sync_runs (target, started_at, status, since) VALUES ($1, $2, 'running', $3) RETURNING id`, [
      target,
      new Date().toISOString(),
      since ?? null
    ])
    return this.run(Number((res.rows[0] as { id: string }).id))
  }

  private async run(id: number): Promise<RunRow> {
    return runFromRow(
      (await (await this.db()).query('SELECT * FROM sync_runs WHERE id = $1', [id])).rows[0] as RunDbRow
    )
  }

  async applyBatch(
    info: TableInfo,
    run: RunRow,
    records: readonly SyncRecord[],
    cursor?: string
  ): Promise<BatchResult> {
    const upsert = upsertSql('postgres', info)
    const counts = emptyBatchResult()
    const now = new Date().toISOString()
    let newest = run.maxStamp
    await this.transaction(async (c) => {
      const keys = records.map((r) => r.key)
      const before = new Map<string, { stamp: string; deleted: boolean }>()
      const existing = await c.query({
        text: `SELECT ${q(info.key)}, _stamp, _deleted_at FROM ${q(info.table)} WHERE ${q(info.key)} = ANY($1)`,
        values: [keys],
        rowMode: 'array'
      })
      for (const [k, s, d] of existing.rows as Array<[unknown, string, string | null]>) {
        before.set(String(k), { stamp: s, deleted: d !== null })
      }
      for (const record of records) {
        newest = maxStamp(newest, record.stamp)
        const old = before.get(record.key)
        if (old && !old.deleted && old.stamp === record.stamp) {
          counts.unchanged++
          continue
        }
        if (old && !old.deleted) counts.updated++
        else counts.new++
        counts.changed.push(record.key)
        const values = info.columns.map((col) =>
          col.name === info.key ? record.key : toSqlValue('postgres', col.kind, record.values[col.name])
        )
        await c.query(upsert, [...values, record.stamp, JSON.stringify(record.values), now, null])
        before.set(record.key, { stamp: record.stamp, deleted: false })
      }
      await c.query(
        `UPDATE sync_runs SET cursor = $1, max_stamp = $2, new_count = new_count + $3,
         updated_count = updated_count + $4, unchanged_count = unchanged_count + $5 WHERE id = $6`,
        [cursor ?? null, newest ?? null, counts.new, counts.updated, counts.unchanged, run.id]
      )
    })
    run.cursor = cursor
    run.maxStamp = newest
    addCounts(run.counts, counts)
    return counts
  }

  /**
   * The master list in a temporary table on a connection of its own (a temporary table lives in its session), compared
   * there: the app holds neither the list nor the store's million stamps.
   */
  async masterDiff(info: TableInfo): Promise<MasterDiff> {
    const client = await (await this.db()).connect()
    const list = `"sync_master_${++this.diffs}"`
    try {
      const typed = await client.query({
        text: `SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2`,
        values: [q(info.table), info.key],
        rowMode: 'array'
      })
      const sql = masterDiffSql('postgres', info, list, String((typed.rows[0] as [string] | undefined)?.[0] ?? 'text'))
      await client.query(sql.create)
      return {
        // the first entry of a key wins, as in planSync (unnest keeps the list's order)
        add: async (entries) =>
          void (await client.query(
            `INSERT INTO ${list} (k, s) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (k) DO NOTHING`,
            [entries.map((e) => e.id), entries.map((e) => stampKey(e.lastUpdated))]
          )),
        result: async () => {
          const newKeys = await client.query({ text: sql.newKeys, rowMode: 'array' })
          const unchanged = await client.query({ text: sql.unchanged, rowMode: 'array' })
          const out = {
            new: newKeys.rows.map((r: unknown[]) => String(r[0])),
            updated: [] as string[],
            deleted: [] as string[],
            unchanged: Number((unchanged.rows[0] as unknown[] | undefined)?.[0] ?? 0)
          }
          const changed = await client.query({ text: sql.changed, rowMode: 'array' })
          sortChangedRows(changed.rows as Array<[unknown, boolean, boolean]>, out)
          return out
        },
        close: async () => {
          await client.query(`DROP TABLE IF EXISTS ${list}`).catch(() => undefined)
          client.release()
        }
      }
    } catch (err) {
      client.release()
      throw err
    }
  }

  async markDeleted(info: TableInfo, run: RunRow, keys: readonly string[]): Promise<number> {
    const changed = await this.transaction(async (c) => {
      const res = await c.query(
        `UPDATE ${q(info.table)} SET _deleted_at = $1 WHERE ${q(info.key)} = ANY($2) AND _deleted_at IS NULL`,
        [new Date().toISOString(), [...keys]]
      )
      await c.query('UPDATE sync_runs SET deleted_count = deleted_count + $1 WHERE id = $2', [res.rowCount, run.id])
      return res.rowCount ?? 0
    })
    run.counts.deleted += changed
    return changed
  }

  async finishRun(run: RunRow, status: RunRow['status'], error?: string): Promise<RunRow> {
    await this.transaction(async (c) => {
      let hwm: string | undefined
      if (status === 'done') {
        const current = (await c.query('SELECT high_water_mark FROM sync_targets WHERE target = $1', [run.target]))
          .rows[0] as { high_water_mark: string | null } | undefined
        hwm = maxStamp(current?.high_water_mark ?? undefined, run.maxStamp)
        await c.query('UPDATE sync_targets SET high_water_mark = $1, updated_at = $2 WHERE target = $3', [
          hwm ?? null,
          new Date().toISOString(),
          run.target
        ])
      }
      await c.query('UPDATE sync_runs SET status = $1, ended_at = $2, high_water_mark = $3, error = $4 WHERE id = $5', [
        status,
        new Date().toISOString(),
        hwm ?? null,
        error ?? null,
        run.id
      ])
    })
    return this.run(run.id)
  }

  async runs(limit: number): Promise<RunRow[]> {
    const res = await (await this.db()).query('SELECT * FROM sync_runs ORDER BY id DESC LIMIT $1', [limit])
    return (res.rows as RunDbRow[]).map(runFromRow)
  }

  async targets(): Promise<Array<{ target: string; table: string; highWaterMark?: string }>> {
    const res = await (await this.db()).query('SELECT * FROM sync_targets ORDER BY target')
    return (res.rows as RunDbRow[]).map(targetFromRow)
  }

  async query(sql: string, maxRows: number): Promise<QueryResult> {
    const client = await (await this.db()).connect()
    try {
      // the Local data tab reads; a read-only transaction makes the server refuse writes, whatever the text says
      await client.query('BEGIN READ ONLY')
      const res = await client.query({ text: sql, rowMode: 'array' })
      const rows = (res.rows as unknown[][]).slice(0, maxRows)
      return { columns: res.fields.map((f) => f.name), rows, truncated: res.rows.length > maxRows }
    } finally {
      await client.query('ROLLBACK').catch(() => undefined)
      client.release()
    }
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
