// How a JSON value becomes a result-grid cell (OData and Spark rows): null → '', lists of scalars joined with ','
// (multi-select lookups), expansions and other objects as compact JSON, masked Spark values kept as they are.
// Called once per cell of every row (millions per big page), so the common cases (strings, numbers) go first and
// the scalar-list check is a plain loop.
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return String(value)
  if (Array.isArray(value)) {
    let text = ''
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (v !== null && typeof v === 'object') return JSON.stringify(value)
      if (i > 0) text += ','
      if (v !== null) text += String(v)
    }
    return text
  }
  return JSON.stringify(value)
}
