// The IDX API's date shapes: RFC 1123 in STANDARD-XML (`Tue, 07 Jun 2011 04:20:24 GMT`), a
// day-first 12-hour clock in COMPACT master lists (`24/09/2026 10:05:23 AM`), ISO or RFC 1123 in queries.

export function rfc1123(iso: string): string {
  return new Date(iso).toUTCString()
}

export function compactStamp(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number): string => String(n).padStart(2, '0')
  const h = d.getUTCHours()
  const h12 = h % 12 === 0 ? 12 : h % 12
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(h12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`
}

/** Parses a RETSDateTime (`2026-01-31T10:00:00[Z]`, date only, or RFC 1123); undefined when it is neither. */
export function parseQueryDate(text: string): string | undefined {
  const t = text.trim()
  let ms: number
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    const withZone = /T/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : /T/.test(t) ? t : `${t}T00:00:00Z`
    ms = Date.parse(withZone)
  } else if (/^[A-Za-z]{3},\s*\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}:\d{2}\s+GMT$/.test(t)) {
    ms = Date.parse(t)
  } else {
    return undefined
  }
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z')
}
