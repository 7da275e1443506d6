import { isDateText, isDateTimeText, isNumberText, isTimeText } from '../values/compare-values'
import type { DmqlBound, DmqlDate, DmqlNumber, DmqlValueItem } from './dmql-ast'

// Classifies one list item of a DMQL2 value (RETS 1.7.2 §7.7.2 field-value): a period (date, date-time, time,
// .TODAY., .NOW.), a number, a range of either, .EMPTY., .ANY., or a string (exact, or with `*`/`?` wildcards).
// Open ranges also take a plain alphanumeric string (`M+` = from M on; RETS 1.8 greater/less). A `-` is
// both a date separator and the range operator, so ranges are found by trying every `-` as the split point and
// keeping the one where both sides are bounds of the same sort (`2024-01-01-2024-02-01`, `-96.8--96.7`).
// Anything that is not a number or a date is a string: `10-1796` is a range, `"10-1796"` and `AB-12` are strings.

export function classifyDmqlItem(text: string, from: number): DmqlValueItem {
  const range = { from, to: from + text.length }
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return { kind: 'string', value: text.slice(1, -1), quoted: true, wildcard: false, range }
  }
  const upper = text.toUpperCase()
  if (upper === '.EMPTY.') return { kind: 'empty', range }
  if (upper === '.ANY.') return { kind: 'any', range }
  const whole = dmqlBound(text, from)
  if (whole) return whole
  const last = text[text.length - 1]
  if (text.length > 1 && (last === '+' || last === '-')) {
    const head = text.slice(0, -1)
    const b: DmqlBound | undefined =
      dmqlBound(head, from) ??
      (/^[0-9A-Za-z]+$/.test(head)
        ? { kind: 'string', value: head, quoted: false, wildcard: false, range: { from, to: from + head.length } }
        : undefined)
    if (b) return last === '+' ? { kind: 'range', from: b, range } : { kind: 'range', to: b, range }
  }
  for (let i = 1; i < text.length - 1; i++) {
    if (text[i] !== '-') continue
    const a = dmqlBound(text.slice(0, i), from)
    const b = a && dmqlBound(text.slice(i + 1), from + i + 1)
    if (a && b && a.kind === b.kind && sameFamily(a, b)) return { kind: 'range', from: a, to: b, range }
  }
  return { kind: 'string', value: text, quoted: false, wildcard: /[*?]/.test(text), range }
}

/** Times only pair with times; days, date-times and .TODAY./.NOW. pair with each other. */
function sameFamily(a: DmqlBound, b: DmqlBound): boolean {
  return a.kind !== 'date' || b.kind !== 'date' || (a.precision === 'time') === (b.precision === 'time')
}

/** A number, date, date-time, time, .TODAY. or .NOW. (what RETS calls period / number). */
export function dmqlBound(text: string, from: number): DmqlNumber | DmqlDate | undefined {
  const range = { from, to: from + text.length }
  const upper = text.toUpperCase()
  if (upper === '.TODAY.') return { kind: 'date', text, precision: 'date', relative: 'today', range }
  if (upper === '.NOW.') return { kind: 'date', text, precision: 'datetime', relative: 'now', range }
  if (isNumberText(text) && !/^\+/.test(text) && !/e/i.test(text))
    return { kind: 'number', value: Number(text), text, range }
  if (isDateText(text)) return { kind: 'date', text, precision: 'date', range }
  if (isDateTimeText(text) && text.includes('T')) return { kind: 'date', text, precision: 'datetime', range }
  if (isTimeText(text)) return { kind: 'date', text, precision: 'time', range }
  return undefined
}

/** Looks like a date but is not a valid one (month 13, missing digits): worth a diagnostic. */
export function looksLikeBadDate(text: string): boolean {
  return /^\d{4}-\d{1,2}-\d{1,2}/.test(text) && !dmqlBound(text, 0)
}
