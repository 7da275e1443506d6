// LastUpdated values of the IDX API come in three shapes: RFC 1123 in STANDARD-XML (`Tue, 07 Jun 2011
// 04:20:24 GMT `, note the trailing space in the seed's sample), a day-first 12-hour clock in COMPACT master lists
// (`24/09/2026 10:05:23 AM`, the DDF style: a day of 24 proves it is day-first), and ISO 8601 from RESO-minded
// servers. The sync compares instants, not strings, so the same moment in two shapes is "unchanged".

const COMPACT_STAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i
const ISO_STAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
// `THU,03 DEC 2026 01:55:46 GMT` in the seed's master-list sample: no space after the comma, upper case
const RFC_1123 = /^[A-Za-z]{3},\s*\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:GMT|UTC|[+-]\d{4})$/

/** The instant as `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds), or undefined when the text is none of the shapes. */
export function normalizeIdxTimestamp(raw: string): string | undefined {
  const text = raw.trim()
  if (!text) return undefined
  let ms = Number.NaN
  const compact = COMPACT_STAMP.exec(text)
  if (compact) {
    const [, day, month, year, hour, minute, second, half] = compact
    let h = Number(hour)
    if (half) {
      if (h < 1 || h > 12) return undefined
      h = (h % 12) + (half.toUpperCase() === 'PM' ? 12 : 0)
    }
    const d = Number(day)
    const m = Number(month)
    if (m < 1 || m > 12 || d < 1 || d > 31) return undefined
    ms = Date.UTC(Number(year), m - 1, d, h, Number(minute), Number(second ?? 0))
    // Date.UTC rolls 31/02 over into March: refuse impossible dates instead
    if (new Date(ms).getUTCDate() !== d) return undefined
  } else if (ISO_STAMP.test(text)) {
    const zoned = /T|\s/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text.replace(' ', 'T')}Z` : text
    ms = Date.parse(/T|\s/.test(zoned) ? zoned.replace(' ', 'T') : `${zoned}T00:00:00Z`)
  } else if (RFC_1123.test(text)) {
    ms = Date.parse(text.replace(/,\s*/, ', '))
  }
  if (Number.isNaN(ms)) return undefined
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/** A RETSDateTime for a `(LastUpdated=…)` query (IDX API documentation): ISO, UTC, whole seconds. */
export function retsDateTime(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${String(instant)}`)
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
