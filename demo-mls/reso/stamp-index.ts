// How the Demo MLS finds the records of a RESO query without testing every one, as a server's indexes would.
// A sync pages a RESO set by its modification stamp: `$orderby=ModificationTimestamp,ListingKey` with a filter that
// starts after the last record it has (`ModificationTimestamp gt <last> or (… eq <last> and ListingKey gt <key>)`).
// Testing and sorting every record for every page made such a sync quadratic in the set's size (20,000 listings:
// ~0.75 s a page). A server answers it from an index on the stamp, and so does the Demo MLS where its data keeps one:
// the records from the filter's lowest possible stamp on, already in order. A sync's fetch by key
// (`ListingKey eq 'a' or …`) reads only the records with those keys. The filter still tests every record read.
import { enumMember, type ODataExpr } from '../../domain/query-languages/odata'
import { instantOf } from '../../domain/query-languages/values/compare-values'
import { isoSeconds } from '../data/iso-time'
import type { EntitySetDef } from './reso-entities'
import type { ParsedQuery } from './reso-query'

export const STAMP_FIELD = 'ModificationTimestamp'

/**
 * The records a query needs to read, and whether they already come in its $orderby order (the query then takes
 * them as they come).
 */
export function itemsForQuery(set: EntitySetDef, q: ParsedQuery): { items: Iterable<unknown>; inOrder: boolean } {
  const keys = keysOf(q.filter, set.key)
  if (keys) return { items: withKeys(set.items(), set.key, keys), inOrder: false }
  // a query without $orderby reads in key order, which the stamp index does not keep
  if (!set.itemsByStamp || !q.orderby.length) return { items: set.items(), inOrder: false }
  const floor = lowestInstant(q.filter, STAMP_FIELD)
  const byStamp = set.itemsByStamp(floor === undefined ? undefined : isoSeconds(floor))
  if (!byStamp) return { items: set.items(), inOrder: false }
  const [first, second, ...rest] = q.orderby
  const inOrder =
    first!.field === STAMP_FIELD &&
    first!.direction === 'asc' &&
    (!second || (second.field === set.key && second.direction === 'asc' && !rest.length))
  return { items: byStamp, inOrder }
}

/**
 * The earliest instant (ms) `field` can hold in a record the filter matches, or undefined when the filter does not
 * bound it from below. Only what is certain: a comparison of the field itself with a date or date-time literal, and
 * `and` / `or` of such bounds.
 */
export function lowestInstant(expr: ODataExpr | undefined, field: string): number | undefined {
  if (expr?.type !== 'binary') return undefined
  if (expr.op === 'and' || expr.op === 'or') {
    const a = lowestInstant(expr.left, field)
    const b = lowestInstant(expr.right, field)
    if (expr.op === 'or') return a === undefined || b === undefined ? undefined : Math.min(a, b)
    return a === undefined ? b : b === undefined ? a : Math.max(a, b)
  }
  if (expr.op !== 'gt' && expr.op !== 'ge' && expr.op !== 'eq') return undefined
  const { left, right } = expr
  if (left.type !== 'property' || left.path.length !== 1 || left.path[0] !== field) return undefined
  if (right.type !== 'literal' || (right.valueType !== 'datetime' && right.valueType !== 'date')) return undefined
  // a date compares days: the day's first instant bounds every time in it
  return instantOf(String(right.value))
}

/** Keys as the filter compares strings (enum-qualified text unwrapped, case ignored). */
const keyForm = (v: unknown): string => enumMember(String(v)).toLowerCase()

/** The keys a record the filter matches must have, or undefined when the filter does not say. */
export function keysOf(expr: ODataExpr | undefined, keyField: string): Set<string> | undefined {
  if (!expr) return undefined
  const isKey = (e: ODataExpr): boolean => e.type === 'property' && e.path.length === 1 && e.path[0] === keyField
  const text = (e: ODataExpr): string | undefined =>
    e.type === 'literal' && e.valueType === 'string' ? keyForm(e.value) : undefined
  if (expr.type === 'in') {
    const list = expr.list.map(text)
    return isKey(expr.left) && list.every((k) => k !== undefined) ? new Set(list as string[]) : undefined
  }
  if (expr.type !== 'binary') return undefined
  if (expr.op === 'eq') {
    const key = isKey(expr.left) ? text(expr.right) : undefined
    return key === undefined ? undefined : new Set([key])
  }
  if (expr.op !== 'and' && expr.op !== 'or') return undefined
  const a = keysOf(expr.left, keyField)
  const b = keysOf(expr.right, keyField)
  if (expr.op === 'or') return a && b ? new Set([...a, ...b]) : undefined
  return a && b ? new Set([...a].filter((k) => b.has(k))) : (a ?? b)
}

function* withKeys(items: Iterable<unknown>, keyField: string, keys: Set<string>): Iterable<unknown> {
  for (const item of items) if (keys.has(keyForm((item as Record<string, unknown>)[keyField]))) yield item
}
