// Sort order of JSON values for $orderby (RESO) and _orderby (Spark) in the Demo MLS: nulls first, numbers
// numerically, everything else as text.
export function compareJsonValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === undefined || a === null) return -1
  if (b === undefined || b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}
