// CREATE TABLE statements for one class (RETS) or entity (RESO, Spark) from its metadata, in SQLite, PostgreSQL or
// MySQL. Types come from DataType / MaximumLength / Precision (sql-dialect.ts); the key field is the primary key;
// single-valued lookups become a CHECK constraint listing the codes, or a lookup table with a foreign key, or
// nothing — the caller chooses. Multi-valued lookups hold several codes in one text value, so neither applies.
import type { FieldMeta, LookupValue } from '../metadata/metadata-model'
import { columnKind, columnType, quoteIdent, quoteString, type ColumnKind, type SqlDialect } from './sql-dialect'

export type LookupStyle = 'none' | 'check' | 'table'

export interface ExtraColumn {
  name: string
  kind: ColumnKind | 'json'
  notNull?: boolean
}

export interface DdlOptions {
  dialect: SqlDialect
  table: string
  fields: readonly FieldMeta[]
  /** the key's column name; default: the field flagged isKey */
  keyField?: string
  lookups?: LookupStyle
  /** values of a lookup by name (the resource's lookups); needed for 'check' and 'table' */
  lookupValues?: (lookupName: string) => readonly LookupValue[] | undefined
  /** name columns by SystemName (default; what RETS queries and COMPACT rows use) or StandardName */
  names?: 'system' | 'standard'
  /** bookkeeping columns appended after the fields (the sync store's raw JSON, stamps…) */
  extraColumns?: readonly ExtraColumn[]
  ifNotExists?: boolean
  /** false: TEXT and NUMERIC without lengths (see columnType) */
  sized?: boolean
}

export interface DdlColumn {
  name: string
  kind: ColumnKind
  multiValued: boolean
  field: FieldMeta
}

export interface Ddl {
  statements: string[]
  columns: DdlColumn[]
  key: string
}

export function isMultiValued(field: FieldMeta): boolean {
  return field.collection === true || /multi/i.test(field.interpretation ?? '')
}

export function columnNameOf(field: FieldMeta, names: 'system' | 'standard' = 'system'): string {
  return names === 'standard' && field.standardName ? field.standardName : field.systemName
}

/** The statements, in order: lookup tables first (when asked), then the table. */
export function createTableDdl(options: DdlOptions): Ddl {
  const { dialect, table } = options
  const q = (name: string): string => quoteIdent(dialect, name)
  const ifNotExists = options.ifNotExists ? 'IF NOT EXISTS ' : ''
  const seen = new Set<string>()
  const columns: DdlColumn[] = []
  for (const field of options.fields) {
    const name = columnNameOf(field, options.names)
    if (!name || seen.has(name.toLowerCase())) continue
    seen.add(name.toLowerCase())
    const multiValued = isMultiValued(field)
    columns.push({ name, field, multiValued, kind: multiValued ? 'text' : columnKind(field.dataType) })
  }
  const key =
    options.keyField ?? columns.find((c) => c.field.isKey)?.name ?? columns.find((c) => /key$/i.test(c.name))?.name
  if (!key || !columns.some((c) => c.name === key)) {
    throw new Error(`No key field for ${table}: mark one isKey or pass keyField.`)
  }

  const statements: string[] = []
  const lines: string[] = []
  const constraints: string[] = []
  for (const col of columns) {
    let line = `  ${q(col.name)} ${columnType(dialect, col.field, col.multiValued, options.sized ?? true)}`
    if (col.name === key) line += ' NOT NULL'
    lines.push(line)
    const values = col.field.lookupName && !col.multiValued ? options.lookupValues?.(col.field.lookupName) : undefined
    if (!values?.length || !options.lookups || options.lookups === 'none') continue
    if (options.lookups === 'check') {
      const list = values.map((v) => quoteString(v.value)).join(', ')
      constraints.push(`  CHECK (${q(col.name)} IS NULL OR ${q(col.name)} IN (${list}))`)
    } else {
      const lookupTable = `${table}_lookup_${col.field.lookupName}`
      statements.push(...lookupTableDdl(dialect, lookupTable, values, ifNotExists))
      constraints.push(`  FOREIGN KEY (${q(col.name)}) REFERENCES ${q(lookupTable)} (${q('value')})`)
    }
  }
  for (const extra of options.extraColumns ?? []) {
    const type = extraType(dialect, extra.kind)
    lines.push(`  ${q(extra.name)} ${type}${extra.notNull ? ' NOT NULL' : ''}`)
  }
  lines.push(`  PRIMARY KEY (${q(key)})`)
  statements.push(`CREATE TABLE ${ifNotExists}${q(table)} (\n${[...lines, ...constraints].join(',\n')}\n)`)
  return { statements, columns, key }
}

function lookupTableDdl(
  dialect: SqlDialect,
  table: string,
  values: readonly LookupValue[],
  ifNotExists: string
): string[] {
  const q = (name: string): string => quoteIdent(dialect, name)
  const width = Math.max(1, ...values.map((v) => v.value.length))
  const valueType = dialect === 'sqlite' ? 'TEXT' : `VARCHAR(${width})`
  const create =
    `CREATE TABLE ${ifNotExists}${q(table)} (\n  ${q('value')} ${valueType} NOT NULL PRIMARY KEY,\n` +
    `  ${q('long_value')} ${dialect === 'sqlite' ? 'TEXT' : 'VARCHAR(255)'}\n)`
  const rows = values.map((v) => `(${quoteString(v.value)}, ${quoteString(v.longValue ?? v.value)})`)
  // re-running the DDL must not fail on rows that are already there
  const insert =
    dialect === 'mysql'
      ? `INSERT IGNORE INTO ${q(table)} (${q('value')}, ${q('long_value')}) VALUES ${rows.join(', ')}`
      : `INSERT INTO ${q(table)} (${q('value')}, ${q('long_value')}) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`
  return [create, insert]
}

function extraType(dialect: SqlDialect, kind: ExtraColumn['kind']): string {
  if (kind === 'json') return dialect === 'postgres' ? 'JSONB' : dialect === 'mysql' ? 'JSON' : 'TEXT'
  const field: FieldMeta = { systemName: '', dataType: kind, searchable: false, attrs: {} }
  if (kind === 'text') return dialect === 'mysql' ? 'VARCHAR(255)' : 'TEXT'
  return columnType(dialect, field, false)
}
