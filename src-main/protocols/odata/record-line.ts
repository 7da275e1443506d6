// One OData record (the bytes of one `value` element) straight into a result-store line `v0 US v1 US …` (US = 0x1F,
// the store's delimited lane), without JSON.parse and without an object or a string per record. Each cell must come
// out exactly as cellText(JSON.parse(record)[column]) would: strings decoded, null empty, numbers as String(n),
// scalar lists joined with ',', nested values as JSON.stringify. So bytes are copied only where that is provably the
// same text — canonical numbers (≤ 15 digits, no exponent), nested values already in JSON.stringify's form — and a
// record with anything else (an unknown key, a duplicate, `\/`, `1.50`, `1e3`) returns -1: the caller parses it.
import { BACKSLASH, CLOSE_ARR, CLOSE_OBJ, COLON, COMMA, OPEN_ARR, OPEN_OBJ, QUOTE } from './json-bytes'
const US = 0x1f
const MINUS = 0x2d
const DOT = 0x2e
const ZERO = 0x30
const AT = 0x40
const FAIL = -1

const enum Kind {
  Missing = 0,
  /** bytes copied as they are (plain strings, numbers, true/false, canonical nested JSON) */
  Raw = 1,
  /** a string with escapes: decoded into the line */
  Escaped = 2,
  /** a list of scalars: joined with ',' */
  List = 3
}

/**
 * The next backslash at or after `from`, remembered: a plain indexOf per string would run on to the next backslash
 * wherever it is (often the next record's), so records are walked left to right with one cached position.
 */
const backslash = { buf: undefined as Buffer | undefined, from: 0, at: 0 }
function nextBackslash(b: Buffer, from: number): number {
  if (b !== backslash.buf || from < backslash.from || backslash.at < from) {
    const at = b.indexOf(BACKSLASH, from)
    backslash.buf = b
    backslash.from = from
    backslash.at = at < 0 ? b.length : at
  }
  return backslash.at
}

const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09
const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39
const SHORT_ESCAPES: Record<number, number> = {
  0x22: 0x22,
  0x5c: 0x5c,
  0x2f: 0x2f,
  0x62: 8,
  0x66: 12,
  0x6e: 10,
  0x72: 13,
  0x74: 9
}

export class RecordLineWriter {
  private readonly names: Buffer[]
  private readonly index = new Map<string, number>()
  private readonly starts: Int32Array
  private readonly ends: Int32Array
  private readonly kinds: Uint8Array
  /** the line of the last record: `out[0, n)` */
  out: Buffer = Buffer.allocUnsafe(1 << 16)

  constructor(columns: readonly string[]) {
    this.names = columns.map((c) => Buffer.from(c, 'utf8'))
    columns.forEach((c, i) => this.index.set(c, i))
    this.starts = new Int32Array(columns.length)
    this.ends = new Int32Array(columns.length)
    this.kinds = new Uint8Array(columns.length)
  }

  /** Writes the record `b[start, end)` as a line into `out`; returns its length, or -1 (parse it instead). */
  line(b: Buffer, start: number, end: number): number {
    if (this.names.length === 0 || !this.fields(b, start, end)) return FAIL
    if (this.out.length < end - start + this.names.length) this.out = Buffer.allocUnsafe((end - start) * 2 + 1024)
    const out = this.out
    let n = 0
    for (let c = 0; c < this.names.length; c++) {
      if (c > 0) out[n++] = US
      const s = this.starts[c]!
      const e = this.ends[c]!
      switch (this.kinds[c]) {
        case Kind.Raw:
          n = copyInto(b, s, e, out, n)
          break
        case Kind.Escaped:
          n = unescapeInto(b, s, e, out, n)
          if (n < 0) return FAIL
          break
        case Kind.List:
          n = joinList(b, s, e, out, n)
          if (n < 0) return FAIL
          break
      }
    }
    return n
  }

  /** Locates each column's value in the record; false when the record needs the slow lane. */
  private fields(b: Buffer, start: number, end: number): boolean {
    this.kinds.fill(Kind.Missing)
    let i = skipSpace(b, start, end)
    if (b[i] !== OPEN_OBJ) return false
    i = skipSpace(b, i + 1, end)
    if (b[i] === CLOSE_OBJ) return true
    let expected = 0
    for (;;) {
      if (b[i] !== QUOTE) return false
      const keyEnd = stringEnd(b, i + 1, end)
      if (keyEnd < 0 || nextBackslash(b, i + 1) < keyEnd) return false
      const column = this.column(b, i + 1, keyEnd, expected)
      i = skipSpace(b, keyEnd + 1, end)
      if (b[i] !== COLON) return false
      i = skipSpace(b, i + 1, end)
      const valueEnd = this.value(b, i, end, column)
      if (valueEnd < 0) return false
      if (column >= 0) expected = column + 1
      i = skipSpace(b, valueEnd, end)
      if (b[i] === CLOSE_OBJ) return true
      if (b[i] !== COMMA) return false
      i = skipSpace(b, i + 1, end)
    }
  }

  /** The column of the key `b[s, e)`: -2 for annotations (`@odata.etag`, skipped), -1 for an unknown key. */
  private column(b: Buffer, s: number, e: number, expected: number): number {
    const name = this.names[expected]
    if (name && name.length === e - s && sameBytes(b, s, name)) return expected
    if (b[s] === AT) return -2
    return this.index.get(b.toString('utf8', s, e)) ?? -1
  }

  /** Records the value at `i` for `column`; returns the index after it, or -1. */
  private value(b: Buffer, i: number, end: number, column: number): number {
    if (column === -1 || (column >= 0 && this.kinds[column] !== Kind.Missing)) return FAIL
    const first = b[i]
    let s = i
    let e: number
    let kind = Kind.Raw
    if (first === QUOTE) {
      e = stringEnd(b, i + 1, end)
      if (e < 0) return FAIL
      s = i + 1
      if (nextBackslash(b, s) < e) kind = Kind.Escaped
      if (column >= 0) this.set(column, s, e, kind)
      return e + 1
    }
    if (first === OPEN_OBJ || first === OPEN_ARR) {
      e = canonicalEnd(b, i, end)
      if (e < 0) {
        if (column === -2) return skipNested(b, i, end)
        if (first === OPEN_OBJ) return FAIL
        e = listEnd(b, i, end)
        if (e < 0) return FAIL
        kind = Kind.List
      } else if (first === OPEN_ARR && isScalarList(b, i, e)) kind = Kind.List
      if (column >= 0) this.set(column, kind === Kind.List ? i + 1 : i, kind === Kind.List ? e - 1 : e, kind)
      return e
    }
    e = scalarEnd(b, i, end)
    if (e < 0) return FAIL
    // null is an empty cell: leave the column missing
    if (column >= 0 && first !== 0x6e) this.set(column, s, e, Kind.Raw)
    else if (column >= 0) this.set(column, s, s, Kind.Raw)
    return e
  }

  private set(column: number, s: number, e: number, kind: Kind): void {
    this.starts[column] = s
    this.ends[column] = e
    this.kinds[column] = kind
  }
}

/** `b[s, s + name.length)` equals `name` (column names are short: a loop beats a native call). */
function sameBytes(b: Buffer, s: number, name: Buffer): boolean {
  for (let k = 0; k < name.length; k++) if (b[s + k] !== name[k]) return false
  return true
}

/** Copies `b[s, e)` to `out` at `n`; returns the new end. Most cells are short: a loop beats a native call. */
function copyInto(b: Buffer, s: number, e: number, out: Buffer, n: number): number {
  if (e - s > 48) return n + b.copy(out, n, s, e)
  for (let k = s; k < e; k++) out[n++] = b[k]!
  return n
}

function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end && isSpace(b[i])) i++
  return i
}

/** Index of the quote closing a string whose content starts at `i`, or -1. */
function stringEnd(b: Buffer, i: number, end: number): number {
  for (;;) {
    const q = b.indexOf(QUOTE, i)
    if (q < 0 || q >= end) return FAIL
    let run = 0
    for (let j = q - 1; b[j] === BACKSLASH; j--) run++
    if (run % 2 === 0) return q
    i = q + 1
  }
}

/** End of true/false/null or a canonical number (String(n) gives the same text) at `i`, or -1. */
function scalarEnd(b: Buffer, i: number, end: number): number {
  const c = b[i]
  if (c === 0x74) return b.toString('latin1', i, i + 4) === 'true' ? i + 4 : FAIL
  if (c === 0x66) return b.toString('latin1', i, i + 5) === 'false' ? i + 5 : FAIL
  if (c === 0x6e) return b.toString('latin1', i, i + 4) === 'null' ? i + 4 : FAIL
  return numberEnd(b, i, end)
}

/** End of the number at `i` when String(n) is its very text (`1.50`, `1e3`, `-0` are not), else -1. */
function numberEnd(b: Buffer, i: number, end: number): number {
  const j = plainNumberEnd(b, i, end)
  if (j >= 0) return j
  // longer or unusual numbers (17-digit doubles, exponents): compare with String(n), one small string each
  let k = i
  while (k < end && isNumberByte(b[k]!)) k++
  if (k === i) return FAIL
  const text = b.toString('latin1', i, k)
  return String(Number(text)) === text ? k : FAIL
}

const isNumberByte = (c: number): boolean =>
  isDigit(c) || c === MINUS || c === DOT || c === 0x2b || c === 0x65 || c === 0x45

/** Integers and decimals of at most 15 digits without an exponent, trailing zeros or -0: String(n) is the text. */
function plainNumberEnd(b: Buffer, i: number, end: number): number {
  let j = i
  if (b[j] === MINUS) j++
  const intStart = j
  while (j < end && isDigit(b[j])) j++
  const intDigits = j - intStart
  if (intDigits === 0 || (intDigits > 1 && b[intStart] === ZERO)) return FAIL
  let digits = intDigits
  if (b[j] === DOT) {
    const fracStart = ++j
    while (j < end && isDigit(b[j])) j++
    if (j === fracStart || b[j - 1] === ZERO) return FAIL
    digits += j - fracStart
    // 0.0000001 prints as 1e-7
    if (b[intStart] === ZERO && intDigits === 1 && j - fracStart > 6) {
      let zeros = 0
      while (b[fracStart + zeros] === ZERO) zeros++
      if (zeros >= 6) return FAIL
    }
  } else if (intDigits === 1 && b[intStart] === ZERO && intStart > i) return FAIL // -0
  const next = b[j]
  if (digits > 15 || next === 0x65 || next === 0x45) return FAIL
  return j
}

/**
 * End of a nested value at `i` when its bytes are what JSON.stringify(JSON.parse(them)) writes (no white space,
 * canonical numbers, only the escapes JSON.stringify uses), else -1.
 */
function canonicalEnd(b: Buffer, i: number, end: number): number {
  let depth = 0
  while (i < end) {
    const c = b[i]!
    if (c === OPEN_OBJ || c === OPEN_ARR) {
      depth++
      i++
    } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
      i++
      if (--depth === 0) return i
    } else if (c === COMMA || c === COLON) i++
    else if (c === QUOTE) {
      const e = stringEnd(b, i + 1, end)
      if (e < 0 || !canonicalEscapes(b, i + 1, e)) return FAIL
      i = e + 1
    } else {
      const e = scalarEnd(b, i, end)
      if (e < 0) return FAIL
      i = e
    }
  }
  return FAIL
}

/** JSON.stringify escapes `"` `\` and control characters only (\b \f \n \r \t, else \u00xx). */
function canonicalEscapes(b: Buffer, s: number, e: number): boolean {
  for (let j = nextBackslash(b, s); j < e; j = nextBackslash(b, j + 2)) {
    const c = b[j + 1]!
    if (c === 0x75) {
      const hex = b.toString('latin1', j + 2, j + 6)
      const code = parseInt(hex, 16)
      if (hex !== hex.toLowerCase() || code >= 0x20 || [8, 9, 10, 12, 13].includes(code)) return false
      j += 4
    } else if (c === 0x2f || SHORT_ESCAPES[c] === undefined) return false
  }
  return true
}

/** Skips any nested value (an annotation's): strings and brackets only. */
function skipNested(b: Buffer, i: number, end: number): number {
  let depth = 0
  while (i < end) {
    const c = b[i]!
    if (c === QUOTE) {
      const e = stringEnd(b, i + 1, end)
      if (e < 0) return FAIL
      i = e + 1
      continue
    }
    if (c === OPEN_OBJ || c === OPEN_ARR) depth++
    else if ((c === CLOSE_OBJ || c === CLOSE_ARR) && --depth === 0) return i + 1
    i++
  }
  return FAIL
}

/** End of an array of scalars (any strings, canonical numbers, literals) at `i`, or -1. */
function listEnd(b: Buffer, i: number, end: number): number {
  i = skipSpace(b, i + 1, end)
  if (b[i] === CLOSE_ARR) return i + 1
  for (;;) {
    const e = b[i] === QUOTE ? stringEnd(b, i + 1, end) + 1 : scalarEnd(b, i, end)
    if (e <= 0) return FAIL
    i = skipSpace(b, e, end)
    if (b[i] === CLOSE_ARR) return i + 1
    if (b[i] !== COMMA) return FAIL
    i = skipSpace(b, i + 1, end)
  }
}

/** A canonical array `b[s, e)` holds no object or array. */
function isScalarList(b: Buffer, s: number, e: number): boolean {
  for (let i = s + 1; i < e - 1; i++) {
    const c = b[i]
    if (c === QUOTE) i = stringEnd(b, i + 1, e)
    else if (c === OPEN_OBJ || c === OPEN_ARR) return false
  }
  return true
}

/** The list's content `b[s, e)` (between its brackets) as cellText joins it: values with ',', null empty. */
function joinList(b: Buffer, s: number, e: number, out: Buffer, n: number): number {
  let i = skipSpace(b, s, e)
  let first = true
  while (i < e) {
    if (!first) out[n++] = COMMA
    first = false
    if (b[i] === QUOTE) {
      const q = stringEnd(b, i + 1, e)
      n = unescapeInto(b, i + 1, q, out, n)
      if (n < 0) return FAIL
      i = q + 1
    } else {
      const v = scalarEnd(b, i, e)
      if (b[i] !== 0x6e) n = copyInto(b, i, v, out, n)
      i = v
    }
    i = skipSpace(b, i, e)
    if (b[i] === COMMA) i = skipSpace(b, i + 1, e)
  }
  return n
}

/** Decodes the JSON string content `b[s, e)` into `out` as UTF-8; -1 for a lone surrogate or a US character. */
function unescapeInto(b: Buffer, s: number, e: number, out: Buffer, n: number): number {
  let from = s
  for (let j = nextBackslash(b, s); j < e; j = nextBackslash(b, from)) {
    n = copyInto(b, from, j, out, n)
    const c = b[j + 1]!
    if (c !== 0x75) {
      const v = SHORT_ESCAPES[c]
      if (v === undefined) return FAIL
      out[n++] = v
      from = j + 2
      continue
    }
    let code = parseInt(b.toString('latin1', j + 2, j + 6), 16)
    from = j + 6
    if (Number.isNaN(code) || code === US) return FAIL
    if (code >= 0xd800 && code <= 0xdbff) {
      const low =
        b[from] === BACKSLASH && b[from + 1] === 0x75 ? parseInt(b.toString('latin1', from + 2, from + 6), 16) : NaN
      if (!(low >= 0xdc00 && low <= 0xdfff)) return FAIL
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
      from += 6
    } else if (code >= 0xdc00 && code <= 0xdfff) return FAIL
    n += out.write(String.fromCodePoint(code), n, 'utf8')
  }
  return copyInto(b, from, e, out, n)
}
