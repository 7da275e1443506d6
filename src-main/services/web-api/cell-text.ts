// How a JSON value becomes a result-grid cell (OData and Spark rows): null → '', lists of scalars joined with ','
// (multi-select lookups), expansions and other objects as compact JSON, masked Spark values kept as they are.
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.map((v) => (v === null ? '' : String(v))).join(',')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
