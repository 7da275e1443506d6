// Byte-level streaming scanner for COMPACT / COMPACT-DECODED replies (searches and COMPACT metadata). It never
// holds more than one unfinished element: rows are emitted as soon as their </DATA> arrives.
// RETS 1.7.2 §7.4.7 + server quirks: DELIMITER is two hex digits (IIS sends value="9"), TAB by default; each row
// starts and ends with one delimiter which we strip exactly once (libRETS no-leading/no-final-tab captures lack
// one of them); empty values and spaces are data; short rows are padded; COUNT may come before or after
// DELIMITER; MAXROWS may appear even on an exact last page; RETS-STATUS can override the reply code.
import { TextDecoder } from 'node:util'
import type { Readable } from 'node:stream'
import { parseAttributes, attr, tagName } from '../xml-attributes'
import { charsetFromXmlDeclaration, decodeXmlEntities, repairXml } from '../xml-text'

export type CompactEvent =
  | { type: 'reply'; replyCode: number; replyText: string }
  | { type: 'status'; replyCode: number; replyText: string }
  | { type: 'count'; records: number }
  | { type: 'delimiter'; delimiter: string }
  | { type: 'columns'; columns: string[] }
  | { type: 'row'; values: string[] }
  | { type: 'maxrows' }
  | { type: 'blockStart'; name: string; attrs: Record<string, string> }
  | { type: 'blockEnd'; name: string }
  /** any other start tag (COMPACT METADATA-SYSTEM's <SYSTEM …/>) */
  | { type: 'tag'; name: string; attrs: Record<string, string> }

const LT = 0x3c
const GT = 0x3e
const TAB = 0x09

export class CompactScanner {
  private pending: Buffer = Buffer.alloc(0)
  private delimiter = TAB
  private columns: string[] | undefined
  private charset: 'utf8' | 'latin1' | TextDecoder = 'utf8'
  private charsetFixed = false
  private latin1Warned = false
  repairs = 0
  readonly warnings: string[] = []

  /** `charset` from the Content-Type header, when it named one (it wins over the XML declaration). */
  constructor(charset?: string) {
    if (charset) {
      this.setCharset(charset)
      this.charsetFixed = true
    }
  }

  push(chunk: Buffer): CompactEvent[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    return this.scan(false)
  }

  end(): CompactEvent[] {
    const events = this.scan(true)
    this.pending = Buffer.alloc(0)
    if (this.repairs > 0) this.warnings.push(`${this.repairs} invalid XML character(s) or entities were repaired.`)
    return events
  }

  private scan(final: boolean): CompactEvent[] {
    const events: CompactEvent[] = []
    const buf = this.pending
    let pos = 0
    for (;;) {
      const lt = buf.indexOf(LT, pos)
      if (lt < 0) {
        pos = buf.length
        break
      }
      const gt = buf.indexOf(GT, lt + 1)
      if (gt < 0) {
        pos = lt
        break
      }
      const tagText = buf.toString('latin1', lt, gt + 1)
      const name = tagName(tagText)
      const upper = name.toUpperCase()
      const selfClosing = tagText.endsWith('/>')
      if ((upper === 'DATA' || upper === 'COLUMNS') && !tagText.startsWith('</')) {
        if (selfClosing) {
          this.emitRecord(upper, Buffer.alloc(0), events)
          pos = gt + 1
          continue
        }
        const close = buf.indexOf(`</${name}`, gt + 1, 'latin1')
        if (close < 0) {
          pos = lt
          break
        }
        this.emitRecord(upper, buf.subarray(gt + 1, close), events)
        const closeEnd = buf.indexOf(GT, close)
        if (closeEnd < 0) {
          // the record is complete; skip the rest of its end tag when it arrives
          pos = close + 2
          break
        }
        pos = closeEnd + 1
        continue
      }
      this.handleTag(tagText, upper, events)
      pos = gt + 1
    }
    this.pending = final ? Buffer.alloc(0) : buf.subarray(pos)
    return events
  }

  private handleTag(tagText: string, upper: string, events: CompactEvent[]): void {
    if (tagText.startsWith('</')) {
      if (upper.startsWith('METADATA-')) events.push({ type: 'blockEnd', name: upper })
      return
    }
    if (upper === '?XML') {
      if (!this.charsetFixed) {
        const cs = charsetFromXmlDeclaration(Buffer.from(tagText, 'latin1'))
        if (cs) this.setCharset(cs)
      }
      return
    }
    const attrs = parseAttributes(this.decodeText(Buffer.from(tagText, 'latin1')))
    switch (upper) {
      case 'RETS':
      case 'RETS-STATUS':
        events.push({
          type: upper === 'RETS' ? 'reply' : 'status',
          replyCode: Number(attr(attrs, 'ReplyCode') ?? -1),
          replyText: attr(attrs, 'ReplyText') ?? ''
        })
        return
      case 'COUNT': {
        const n = Number(attr(attrs, 'Records') ?? NaN)
        if (Number.isFinite(n)) events.push({ type: 'count', records: n })
        return
      }
      case 'DELIMITER': {
        const v = (attr(attrs, 'value') ?? '09').trim()
        const code = parseInt(v, 16)
        if (Number.isFinite(code) && code > 0 && code < 256) this.delimiter = code
        else this.warnings.push(`Ignored an invalid DELIMITER value "${v}"; using TAB.`)
        events.push({ type: 'delimiter', delimiter: String.fromCharCode(this.delimiter) })
        return
      }
      case 'MAXROWS':
        events.push({ type: 'maxrows' })
        return
    }
    if (upper.startsWith('METADATA-') || upper === 'METADATA') {
      if (upper !== 'METADATA') events.push({ type: 'blockStart', name: upper, attrs })
      // a self-closing block (<METADATA-LOOKUP_TYPE .../>) is an empty one
      if (tagText.endsWith('/>') && upper !== 'METADATA') events.push({ type: 'blockEnd', name: upper })
      if (upper.startsWith('METADATA-')) this.columns = undefined
      return
    }
    events.push({ type: 'tag', name: upper, attrs })
  }

  private emitRecord(kind: 'DATA' | 'COLUMNS', content: Buffer, events: CompactEvent[]): void {
    const values = this.splitRow(content)
    if (kind === 'COLUMNS') {
      this.columns = values
      events.push({ type: 'columns', columns: values })
      return
    }
    if (this.columns && values.length < this.columns.length) {
      while (values.length < this.columns.length) values.push('')
    }
    events.push({ type: 'row', values })
  }

  private splitRow(content: Buffer): string[] {
    let start = 0
    let end = content.length
    // strip exactly one leading and one trailing delimiter
    if (end > 0 && content[0] === this.delimiter) start = 1
    if (end > start && content[end - 1] === this.delimiter) end--
    const values: string[] = []
    let from = start
    for (;;) {
      const at = content.indexOf(this.delimiter, from)
      if (at < 0 || at >= end) {
        values.push(this.decodeValue(content.subarray(from, end)))
        break
      }
      values.push(this.decodeValue(content.subarray(from, at)))
      from = at + 1
    }
    return values
  }

  private decodeValue(bytes: Buffer): string {
    const text = this.decodeText(bytes)
    if (text.indexOf('&') < 0 && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return text
    const repaired = repairXml(text)
    this.repairs += repaired.repairs
    return decodeXmlEntities(repaired.text)
  }

  private decodeText(bytes: Buffer): string {
    if (this.charset === 'latin1') return bytes.toString('latin1')
    if (this.charset instanceof TextDecoder) return this.charset.decode(bytes)
    // ASCII fast path
    let ascii = true
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! > 0x7f) {
        ascii = false
        break
      }
    }
    if (ascii) return bytes.toString('latin1')
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

  private setCharset(cs: string): void {
    const lower = cs.toLowerCase()
    if (['iso-8859-1', 'latin1', 'latin-1', 'us-ascii', 'ascii'].includes(lower)) this.charset = 'latin1'
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
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true })

/** Streams a body through the scanner, yielding events chunk by chunk. */
export async function* scanCompact(
  body: Readable | AsyncIterable<Buffer>,
  charset?: string,
  /** receives the scanner's warnings (Latin-1 fallback, repairs) when the body ends */
  warnings?: string[]
): AsyncGenerator<CompactEvent[]> {
  const scanner = new CompactScanner(charset)
  for await (const chunk of body) {
    const events = scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
    if (events.length > 0) yield events
  }
  const last = scanner.end()
  warnings?.push(...scanner.warnings)
  if (last.length > 0) yield last
}

/** Convenience for small bodies and tests: all events of a whole buffer. */
export function scanCompactBuffer(body: Buffer, charset?: string): { events: CompactEvent[]; warnings: string[] } {
  const scanner = new CompactScanner(charset)
  const events = [...scanner.push(body), ...scanner.end()]
  return { events, warnings: scanner.warnings }
}
