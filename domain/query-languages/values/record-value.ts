// The evaluators of all three languages read records through one accessor, so the Demo MLS server can hand them
// its rows (plain objects) and a test can hand them a literal. Multi-select (RETS LookupMulti, OData collection or
// flags enum, Spark multi-list) values come as arrays, or as one comma-separated string (RETS COMPACT style).
export type Scalar = string | number | boolean
export type RecordValue = Scalar | Scalar[] | null | undefined
export type RecordAccessor = (field: string) => RecordValue

/** Accessor over a plain object, the usual shape of a Demo MLS row. */
export function recordFromObject(row: Record<string, unknown>): RecordAccessor {
  return (field) => {
    const v = row[field]
    if (v === null || v === undefined) return v
    if (Array.isArray(v)) return v.filter(isScalar)
    return isScalar(v) ? v : String(v)
  }
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
}

/**
 * The non-empty scalars of a value. `splitCommas` turns "A,B,C" into three values: RETS servers send LookupMulti
 * fields that way, so a lookup test must look at each code.
 */
export function scalarsOf(value: RecordValue, splitCommas = false): Scalar[] {
  if (value === null || value === undefined) return []
  const list = Array.isArray(value) ? value : [value]
  const out: Scalar[] = []
  for (const v of list) {
    if (typeof v === 'string') {
      const parts = splitCommas ? v.split(',') : [v]
      for (const p of parts) if (p.trim() !== '') out.push(splitCommas ? p.trim() : p)
    } else out.push(v)
  }
  return out
}
