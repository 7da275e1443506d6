// Builds OData request URLs. Every system query option is percent-encoded with encodeURIComponent — above all so
// `+` in a timestamp offset goes out as %2B (a bare + is read as a space) — with ',', ':' and '$' left readable.
export interface ODataQuery {
  resource: string
  /** single entity: Property('key') */
  key?: string | number
  filter?: string
  select?: string[]
  expand?: string[]
  orderby?: string[]
  top?: number
  skip?: number
  count?: boolean
  /** extra raw parameters (vendor options) */
  params?: Record<string, string>
}

export function encodeODataValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%24/g, '$')
}

function keySegment(key: string | number): string {
  return typeof key === 'number' ? `(${key})` : `('${encodeURIComponent(key.replace(/'/g, "''"))}')`
}

export function buildODataUrl(serviceRoot: string, q: ODataQuery): string {
  const root = serviceRoot.endsWith('/') ? serviceRoot : `${serviceRoot}/`
  const parts: string[] = []
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') parts.push(`${name}=${encodeODataValue(value)}`)
  }
  add('$filter', q.filter)
  add('$select', q.select?.join(','))
  add('$expand', q.expand?.join(','))
  add('$orderby', q.orderby?.join(','))
  if (q.top !== undefined) add('$top', String(q.top))
  if (q.skip !== undefined) add('$skip', String(q.skip))
  if (q.count) add('$count', 'true')
  for (const [k, v] of Object.entries(q.params ?? {})) parts.push(`${encodeURIComponent(k)}=${encodeODataValue(v)}`)
  const path = `${encodeURIComponent(q.resource)}${q.key !== undefined ? keySegment(q.key) : ''}`
  return `${root}${path}${parts.length ? `?${parts.join('&')}` : ''}`
}
