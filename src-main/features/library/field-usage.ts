// "Used in N saved queries" for the metadata details panel: which fields a saved query mentions, read with the same
// parsers the editor uses so a field name inside a string literal ('ListPrice') does not count. A filter that does
// not parse (a half-written query saved for later) falls back to a whole-word match, which can only over-count.
import { fieldsIn, parseDmql } from '../../../domain/query-languages/dmql'
import { odataFieldsIn, parseODataFilter, parseODataOrderBy } from '../../../domain/query-languages/odata'
import { parseSparkQL, sparkFieldsIn } from '../../../domain/query-languages/sparkql'
import type { FieldUsagePlace } from '../../../contract/library-channels'
import type { QuerySpec } from '../../../contract/query-channels'

/** A field of one resource/class, by every name a query may use for it (SystemName, StandardName). */
export interface FieldTarget {
  resource: string
  /** RETS class; RESO and Spark have one class per resource, so it is not compared for them */
  cls?: string
  names: string[]
}

/** Whether the spec queries the resource/class the field belongs to. Spark has a single listings resource. */
export function specTargets(spec: QuerySpec, target: FieldTarget): boolean {
  switch (spec.kind) {
    case 'dmql':
      return spec.resource === target.resource && (target.cls === undefined || spec.class === target.cls)
    case 'odata':
      return spec.resource === target.resource
    case 'spark':
      return true
  }
}

/** The places in the spec that mention one of `names` (any case), in a fixed order. */
export function fieldPlaces(spec: QuerySpec, names: readonly string[]): FieldUsagePlace[] {
  const wanted = new Set(names.filter(Boolean).map((n) => n.toLowerCase()))
  const hits = (list: readonly string[]): boolean => list.some((n) => wanted.has(n.toLowerCase()))
  const places: FieldUsagePlace[] = []
  const filter = filterText(spec)
  if (filter.trim()) {
    const parsed = filterFields(spec.kind, filter)
    if (parsed ? hits(parsed) : wordMatch(filter, wanted)) places.push('filter')
  }
  if (spec.select && hits(spec.select)) places.push('select')
  if (hits(orderByFields(spec))) places.push('orderby')
  return places
}

function filterText(spec: QuerySpec): string {
  return spec.kind === 'dmql' ? spec.query : (spec.filter ?? '')
}

/** Field names in the filter, or undefined when it does not parse. */
export function filterFields(kind: QuerySpec['kind'], text: string): string[] | undefined {
  try {
    switch (kind) {
      case 'dmql':
        return fieldsIn(parseDmql(text))
      case 'odata':
        // a navigation path (Media/MediaCategory) counts for its first segment, the property of this resource
        return odataFieldsIn(parseODataFilter(text)).flatMap((path) => [path, path.split('/')[0]!])
      case 'spark':
        return sparkFieldsIn(parseSparkQL(text))
    }
  } catch {
    return undefined
  }
}

function wordMatch(text: string, wanted: ReadonlySet<string>): boolean {
  // a dot before the name would make it part of another token (a custom field "Main.Style", a decimal)
  return [...wanted].some((name) => new RegExp(`(?<![\\w.])${escapeRegExp(name)}(?!\\w)`, 'i').test(text))
}

function orderByFields(spec: QuerySpec): string[] {
  if (spec.kind === 'dmql' || !spec.orderby?.trim()) return []
  if (spec.kind === 'odata') {
    try {
      return parseODataOrderBy(spec.orderby).map((o) => o.field.split('/')[0]!)
    } catch {
      return []
    }
  }
  // Spark _orderby: comma list, '-' prefix for descending (Spark API documentation)
  return spec.orderby
    .split(',')
    .map((s) => s.trim().replace(/^[-+]/, ''))
    .filter(Boolean)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
