// The three SQL dialects the DDL generator writes: how each quotes a name and which column type a metadata field
// becomes. Metadata types come in three vocabularies — RETS TABLE words (Character, Int, Small, Tiny, Long, Decimal,
// Date, DateTime, Time, Boolean; RETS 1.7.2 §11.4.2), OData Edm types (Edm.String, Edm.Int32, Edm.Decimal,
// Edm.DateTimeOffset…; OData CSDL §4.4) and Spark's standardfields words (Character, Integer, Decimal, Date,
// Datetime, Boolean) — so one classifier maps them all to a small set of kinds first.
import type { FieldMeta } from '../metadata/metadata-model'

export type SqlDialect = 'sqlite' | 'postgres' | 'mysql'

export type ColumnKind = 'text' | 'integer' | 'bigint' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'time'

/** The kind of value a field holds, whatever vocabulary its metadata uses. */
export function columnKind(dataType: string): ColumnKind {
  const t = dataType
    .trim()
    .toLowerCase()
    .replace(/^edm\./, '')
  if (['int', 'integer', 'small', 'tiny', 'int16', 'int32', 'byte', 'sbyte'].includes(t)) return 'integer'
  if (['long', 'int64', 'bigint'].includes(t)) return 'bigint'
  if (['decimal', 'double', 'single', 'float', 'number'].includes(t)) return 'decimal'
  if (t === 'boolean') return 'boolean'
  if (t === 'date') return 'date'
  if (['datetime', 'datetimeoffset', 'timestamp'].includes(t)) return 'datetime'
  if (['time', 'timeofday'].includes(t)) return 'time'
  return 'text'
}

export function quoteIdent(dialect: SqlDialect, name: string): string {
  if (dialect === 'mysql') return `\`${name.replace(/`/g, '``')}\``
  return `"${name.replace(/"/g, '""')}"`
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

// MySQL's VARCHAR shares a 65,535-byte row limit across columns; long text goes to TEXT there
const MYSQL_VARCHAR_MAX = 255

/**
 * The column type for a field in a dialect. Multi-valued lookups are stored as text (comma-separated codes).
 * `sized: false` drops VARCHAR lengths and DECIMAL precision: a sync store must take what real feeds send, and they
 * send values longer than MaximumLength.
 */
export function columnType(dialect: SqlDialect, field: FieldMeta, multiValued: boolean, sized = true): string {
  const kind = multiValued ? 'text' : columnKind(field.dataType)
  const length = field.maxLength && field.maxLength > 0 ? field.maxLength : undefined
  switch (kind) {
    case 'integer':
      return dialect === 'sqlite' ? 'INTEGER' : 'INT'
    case 'bigint':
      return dialect === 'sqlite' ? 'INTEGER' : 'BIGINT'
    case 'decimal': {
      if (dialect === 'sqlite' || !sized) return 'NUMERIC'
      // RETS MaximumLength counts every digit and Precision the ones after the point (RETS 1.7.2 §11.4.2)
      const scale = field.scale ?? field.precision ?? 2
      const digits = Math.max(field.maxLength ?? 18, scale + 1)
      return `DECIMAL(${Math.min(digits, 38)},${Math.min(scale, 30)})`
    }
    case 'boolean':
      return dialect === 'sqlite' ? 'INTEGER' : 'BOOLEAN'
    case 'date':
      return dialect === 'sqlite' ? 'TEXT' : 'DATE'
    case 'datetime':
      if (dialect === 'sqlite') return 'TEXT'
      return dialect === 'postgres' ? 'TIMESTAMPTZ' : 'DATETIME'
    case 'time':
      return dialect === 'sqlite' ? 'TEXT' : 'TIME'
    case 'text':
      if (dialect === 'sqlite') return 'TEXT'
      if (!length || !sized) return 'TEXT'
      if (dialect === 'mysql' && length > MYSQL_VARCHAR_MAX) return 'TEXT'
      return `VARCHAR(${length})`
  }
}
