// What both local stores share: the bookkeeping tables (targets, runs), the record table's extra columns, the table
// name for a target, and reading a run row back. Dialect differences stay in the two store classes.
import { createTableDdl, type ExtraColumn } from '../../../domain/sql/ddl-from-metadata'
import { quoteIdent, type SqlDialect } from '../../../domain/sql/sql-dialect'
import type { BatchCounts, RunRow, SourceShape, TableInfo } from './sync-types'

/** Bookkeeping columns beside the metadata's: the normalised stamp, the record as sent, when seen and deleted. */
export const RECORD_EXTRA_COLUMNS: ExtraColumn[] = [
  { name: '_stamp', kind: 'text', notNull: true },
  { name: '_raw', kind: 'json', notNull: true },
  { name: '_synced_at', kind: 'text', notNull: true },
  { name: '_deleted_at', kind: 'text' }
]

export function bookkeepingDdl(dialect: SqlDialect): string[] {
  const id = dialect === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'
  return [
    `CREATE TABLE IF NOT EXISTS sync_targets (target TEXT PRIMARY KEY, table_name TEXT NOT NULL,
      high_water_mark TEXT, updated_at TEXT)`,
    `CREATE TABLE IF NOT EXISTS sync_runs (id ${id}, target TEXT NOT NULL, started_at TEXT NOT NULL,
      ended_at TEXT, status TEXT NOT NULL, since TEXT, cursor TEXT, max_stamp TEXT,
      new_count INTEGER NOT NULL DEFAULT 0, updated_count INTEGER NOT NULL DEFAULT 0,
      unchanged_count INTEGER NOT NULL DEFAULT 0, deleted_count INTEGER NOT NULL DEFAULT 0,
      high_water_mark TEXT, error TEXT)`
  ]
}

/** "Property:A" → "Property_A": one table per target, named so SQL typed by hand stays easy. */
export function tableNameFor(target: string): string {
  const name = target.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')
  return /^[A-Za-z]/.test(name) ? name : `t_${name}`
}

export function recordTableDdl(dialect: SqlDialect, shape: SourceShape): { info: TableInfo; statements: string[] } {
  const table = tableNameFor(shape.target)
  const ddl = createTableDdl({
    dialect,
    table,
    fields: shape.fields,
    keyField: shape.keyField,
    // values outside a lookup happen on real feeds; a CHECK would make the whole batch fail
    lookups: 'none',
    sized: false,
    extraColumns: RECORD_EXTRA_COLUMNS,
    ifNotExists: true
  })
  const index = `CREATE INDEX IF NOT EXISTS "${table}__stamp" ON "${table}" ("_stamp")`
  return { info: { table, key: ddl.key, columns: ddl.columns }, statements: [...ddl.statements, index] }
}

export type RunDbRow = Record<string, unknown>

export function runFromRow(row: RunDbRow): RunRow {
  const text = (name: string): string | undefined => {
    const v = row[name]
    return v === null || v === undefined ? undefined : String(v)
  }
  const counts: BatchCounts = {
    new: Number(row.new_count ?? 0),
    updated: Number(row.updated_count ?? 0),
    unchanged: Number(row.unchanged_count ?? 0),
    deleted: Number(row.deleted_count ?? 0)
  }
  const run: RunRow = {
    id: Number(row.id),
    target: String(row.target),
    startedAt: String(row.started_at),
    status: String(row.status) as RunRow['status'],
    counts
  }
  const optional: Array<[keyof RunRow, string]> = [
    ['endedAt', 'ended_at'],
    ['since', 'since'],
    ['cursor', 'cursor'],
    ['maxStamp', 'max_stamp'],
    ['highWaterMark', 'high_water_mark'],
    ['error', 'error']
  ]
  for (const [prop, column] of optional) {
    const v = text(column)
    if (v !== undefined) (run as unknown as Record<string, unknown>)[prop] = v
  }
  return run
}

export function maxStamp(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return a > b ? a : b
}

export function targetFromRow(row: RunDbRow): { target: string; table: string; highWaterMark?: string } {
  const out: { target: string; table: string; highWaterMark?: string } = {
    target: String(row.target),
    table: String(row.table_name)
  }
  if (row.high_water_mark !== null && row.high_water_mark !== undefined) out.highWaterMark = String(row.high_water_mark)
  return out
}

/** INSERT … ON CONFLICT (key) DO UPDATE of every column (or DO NOTHING), with `?` (SQLite) or `$n` (PostgreSQL)
 *  placeholders. */
export function upsertSql(
  dialect: 'sqlite' | 'postgres',
  info: TableInfo,
  onConflict: 'update' | 'ignore' = 'update'
): string {
  const q = (name: string): string => quoteIdent(dialect, name)
  const all = [...info.columns.map((c) => c.name), ...RECORD_EXTRA_COLUMNS.map((c) => c.name)]
  const marks = all.map((_, i) => (dialect === 'sqlite' ? '?' : `$${i + 1}`))
  const updates = all.filter((n) => n !== info.key).map((n) => `${q(n)} = excluded.${q(n)}`)
  const action = onConflict === 'update' ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'
  return `INSERT INTO ${q(info.table)} (${all.map(q).join(', ')}) VALUES (${marks.join(', ')})
    ON CONFLICT (${q(info.key)}) ${action}`
}
