// ISO 8601 UTC timestamps to the second ('2026-05-31T23:59:59Z') without a Date per call: large mode formats two or
// three per generated row, and Date#toISOString was a fifth of the generator's time. Day strings are cached (the
// generated data spans a few hundred days); the time of day comes from tables of minutes and seconds.
const DAY_S = 86_400
const MAX_CACHED_DAYS = 100_000
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))
/** 'hh:mm:' per minute of the day and 'ssZ' per second: a timestamp is then three pieces, not seven */
const HOURS_MINUTES = Array.from({ length: 1440 }, (_, m) => `${TWO_DIGITS[Math.floor(m / 60)]}:${TWO_DIGITS[m % 60]}:`)
const SECONDS_Z = TWO_DIGITS.map((ss) => `${ss}Z`)
const days = new Map<number, string>()
const daysT = new Map<number, string>()

/** 'YYYY-MM-DD' of a UTC day number (days since 1970-01-01). */
function dayText(day: number): string {
  let text = days.get(day)
  if (text === undefined) {
    if (days.size >= MAX_CACHED_DAYS) days.clear()
    text = new Date(day * DAY_S * 1000).toISOString().slice(0, 10)
    days.set(day, text)
  }
  return text
}

/** 'YYYY-MM-DDT' of a UTC day number. */
function dayTimePrefix(day: number): string {
  let text = daysT.get(day)
  if (text === undefined) {
    if (daysT.size >= MAX_CACHED_DAYS) daysT.clear()
    text = `${dayText(day)}T`
    daysT.set(day, text)
  }
  return text
}

/** `ms` as 'YYYY-MM-DDThh:mm:ssZ' (milliseconds dropped, as the generator's timestamps have none). */
export function isoSeconds(ms: number): string {
  const s = Math.floor(ms / 1000)
  const day = Math.floor(s / DAY_S)
  const t = s - day * DAY_S
  const minute = Math.floor(t / 60)
  return dayTimePrefix(day) + HOURS_MINUTES[minute] + SECONDS_Z[t - minute * 60]
}

/** `ms` as 'YYYY-MM-DD'. */
export function isoDate(ms: number): string {
  return dayText(Math.floor(ms / (DAY_S * 1000)))
}
