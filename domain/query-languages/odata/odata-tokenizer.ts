// OData 4.01 $filter tokenizer (OData URL Conventions §5.1.1, ABNF primitiveLiteral). Literals are recognised
// here because their shapes overlap: `2024-01-01` (date), `2024-01-01T00:00:00Z` (dateTimeOffset), a GUID that
// may start with digits, `-5` (number), `Ns.Enum'Value'` (enum: a qualified name glued to a quoted string).
// Keywords (and, or, eq…) come out as `ident`: whether a word is an operator depends on where it stands, and that
// is the parser's business. Never throws: unknown characters become `error` tokens.

export type ODataTokenType =
  | 'ident' // name, qualified name, keyword, function name
  | 'string' // '…' with '' as the escaped quote; `value` holds the unescaped text
  | 'number'
  | 'date'
  | 'datetime'
  | 'guid'
  | 'enum' // Namespace.EnumType'Member'; `enumType` holds the qualified type name, `value` the member(s)
  | 'typed' // duration'P1D', binary'…', geography'…': kept as text
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'slash'
  | 'colon'
  | 'error'

export interface ODataToken {
  type: ODataTokenType
  text: string
  from: number
  to: number
  /** unescaped string / enum member text */
  value?: string
  enumType?: string
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2})?(?![\w:.])/i
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:.-])/
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?(?![\w.])/
const SPECIAL_NUMBER = /^(-?INF|NaN)(?!\w)/
const IDENT = /^[A-Za-z_$@][\w]*(\.[A-Za-z_][\w]*)*/
const TYPED_PREFIX = /^(duration|binary|geography|geometry)$/i
const PUNCT: Record<string, ODataTokenType> = { '(': 'lparen', ')': 'rparen', ',': 'comma', '/': 'slash', ':': 'colon' }

export function tokenizeOData(text: string): ODataToken[] {
  const out: ODataToken[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    const punct = PUNCT[c]
    if (punct) {
      out.push({ type: punct, text: c, from: i, to: i + 1 })
      i++
      continue
    }
    if (c === "'") {
      const s = readQuoted(text, i)
      out.push({ type: s.closed ? 'string' : 'error', text: text.slice(i, s.end), from: i, to: s.end, value: s.value })
      i = s.end
      continue
    }
    const rest = text.slice(i)
    const m =
      match(rest, GUID, 'guid') ??
      match(rest, DATETIME, 'datetime') ??
      match(rest, DATE, 'date') ??
      match(rest, NUMBER, 'number') ??
      match(rest, SPECIAL_NUMBER, 'number')
    if (m) {
      out.push({ type: m.type, text: m.text, from: i, to: i + m.text.length })
      i += m.text.length
      continue
    }
    const id = IDENT.exec(rest)
    if (id) {
      const end = i + id[0].length
      if (text[end] === "'") {
        // Glued quote: an enum literal (Ns.Type'Member') or a typed literal such as duration'P1D'.
        const s = readQuoted(text, end)
        const typed = TYPED_PREFIX.test(id[0])
        const type: ODataTokenType = !s.closed ? 'error' : typed ? 'typed' : 'enum'
        out.push({
          type,
          text: text.slice(i, s.end),
          from: i,
          to: s.end,
          value: s.value,
          ...(typed ? {} : { enumType: id[0] })
        })
        i = s.end
        continue
      }
      out.push({ type: 'ident', text: id[0], from: i, to: end })
      i = end
      continue
    }
    // Unknown run (e.g. `==`, `&&`, a stray quote mark of another kind): one error token up to the next space.
    let j = i + 1
    while (j < text.length && !/[\s()',/:]/.test(text[j]!) && !/[\w]/.test(text[j]!)) j++
    out.push({ type: 'error', text: text.slice(i, j), from: i, to: j })
    i = j
  }
  return out
}

function match(rest: string, re: RegExp, type: ODataTokenType): { type: ODataTokenType; text: string } | undefined {
  const m = re.exec(rest)
  return m ? { type, text: m[0] } : undefined
}

function readQuoted(text: string, open: number): { end: number; value: string; closed: boolean } {
  let value = ''
  let i = open + 1
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        value += "'"
        i += 2
        continue
      }
      return { end: i + 1, value, closed: true }
    }
    value += text[i]
    i++
  }
  return { end: text.length, value, closed: false }
}
