// A server's value (RETS COMPACT text, OData/Spark JSON) as the value of a typed column. Values a column cannot
// hold become NULL — the record's raw JSON beside the columns keeps what the server sent, so nothing is lost.
import type { ColumnKind, SqlDialect } from './sql-dialect'

export type SqlValue = string | number | boolean | null

const TRUE_WORDS = new Set(['1', 'true', 't', 'y', 'yes'])
const FALSE_WORDS = new Set(['0', 'false', 'f', 'n', 'no'])

export function toSqlValue(dialect: SqlDialect, kind: ColumnKind, value: unknown): SqlValue {
  // most cells of a feed: empty, or text that starts with a printable ASCII character (stored as it is)
  if (typeof value === 'string') {
    if (value === '') return null
    if (kind === 'text') {
      const first = value.charCodeAt(0)
      if (first > 0x20 && first < 0x7f) return value
    }
  }
  if (value === undefined || value === null) return null
  if (Array.isArray(value)) return value.map((v) => String(v)).join(',')
  if (typeof value === 'object') return JSON.stringify(value)
  if (typeof value === 'boolean') return kind === 'boolean' && dialect === 'postgres' ? value : value ? 1 : 0
  const text = typeof value === 'string' && untrimmable(value) ? value : String(value).trim()
  if (text === '') return null
  switch (kind) {
    case 'integer':
    case 'bigint':
      return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null
    case 'decimal': {
      const n = Number(text.indexOf(',') < 0 ? text : text.replace(/,/g, ''))
      return Number.isFinite(n) ? n : null
    }
    case 'boolean': {
      const word = text.toLowerCase()
      const truth = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined
      if (truth === undefined) return null
      return dialect === 'postgres' ? truth : truth ? 1 : 0
    }
    case 'date':
    case 'datetime':
    case 'time':
      // only ISO-looking text: a database date type rejects anything else
      return dialect === 'sqlite' || /^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(text) ? text : null
    case 'text':
      return typeof value === 'string' ? value : text
  }
}

/** Starts and ends with a printable ASCII character: trim() would give it back as it is (a sync reads millions). */
function untrimmable(s: string): boolean {
  const first = s.charCodeAt(0)
  const last = s.charCodeAt(s.length - 1)
  return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f
}
