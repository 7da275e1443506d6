// Dynamic values in `{{$…}}` placeholders, for the daily "updated since yesterday" query: `$today` is the UTC date
// (YYYY-MM-DD, what DMQL and OData both take for dates), `$now` the UTC time to the second (2026-01-31T08:00:00Z),
// each optionally shifted by whole hours, days or weeks: `$today-1d`, `$now-6h`, `$today+2w`.
const DYNAMIC = /^\$(today|now)(?:([+-])(\d{1,5})([hdw]))?$/

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const

/** True for names that start with `$` (dynamic values; never looked up in an environment). */
export function isDynamicName(name: string): boolean {
  return name.startsWith('$')
}

/** The value of a dynamic name at `now`, or undefined when the name is not one we know. */
export function dynamicValue(name: string, now: Date): string | undefined {
  const m = DYNAMIC.exec(name)
  if (!m) return undefined
  const [, base, sign, amount, unit] = m
  let ms = now.getTime()
  if (sign && amount && unit) ms += (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]
  const iso = new Date(ms).toISOString()
  return base === 'today' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`
}

export const DYNAMIC_EXAMPLES = ['$today', '$today-1d', '$today-1w', '$now', '$now-6h'] as const
