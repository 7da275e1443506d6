// Spark API `_filter` tokenizer (SparkQL, Spark API documentation, "Search Syntax"): `Field Op Value` expressions with
// And / Or / Not and parentheses. Strings use single quotes (Spark escapes a quote as \' ; '' is accepted too);
// custom fields are written as double-quoted groups `"Main"."Style"`. Never throws: bad input → `error` tokens.

export type SparkTokenType =
  | 'ident' // field name, operator word, conjunction, true/false/Null, function name
  | 'quoted-field' // "Group"."Field" (custom field path); `value` holds the path joined with '.'
  | 'string' // '…'; `value` holds the unescaped text
  | 'number'
  | 'date'
  | 'datetime'
  | 'time'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'error'

export interface SparkToken {
  type: SparkTokenType
  text: string
  from: number
  to: number
  value?: string
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?(?![\w:.])/i
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:.-])/
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(?![\w:.])/
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)(?![\w.])/
const IDENT = /^[A-Za-z_][\w.]*/

export function tokenizeSparkQL(text: string): SparkToken[] {
  const out: SparkToken[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ type: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, from: i, to: i + 1 })
      i++
      continue
    }
    if (c === "'") {
      const s = readString(text, i)
      out.push({ type: s.closed ? 'string' : 'error', text: text.slice(i, s.end), from: i, to: s.end, value: s.value })
      i = s.end
      continue
    }
    if (c === '"') {
      const f = readQuotedPath(text, i)
      out.push({
        type: f.closed ? 'quoted-field' : 'error',
        text: text.slice(i, f.end),
        from: i,
        to: f.end,
        value: f.path
      })
      i = f.end
      continue
    }
    const rest = text.slice(i)
    const m: [SparkTokenType, RegExpExecArray | null][] = [
      ['datetime', DATETIME.exec(rest)],
      ['date', DATE.exec(rest)],
      ['time', TIME.exec(rest)],
      ['number', NUMBER.exec(rest)],
      ['ident', IDENT.exec(rest)]
    ]
    const hit = m.find(([, r]) => r)
    if (hit) {
      const len = hit[1]![0].length
      out.push({ type: hit[0], text: rest.slice(0, len), from: i, to: i + len })
      i += len
      continue
    }
    let j = i + 1
    while (j < text.length && !/[\s(),'"\w]/.test(text[j]!)) j++
    out.push({ type: 'error', text: text.slice(i, j), from: i, to: j })
    i = j
  }
  return out
}

function readString(text: string, open: number): { end: number; value: string; closed: boolean } {
  let value = ''
  let i = open + 1
  while (i < text.length) {
    const ch = text[i]!
    if (ch === '\\' && i + 1 < text.length) {
      value += text[i + 1]
      i += 2
      continue
    }
    if (ch === "'") {
      if (text[i + 1] === "'") {
        value += "'"
        i += 2
        continue
      }
      return { end: i + 1, value, closed: true }
    }
    value += ch
    i++
  }
  return { end: text.length, value, closed: false }
}

/** `"Main"."Style"` → path `Main.Style`; segments may contain spaces and dots. */
function readQuotedPath(text: string, open: number): { end: number; path: string; closed: boolean } {
  const parts: string[] = []
  let i = open
  for (;;) {
    const close = text.indexOf('"', i + 1)
    if (close < 0) return { end: text.length, path: [...parts, text.slice(i + 1)].join('.'), closed: false }
    parts.push(text.slice(i + 1, close))
    i = close + 1
    if (text[i] === '.' && text[i + 1] === '"') {
      i++
      continue
    }
    return { end: i, path: parts.join('.'), closed: true }
  }
}
