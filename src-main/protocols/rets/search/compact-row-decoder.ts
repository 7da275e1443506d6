// Bytes of one COMPACT record (<DATA>/<COLUMNS> content) → values, with the charset rules of real servers: charset
// from Content-Type, else the XML declaration, else UTF-8 with a Latin-1 fallback for values that are not valid
// UTF-8 (libRETS extended-char captures); bare `&`, control-character references and raw C0 controls are
// repaired and counted. The scanner classifies each record's bytes once (classifyBytes) so the common case costs
// one decode and one split per row — or nothing at all when the row can travel as bytes (isPlainRow) — and only
// rows that contain `&`, controls or invalid UTF-8 pay for per-value work.
import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'
import { decodeXmlEntities, repairXml } from '../xml-text'

/** classifyBytes flags: `&` */
const ROW_AMP = 1
/** classifyBytes flags: a C0 control other than TAB/LF/CR (XML 1.0 forbids them) */
const ROW_CONTROL = 4
/** either: the row's values need repairValue */
export const ROW_SPECIAL = ROW_AMP | ROW_CONTROL
/** classifyBytes flags: a byte ≥ 0x80 */
export const ROW_HIGH = 2

const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/
const LATIN1_NAMES = ['iso-8859-1', 'latin1', 'latin-1', 'us-ascii', 'ascii']
// ignoreBOM: a value that starts with U+FEFF keeps it, as the UTF-8 fast paths (Buffer#toString) do
const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export class CompactRowDecoder {
  private charset: 'utf8' | 'latin1' | TextDecoder = 'utf8'
  private delimiter = 0x09
  private delimiterChar = '\t'
  /** byte → class (0, ROW_AMP, ROW_CONTROL or ROW_HIGH); OR them over a row's bytes to classify it */
  classes = byteClasses(0x09)
  private latin1Warned = false
  repairs = 0

  constructor(private readonly warnings: string[]) {}

  get delimiterByte(): number {
    return this.delimiter
  }

  setDelimiter(code: number): void {
    this.delimiter = code
    this.delimiterChar = String.fromCharCode(code)
    this.classes = byteClasses(code)
  }

  setCharset(cs: string): void {
    const lower = cs.toLowerCase()
    if (LATIN1_NAMES.includes(lower)) this.charset = 'latin1'
    else if (lower === 'utf-8' || lower === 'utf8') this.charset = 'utf8'
    else {
      try {
        this.charset = new TextDecoder(lower)
      } catch {
        this.warnings.push(`Unknown charset "${cs}"; reading as UTF-8.`)
        this.charset = 'utf8'
      }
    }
  }

  /** UTF-8 with an ASCII delimiter: a valid row without ROW_SPECIAL bytes is stored as it came (isPlainRow) */
  get plainUtf8(): boolean {
    return this.charset === 'utf8' && this.delimiter < 0x80
  }

  /** OR of the classes of `buf[start, end)` (a record found by the generic path). */
  classifyBytes(buf: Buffer, start: number, end: number): number {
    const classes = this.classes
    let flags = 0
    for (let i = start; i < end; i++) flags |= classes[buf[i]!]!
    return flags
  }

  /**
   * True when the row's bytes, split on the delimiter, are its values as they are: no entities or controls to
   * repair, and UTF-8 (or plain ASCII under Latin-1) with an ASCII delimiter, so it may be stored undecoded.
   */
  isPlainRow(buf: Buffer, start: number, end: number, flags: number): boolean {
    if (this.delimiter >= 0x80) return false
    if (flags === 0) return this.charset === 'utf8' || this.charset === 'latin1'
    return flags === ROW_HIGH && this.charset === 'utf8' && isUtf8(buf.subarray(start, end))
  }

  /** Values of the content `buf[start, end)` (delimiters already stripped); `flags` from classification. */
  values(buf: Buffer, start: number, end: number, flags: number): string[] {
    const text = this.rowText(buf, start, end, flags)
    if (text === undefined) return this.valuesOneByOne(buf, start, end)
    const values = text.split(this.delimiterChar)
    if (flags & ROW_SPECIAL) {
      // rows with `&` (every row with an escaped remark) but no control skip the control test of each value
      const controls = (flags & ROW_CONTROL) !== 0
      for (let i = 0; i < values.length; i++) values[i] = this.repairValue(values[i]!, controls)
    }
    return values
  }

  /** The whole row as one string when one decode gives exactly what per-value decoding would; else undefined. */
  private rowText(buf: Buffer, start: number, end: number, flags: number): string | undefined {
    // Latin-1 maps byte i to char i: any delimiter splits the same before and after decoding
    if (this.charset === 'latin1') return buf.toString('latin1', start, end)
    if (this.charset !== 'utf8' || this.delimiter >= 0x80) return undefined
    if (!(flags & ROW_HIGH)) return buf.toString('latin1', start, end)
    // invalid UTF-8 falls back to Latin-1 per value, so only a valid row may be decoded whole
    return isUtf8(buf.subarray(start, end)) ? buf.toString('utf8', start, end) : undefined
  }

  /** Byte-level split and decode, one value at a time (invalid UTF-8, other charsets, a non-ASCII delimiter). */
  private valuesOneByOne(buf: Buffer, start: number, end: number): string[] {
    const values: string[] = []
    let from = start
    for (;;) {
      const at = buf.indexOf(this.delimiter, from)
      if (at < 0 || at >= end) {
        values.push(this.repairValue(this.decodeText(buf.subarray(from, end)), true))
        return values
      }
      values.push(this.repairValue(this.decodeText(buf.subarray(from, at)), true))
      from = at + 1
    }
  }

  /** `controls`: the value may hold a control character (else only `&` needs a look) */
  private repairValue(text: string, controls: boolean): string {
    if (text.indexOf('&') < 0 && !(controls && CONTROL_CHAR.test(text))) return text
    const repaired = repairXml(text)
    this.repairs += repaired.repairs
    return decodeXmlEntities(repaired.text)
  }

  /** Text of a start tag or one value. */
  decodeText(bytes: Buffer): string {
    if (this.charset === 'latin1') return bytes.toString('latin1')
    if (this.charset instanceof TextDecoder) return this.charset.decode(bytes)
    if (isAscii(bytes)) return bytes.toString('latin1')
    try {
      return utf8Fatal.decode(bytes)
    } catch {
      if (!this.latin1Warned) {
        this.latin1Warned = true
        this.warnings.push('Some values are not valid UTF-8; they were read as ISO-8859-1 (Latin-1).')
      }
      return bytes.toString('latin1')
    }
  }
}

function isAscii(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false
  return true
}

function byteClasses(delimiter: number): Uint8Array {
  const classes = new Uint8Array(256)
  for (let b = 0; b < 0x20; b++) if (b !== 0x09 && b !== 0x0a && b !== 0x0d) classes[b] = ROW_CONTROL
  classes[0x26] = ROW_AMP
  for (let b = 0x80; b < 0x100; b++) classes[b] = ROW_HIGH
  // the delimiter never reaches a value (rows are split first): a control-character delimiter needs no repair
  classes[delimiter] = delimiter >= 0x80 ? ROW_HIGH : 0
  return classes
}
