import { instantOf, numberOf } from './compare-values'
import type { FieldKind } from './field-kind'
import { scalarsOf, type RecordValue } from './record-value'

// Ordering for $orderby / Spark _orderby in the Demo MLS server: the same type rules as the filters (numbers
// numerically, dates chronologically, text case-insensitively). Missing values sort first ascending, as SQL
// servers behind RESO endpoints do with NULLs; multi-values sort by their first element.

export function compareRecordValues(a: RecordValue, b: RecordValue, kind?: FieldKind): number {
  const x = scalarsOf(a)[0]
  const y = scalarsOf(b)[0]
  if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1
  if (kind === 'number' || (kind === undefined && typeof x === 'number' && typeof y === 'number')) {
    const n = numberOf(x)
    const m = numberOf(y)
    if (n !== undefined && m !== undefined) return Math.sign(n - m)
  }
  if (kind === 'date' || kind === 'datetime') {
    const n = instantOf(String(x))
    const m = instantOf(String(y))
    if (n !== undefined && m !== undefined) return Math.sign(n - m)
  }
  if (typeof x === 'boolean' || typeof y === 'boolean') return Number(x === true) - Number(y === true)
  const s = String(x).toLowerCase()
  const t = String(y).toLowerCase()
  return s < t ? -1 : s > t ? 1 : 0
}
