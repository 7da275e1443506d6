// How a grid cell shows its value, from the column's metadata: numbers right-aligned (decimals and currency with
// group separators, integers as sent — they are often ids), dates and timestamps readable, lookup codes with their
// long value. The raw value stays what copy, sort and filter use; this is display only.
import type { FieldMeta } from '../../../domain/metadata/metadata-model'
import { fieldKindOf } from '../../../domain/query-languages/values/field-kind'

export interface ColumnFormat {
  kind: 'number' | 'date' | 'datetime' | 'text'
  /** group separators (decimals, currency); integers such as ListingKeyNumeric stay as sent */
  grouped: boolean
}

export function columnFormat(field: FieldMeta | undefined): ColumnFormat {
  const kind = fieldKindOf(field?.dataType)
  if (kind === 'number') {
    const t = (field?.dataType ?? '').toLowerCase()
    const grouped = /decimal|double|single|float|currency/.test(t) || /currency/i.test(field?.interpretation ?? '')
    return { kind: 'number', grouped }
  }
  if (kind === 'date' || kind === 'datetime') return { kind, grouped: false }
  return { kind: 'text', grouped: false }
}

const NUMBER = /^-?\d+(\.\d+)?$/
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/

/** "2026-11-20T10:30:00.000Z" → "2026-11-20 10:30:00 UTC"; anything else unchanged */
export function readableTimestamp(value: string): string {
  const m = ISO_TIME.exec(value.trim())
  if (!m) return value
  const seconds = m[3] && m[3] !== ':00' ? m[3] : ''
  const zone = m[4] === 'Z' ? ' UTC' : m[4] ? ` ${m[4]}` : ''
  return `${m[1]} ${m[2]}${seconds}${zone}`
}

export function formatNumber(value: string, grouped: boolean, locale?: string): string {
  if (!grouped || !NUMBER.test(value)) return value
  const decimals = value.split('.')[1]?.length ?? 0
  return Number(value).toLocaleString(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
}

/** "A" → "A · Active"; multi-value cells ("A,P") decode each code */
export function withLongValues(value: string, longOf: (code: string) => string | undefined): string {
  if (!value) return value
  const codes = value.split(',')
  const longs = codes.map((c) => longOf(c.trim()))
  if (longs.every((l) => l === undefined)) return value
  return codes.map((c, i) => (longs[i] && longs[i] !== c.trim() ? `${c.trim()} · ${longs[i]}` : c.trim())).join(', ')
}

export function formatCell(
  value: string,
  format: ColumnFormat,
  longOf?: (code: string) => string | undefined,
  locale?: string
): string {
  if (longOf) return withLongValues(value, longOf)
  if (format.kind === 'number') return formatNumber(value, format.grouped, locale)
  if (format.kind === 'datetime' || ISO_TIME.test(value)) return readableTimestamp(value)
  return value
}
