import type { Scalar } from './record-value'

// Type-aware comparison shared by the three evaluators. Servers compare strings case-insensitively (RETS servers
// sit on case-insensitive SQL collations; Spark and most RESO servers do the same), numbers numerically and dates
// chronologically. Date-times without a zone are taken as UTC so results do not depend on the machine's zone.

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const DAY = /^(\d{4})-(\d{2})-(\d{2})/
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i

export function numberOf(v: Scalar): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'string' && NUMBER.test(v.trim())) return Number(v.trim())
  return undefined
}

export function isNumberText(text: string): boolean {
  return NUMBER.test(text)
}

export function sameText(a: Scalar, b: string): boolean {
  return String(a).trim().toLowerCase() === b.trim().toLowerCase()
}

export function compareText(a: Scalar, b: string): number {
  const x = String(a).trim().toLowerCase()
  const y = b.trim().toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}

/** `*` = any run of characters, `?` = one character (DMQL2; Spark has only `*`); the rest matches literally. */
export function wildcardMatcher(pattern: string, questionMark = true): (v: Scalar) => boolean {
  const body = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' && questionMark ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  const re = new RegExp(`^${body}$`, 'is')
  return (v) => re.test(String(v).trim())
}

/** YYYY-MM-DD of a date or date-time value (its written day, not converted to another zone). */
export function dayOf(v: Scalar): string | undefined {
  if (typeof v !== 'string') return undefined
  const m = DAY.exec(v.trim())
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined
}

/** Milliseconds since the epoch; date-only values are midnight UTC, zone-less date-times are UTC. */
export function instantOf(v: Scalar): number | undefined {
  if (typeof v !== 'string') return undefined
  const t = v.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return Date.parse(`${t}T00:00:00Z`)
  if (!DATETIME.test(t)) return undefined
  const iso = t.replace(' ', 'T')
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`
  const ms = Date.parse(zoned.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  return Number.isNaN(ms) ? undefined : ms
}

export function isDateText(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && validDay(text)
}

export function isDateTimeText(text: string): boolean {
  return DATETIME.test(text) && validDay(text) && instantOf(text) !== undefined
}

function validDay(text: string): boolean {
  const m = DAY.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const probe = new Date(Date.UTC(y, mo - 1, d))
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d
}

/**
 * Compares a record value with a query date at the query's precision: a day in the query compares days (so
 * `ModificationTimestamp = 2024-01-01` matches any time that day), a date-time compares instants.
 */
export function compareDate(v: Scalar, query: string, precision: 'date' | 'datetime'): number | undefined {
  if (precision === 'date') {
    const a = dayOf(v)
    const b = dayOf(query)
    if (!a || !b) return undefined
    return a < b ? -1 : a > b ? 1 : 0
  }
  const a = instantOf(v)
  const b = instantOf(query)
  if (a === undefined || b === undefined) return undefined
  return Math.sign(a - b)
}

const CLOCK = /(?:^|T|\s)(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?/

/** Compares the time of day written in a value (`10:30:00`, or the time part of a date-time) with `HH:MM:SS`. */
export function compareTimeOfDay(v: Scalar, query: string): number | undefined {
  const norm = (s: string): string | undefined => {
    const m = CLOCK.exec(s.trim())
    return m ? `${m[1]}:${m[2]}:${m[3] ?? '00'}${(m[4] ?? '.0').padEnd(4, '0').slice(0, 4)}` : undefined
  }
  const a = typeof v === 'string' ? norm(v) : undefined
  const b = norm(query)
  if (!a || !b) return undefined
  return a < b ? -1 : a > b ? 1 : 0
}

export function isTimeText(text: string): boolean {
  const m = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(text)
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3]) < 60
}

export function compareNumbers(a: number, b: number): number {
  return Math.sign(a - b)
}

/** `.TODAY.` / `now()` are resolved against this, so tests and the Demo MLS can pin the clock. */
export function todayText(now: Date): string {
  return now.toISOString().slice(0, 10)
}
