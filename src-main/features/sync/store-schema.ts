// What both local stores share: the bookkeeping tables (targets, runs), the record table's extra columns, the table
// name for a target, and reading a run row back. Dialect differences stay in the two store classes.
import { createTableDdl, type ExtraColumn } from '../../../domain/sql/ddl-from-metadata'
import { quoteIdent, type SqlDialect } from '../../../domain/sql/sql-dialect'
import type { BatchCounts, BatchResult, RunRow, SourceShape, TableInfo } from './sync-types'

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

export function emptyBatchResult(): BatchResult {
  return { new: 0, updated: 0, unchanged: 0, deleted: 0, changed: [] }
}

export function addCounts(into: BatchCounts, add: BatchCounts): void {
  into.new += add.new
  into.updated += add.updated
  into.unchanged += add.unchanged
  into.deleted += add.deleted
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

/**
 * The master list compared in the database (both stores): the list goes into a temporary table `list` (k, s) and two
 * queries read it against the record table's key + stamp index. `newKeys`: in the list, not in the store. `changed`:
 * (key, gone from the list, was deleted) of every store row gone from the list or differing from it — gone means
 * deleted now; back after a delete means new again; else its stamp moved.
 */
export function masterDiffSql(
  dialect: 'sqlite' | 'postgres',
  info: TableInfo,
  list: string,
  keyType: string
): { create: string; newKeys: string; changed: string; unchanged: string } {
  const q = (name: string): string => quoteIdent(dialect, name)
  const table = q(info.table)
  // PostgreSQL compares strictly typed: a key of another type than text is compared as its text (an ID the list
  // holds need not be a valid number); SQLite compares by the column's affinity either way
  const textKey = dialect === 'sqlite' || /^(text|character varying|varchar)/i.test(keyType)
  const key = textKey ? `r.${q(info.key)}` : `r.${q(info.key)}::text`
  const listKey = textKey ? keyType : 'TEXT'
  return {
    create:
      dialect === 'sqlite'
        ? `CREATE TEMP TABLE ${list} (k ${listKey} PRIMARY KEY, s TEXT NOT NULL) WITHOUT ROWID`
        : `CREATE TEMP TABLE ${list} (k ${listKey} PRIMARY KEY, s TEXT NOT NULL)`,
    newKeys: `SELECT m.k FROM ${list} m WHERE NOT EXISTS (SELECT 1 FROM ${table} r WHERE ${key} = m.k)`,
    changed: `SELECT ${key}, m.k IS NULL, r._deleted_at IS NOT NULL FROM ${table} r LEFT JOIN ${list} m ON m.k = ${key}
           WHERE (m.k IS NULL AND r._deleted_at IS NULL)
              OR (m.k IS NOT NULL AND (r._deleted_at IS NOT NULL OR r._stamp <> m.s))`,
    unchanged: `SELECT count(*) FROM ${list} m JOIN ${table} r ON ${key} = m.k
           WHERE r._deleted_at IS NULL AND r._stamp = m.s`
  }
}

/** Sorts the rows of masterDiffSql's `changed` query into the plan's buckets. */
export function sortChangedRows(
  rows: Iterable<readonly [unknown, unknown, unknown]>,
  out: { new: string[]; updated: string[]; deleted: string[] }
): void {
  for (const [k, gone, wasDeleted] of rows) {
    if (gone) out.deleted.push(String(k))
    else (wasDeleted ? out.new : out.updated).push(String(k))
  }
}
