// The one CSV writer of the app (results exports, the photo manifest): RFC 4180 fields, CRLF lines, an optional
// UTF-8 BOM so Excel reads the text as UTF-8, and the formula guard: MLS data is written by strangers, and a cell
// starting with = + @ - (or a tab / carriage return) is run by a spreadsheet as a formula (`=HYPERLINK(…)`,
// `+cmd|…`, `-2+cmd|…`), so it gets a leading `'` — in the CSV only, other formats keep the value as sent. A plain
// negative number stays a number.

const FORMULA_START = /^[=+@\-\t\r]/
const NEGATIVE_NUMBER = /^-(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/** One field: formula-guarded, then quoted when it holds a comma, quote, line break or edge spaces. */
export function csvField(value: string | number): string {
  let s = String(value)
  if (typeof value === 'string' && FORMULA_START.test(s) && !NEGATIVE_NUMBER.test(s)) s = `'${s}`
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One record with its CRLF. */
export function csvLine(values: ReadonlyArray<string | number>): string {
  return `${values.map(csvField).join(',')}\r\n`
}

/** The header line, after the BOM when asked for. */
export function csvHeader(names: readonly string[], options: { bom?: boolean } = {}): string {
  return `${options.bom ? '\ufeff' : ''}${csvLine(names)}`
}
