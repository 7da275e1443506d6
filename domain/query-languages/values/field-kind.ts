import type { FieldMeta } from '../../metadata/metadata-model'

// How a field's values compare. RETS DataTypes (Character, Int, Small, Tiny, Long, Decimal, Date, DateTime, Time,
// Boolean), Edm types (Edm.Int32, Edm.Decimal, Edm.Date, Edm.DateTimeOffset…) and Spark types (Integer, Decimal,
// Date, Datetime, Boolean, Character) all fold into these five.
export type FieldKind = 'number' | 'date' | 'datetime' | 'boolean' | 'string'

export function fieldKindOf(dataType: string | undefined): FieldKind {
  const t = (dataType ?? '').toLowerCase().replace(/^edm\./, '')
  if (
    /^(int|int16|int32|int64|integer|small|tiny|long|decimal|double|single|float|number|byte|sbyte|currency)$/.test(t)
  )
    return 'number'
  if (t === 'date') return 'date'
  if (/^(datetime|datetimeoffset|timestamp)$/.test(t)) return 'datetime'
  if (t === 'boolean' || t === 'bool') return 'boolean'
  return 'string'
}

/** Looks a field up by the name used in a query. */
export type FieldResolver = (name: string) => FieldMeta | undefined

/**
 * Resolver over a class's fields. Queries may use SystemName or StandardName; RETS SystemNames are case-sensitive
 * on most servers, so an exact match wins and a case-insensitive one is the fallback.
 */
export function fieldResolver(fields: readonly FieldMeta[]): FieldResolver {
  const exact = new Map<string, FieldMeta>()
  const folded = new Map<string, FieldMeta>()
  for (const f of fields) {
    if (!exact.has(f.systemName)) exact.set(f.systemName, f)
    if (f.standardName && !exact.has(f.standardName)) exact.set(f.standardName, f)
    for (const n of [f.systemName, f.standardName])
      if (n && !folded.has(n.toLowerCase())) folded.set(n.toLowerCase(), f)
  }
  return (name) => exact.get(name) ?? folded.get(name.toLowerCase())
}

/** RETS marks multi-select lookups in Interpretation; OData marks them as collections (or flags enums). */
export function isMultiValued(field: FieldMeta | undefined): boolean {
  if (!field) return false
  return field.collection === true || /^Lookup(Multi|Bitmask|Bitstring)$/i.test(field.interpretation ?? '')
}
