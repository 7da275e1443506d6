// Byte-level streaming scanner for COMPACT / COMPACT-DECODED replies (searches and COMPACT metadata). It never
// holds more than one unfinished element: rows are emitted as soon as their </DATA> arrives.
// RETS 1.7.2 §7.4.7 + server quirks: DELIMITER is two hex digits (IIS sends value="9"), TAB by default; each row
// starts and ends with one delimiter which we strip exactly once (libRETS no-leading/no-final-tab captures lack
// one of them); empty values and spaces are data; short rows are padded; COUNT may come before or after
// DELIMITER; MAXROWS may appear even on an exact last page; RETS-STATUS can override the reply code.
// Speed (bench case "compact", ~1M rows): `<DATA>` rows take a fast path — the row ends at the next `<`, and
// whether anything in it needs repair or decoding is known from one isUtf8 per buffer plus WebAssembly SIMD
// (repair-byte-finder.ts; a JS pass over every byte was a third of the search's CPU), one call for a whole run of
// rows — and then travel on as bytes (option delimitedRows; the result store copies a chunk's rows as one batch).
// Rows that need it take a pass through a byte class table and are decoded with one call and split; per-value
// decoding (the old cost: ~15 decodes and regex tests a row) is left to rows with invalid UTF-8 or other charsets.
import { isUtf8 } from 'node:buffer'
import type { Readable } from 'node:stream'
import type { DelimitedRow } from '../../../platform/results/result-types'
import { parseAttributes, attr, tagName } from '../xml-attributes'
import { charsetFromXmlDeclaration } from '../xml-text'
import { CompactRowDecoder } from './compact-row-decoder'
import { ElementBuffer, NO_RESUME, type Resume } from './element-buffer'
import { createRepairByteFinder, type RepairByteFinder } from './repair-byte-finder'

export type CompactEvent =
  | { type: 'reply'; replyCode: number; replyText: string }
  | { type: 'status'; replyCode: number; replyText: string }
  | { type: 'count'; records: number }
  | { type: 'delimiter'; delimiter: string }
  | { type: 'columns'; columns: string[] }
  | { type: 'row'; values: string[] }
  /** only with the delimitedRows option: a row that needs no decoding, as bytes (not padded) */
  | ({ type: 'delimitedRow' } & DelimitedRow)
  /** only with the rowBatches option: consecutive plain rows of one buffer as `[start, end)` pairs */
  | { type: 'delimitedRows'; bytes: Buffer; spans: number[]; delimiter: number }
  | { type: 'maxrows' }
  | { type: 'blockStart'; name: string; attrs: Record<string, string> }
  | { type: 'blockEnd'; name: string }
  /** any other start tag (COMPACT METADATA-SYSTEM's <SYSTEM …/>) */
  | { type: 'tag'; name: string; attrs: Record<string, string> }

export interface CompactScannerOptions {
  /** emit plain rows as 'delimitedRow' byte ranges instead of 'row' strings (the result store copies them) */
  delimitedRows?: boolean
  /**
   * with delimitedRows: consecutive plain rows as one 'delimitedRows' event (byte ranges) instead of an event object
   * per row — a million-row search otherwise makes a million short-lived objects for the GC
   */
  rowBatches?: boolean
  /** the largest single element (one record, one tag) held while it arrives; default 16 MB */
  maxElementBytes?: number
  /** the body's length when known (Content-Length of an unencoded reply): bounds a huge element's buffer */
  bodyBytes?: number
}

export const DEFAULT_MAX_ELEMENT_BYTES = 16 * 1024 * 1024

const LT = 0x3c
const GT = 0x3e
const DATA_OPEN = Buffer.from('<DATA>', 'latin1')
const DATA_CLOSE = Buffer.from('</DATA>', 'latin1')

export class CompactScanner {
  /** the unfinished element (a row, a tag) carried over to the next chunk; see element-buffer.ts */
  private readonly pending: ElementBuffer
  private columns: string[] | undefined
  private charsetFixed = false
  /** byte classes of the part of a plain row seen so far, when the row is unfinished */
  private partialFlags = 0
  private readonly decoder: CompactRowDecoder
  private readonly delimitedRows: boolean
  private readonly rowBatches: boolean
  private readonly bodyBytes: number | undefined
  /** bytes pushed so far */
  private consumed = 0
  /** SIMD search for bytes that need repair (repair-byte-finder.ts); used while rows may travel as bytes */
  private readonly finder: RepairByteFinder | undefined
  /** the part of the buffer being scanned that `finder` holds (see plainRowEnd) */
  private region: { buf: Buffer; start: number; end: number; valid: boolean; delimiter: number } | undefined
  readonly warnings: string[] = []

  /** `charset` from the Content-Type header, when it named one (it wins over the XML declaration). */
  constructor(charset?: string, options: CompactScannerOptions = {}) {
    this.decoder = new CompactRowDecoder(this.warnings)
    this.delimitedRows = options.delimitedRows === true
    this.rowBatches = this.delimitedRows && options.rowBatches === true
    this.pending = new ElementBuffer(options.maxElementBytes ?? DEFAULT_MAX_ELEMENT_BYTES)
    this.bodyBytes = options.bodyBytes
    this.finder = this.delimitedRows ? createRepairByteFinder() : undefined
    if (charset) {
      this.decoder.setCharset(charset)
      this.charsetFixed = true
    }
  }

  get repairs(): number {
    return this.decoder.repairs
  }

  push(chunk: Buffer): CompactEvent[] {
    const events: CompactEvent[] = []
    let rest = chunk
    this.consumed += chunk.length
    if (this.pending.long) {
      // a long element: append (amortised copy) and resume its search where the last one stopped
      this.scan(this.pending.append(chunk, this.bound(chunk.length)), false, events)
      return events
    }
    if (this.pending.length > 0) {
      // Join the unfinished element with the new chunk only up to the chunk's first `>` (which ends most
      // elements) instead of copying every 64 KB chunk behind a few carried-over bytes.
      const gt = chunk.indexOf(GT)
      const head = gt < 0 ? chunk.length : gt + 1
      this.scan(Buffer.concat([this.pending.bytes, chunk.subarray(0, head)]), false, events)
      rest = chunk.subarray(head)
      // still unfinished (a `>` inside a value, a record longer than that): carry the whole chunk
      if (this.pending.length > 0 && rest.length > 0) rest = this.pending.append(rest, this.bound(rest.length))
    }
    if (rest.length > 0) this.scan(rest, false, events)
    return events
  }

  /** The most the pending element can become once `adding` more bytes of this chunk join it (undefined: unknown). */
  private bound(adding: number): number | undefined {
    if (this.bodyBytes === undefined) return undefined
    return this.pending.length + adding + Math.max(0, this.bodyBytes - this.consumed)
  }

  end(): CompactEvent[] {
    const events: CompactEvent[] = []
    this.scan(this.pending.bytes, true, events)
    this.pending.clear()
    if (this.repairs > 0) this.warnings.push(`${this.repairs} invalid XML character(s) or entities were repaired.`)
    return events
  }

  private scan(buf: Buffer, final: boolean, events: CompactEvent[]): void {
    // buf starts with the pending element when there is one: its searches resume where the last scan stopped
    let resume: Resume = this.pending.length > 0 ? this.pending.resume : NO_RESUME
    let pos = 0
    this.region = undefined
    for (;;) {
      // rows are usually separated by just CRLF: look at a few bytes before asking indexOf
      const lt =
        buf[pos] === LT ? pos : buf[pos + 1] === LT ? pos + 1 : buf[pos + 2] === LT ? pos + 2 : buf.indexOf(LT, pos)
      if (lt < 0) {
        pos = buf.length
        break
      }
      // offsets in `resume` are relative to the element's first byte; only the first element can have any
      if (lt !== 0) resume = NO_RESUME
      if (!resume.notPlain && startsWith(buf, lt, DATA_OPEN)) {
        // a run of rows that need nothing, found in one call; the first row it does not take goes on below
        const after = this.rowBatches && resume === NO_RESUME ? this.plainRows(buf, lt, events) : lt
        if (after > lt) {
          pos = after
          continue
        }
        const end = this.scanPlainData(buf, lt + DATA_OPEN.length, lt + resume.lt, resume.flags, events)
        if (end === -1 || end < -2) {
          pos = lt
          const searched = end === -1 ? buf.length : -end - 3
          resume = { ...resume, lt: searched - lt, flags: this.partialFlags }
          break
        }
        // -2: not a plain `<DATA>…</DATA>` (a `<` inside, `</DATA >`): the generic path below decides
        if (end >= 0) {
          pos = end
          resume = NO_RESUME
          continue
        }
        resume = { ...resume, notPlain: true }
      }
      const gt = buf.indexOf(GT, Math.max(lt + 1, lt + resume.gt))
      if (gt < 0) {
        pos = lt
        resume = { ...resume, gt: buf.length - lt }
        break
      }
      const tagText = buf.toString('latin1', lt, gt + 1)
      const name = tagName(tagText)
      const upper = name.toUpperCase()
      const selfClosing = tagText.endsWith('/>')
      if ((upper === 'DATA' || upper === 'COLUMNS') && !tagText.startsWith('</')) {
        if (selfClosing) {
          this.emitRecord(upper, buf, gt + 1, gt + 1, events)
          pos = gt + 1
          resume = NO_RESUME
          continue
        }
        const closeTag = `</${name}`
        const close = buf.indexOf(closeTag, Math.max(gt + 1, lt + resume.close), 'latin1')
        if (close < 0) {
          pos = lt
          // the end tag may already have begun in the last bytes
          resume = { ...resume, gt: gt - lt, close: Math.max(gt + 1, buf.length - closeTag.length + 1) - lt }
          break
        }
        this.emitRecord(upper, buf, gt + 1, close, events)
        resume = NO_RESUME
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
      resume = NO_RESUME
    }
    if (final) this.pending.clear()
    else this.pending.keep(buf.subarray(pos), pos < buf.length ? resume : NO_RESUME)
  }

  /**
   * The fast path for `<DATA>` + content + `</DATA>`: a plain UTF-8 row is found and cleared by one SIMD call
   * (plainRowEnd); any other row takes one pass over its content through the byte class table. Returns the position after `</DATA>`; -1 when the buffer ends before any `<`, -3 - i when it ends inside a
   * `</DATA>` beginning at i (both: wait for more, with the classes seen so far in `partialFlags`; at the end of the
   * body the row is dropped); -2 when the record is not that shape. A long row resumes at `searched` (an index in
   * `buf`) with the classes `flags` of the content before it, so each byte is looked at once.
   */
  private scanPlainData(buf: Buffer, from: number, searched: number, flags: number, events: CompactEvent[]): number {
    const length = buf.length
    const start = Math.max(from, searched)
    if (start === from && flags === 0) {
      const end = this.plainRowEnd(buf, from)
      if (end >= 0 && end + DATA_CLOSE.length <= length) {
        if (!startsWith(buf, end, DATA_CLOSE)) return -2
        this.emitData(buf, from, end, 0, events)
        return end + DATA_CLOSE.length
      }
    }
    // the row ends at the next `<` (memchr); then one branch-free pass ORs the classes of its bytes
    const i = buf.indexOf(LT, start)
    const classes = this.decoder.classes
    if (i < 0 || i + DATA_CLOSE.length > length) {
      const stop = i < 0 ? length : i
      for (let j = start; j < stop; j++) flags |= classes[buf[j]!]!
      this.partialFlags = flags
      return i < 0 ? -1 : -3 - i
    }
    if (!startsWith(buf, i, DATA_CLOSE)) return -2
    for (let j = start; j < i; j++) flags |= classes[buf[j]!]!
    this.emitData(buf, from, i, flags, events)
    return i + DATA_CLOSE.length
  }

  /**
   * The `<` that ends the row starting at `start` when the row may be stored as it is without a look at each byte
   * in JS: the rows of this buffer (up to its last `<`) are valid UTF-8 (one native check per buffer; rows end at
   * ASCII bytes, so each row is valid too) and no repair byte comes before that `<` (the finder's SIMD loop, one
   * call per row). -1 leaves the row to the byte loop (other charsets, invalid UTF-8, a row with `&` or a control,
   * a row the buffer does not finish) — the same verdicts, only the rows that need them pay for them.
   */
  private plainRowEnd(buf: Buffer, start: number): number {
    const region = this.plainRegion(buf, start)
    return region ? this.finder!.rowEnd(start, region.end, region.delimiter) : -1
  }

  /** The rows from `lt` on that plainRowEnd would clear, found by one call (rowBatches); returns where it stopped. */
  private plainRows(buf: Buffer, lt: number, events: CompactEvent[]): number {
    const region = this.plainRegion(buf, lt)
    if (!region) return lt
    const d = region.delimiter
    const last = events[events.length - 1]
    const batch = last?.type === 'delimitedRows' && last.bytes === buf && last.delimiter === d ? last : undefined
    const spans = batch ? batch.spans : []
    const after = this.finder!.rows(lt, region.end, d, spans)
    if (!batch && spans.length > 0) events.push({ type: 'delimitedRows', bytes: buf, spans, delimiter: d })
    return after
  }

  /** The part of `buf` the finder holds, loaded on first use (see plainRowEnd); undefined when rows may not skip JS. */
  private plainRegion(buf: Buffer, start: number): { end: number; delimiter: number } | undefined {
    const finder = this.finder
    if (!finder || !this.decoder.plainUtf8) return undefined
    const delimiter = this.decoder.delimiterByte
    let region = this.region
    if (!region || region.buf !== buf || start < region.start || region.delimiter !== delimiter) {
      const last = buf.lastIndexOf(LT)
      const valid = last >= start && isUtf8(buf.subarray(start, last)) && finder.load(buf, start, last + 1)
      region = this.region = { buf, start, end: last + 1, valid, delimiter }
    }
    return region.valid ? region : undefined
  }

  private handleTag(tagText: string, upper: string, events: CompactEvent[]): void {
    if (tagText.startsWith('</')) {
      if (upper.startsWith('METADATA-')) events.push({ type: 'blockEnd', name: upper })
      return
    }
    if (upper === '?XML') {
      if (!this.charsetFixed) {
        const cs = charsetFromXmlDeclaration(Buffer.from(tagText, 'latin1'))
        if (cs) this.decoder.setCharset(cs)
      }
      return
    }
    const attrs = parseAttributes(this.decoder.decodeText(Buffer.from(tagText, 'latin1')))
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
        if (Number.isFinite(code) && code > 0 && code < 256) this.decoder.setDelimiter(code)
        else this.warnings.push(`Ignored an invalid DELIMITER value "${v}"; using TAB.`)
        events.push({ type: 'delimiter', delimiter: String.fromCharCode(this.decoder.delimiterByte) })
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

  /** A record found by the generic path (any case, attributes, self-closing). */
  private emitRecord(kind: 'DATA' | 'COLUMNS', buf: Buffer, start: number, end: number, events: CompactEvent[]): void {
    const flags = this.decoder.classifyBytes(buf, start, end)
    if (kind === 'DATA') return this.emitData(buf, start, end, flags, events)
    const d = this.decoder.delimiterByte
    if (end > start && buf[start] === d) start++
    if (end > start && buf[end - 1] === d) end--
    this.columns = this.decoder.values(buf, start, end, flags)
    events.push({ type: 'columns', columns: this.columns })
  }

  private emitData(buf: Buffer, start: number, end: number, flags: number, events: CompactEvent[]): void {
    // strip exactly one leading and one trailing delimiter
    const d = this.decoder.delimiterByte
    if (end > start && buf[start] === d) start++
    if (end > start && buf[end - 1] === d) end--
    if (this.delimitedRows && this.decoder.isPlainRow(buf, start, end, flags)) {
      if (!this.rowBatches) {
        events.push({ type: 'delimitedRow', bytes: buf, start, end, delimiter: d })
        return
      }
      const last = events[events.length - 1]
      if (last?.type === 'delimitedRows' && last.bytes === buf && last.delimiter === d) last.spans.push(start, end)
      else events.push({ type: 'delimitedRows', bytes: buf, spans: [start, end], delimiter: d })
      return
    }
    const values = this.decoder.values(buf, start, end, flags)
    if (this.columns) while (values.length < this.columns.length) values.push('')
    events.push({ type: 'row', values })
  }
}

function startsWith(buf: Buffer, at: number, needle: Buffer): boolean {
  if (at + needle.length > buf.length) return false
  for (let i = 0; i < needle.length; i++) if (buf[at + i] !== needle[i]) return false
  return true
}

/** Streams a body through the scanner, yielding events chunk by chunk. */
export async function* scanCompact(
  body: Readable | AsyncIterable<Buffer>,
  charset?: string,
  /** receives the scanner's warnings (Latin-1 fallback, repairs) when the body ends */
  warnings?: string[],
  options: CompactScannerOptions = {}
): AsyncGenerator<CompactEvent[]> {
  const scanner = new CompactScanner(charset, options)
  for await (const chunk of body) {
    const events = scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
    if (events.length > 0) yield events
  }
  const last = scanner.end()
  warnings?.push(...scanner.warnings)
  if (last.length > 0) yield last
}

/** Convenience for small bodies and tests: all events of a whole buffer. */
export function scanCompactBuffer(
  body: Buffer,
  charset?: string,
  options: CompactScannerOptions = {}
): { events: CompactEvent[]; warnings: string[] } {
  const scanner = new CompactScanner(charset, options)
  const events = [...scanner.push(body), ...scanner.end()]
  return { events, warnings: scanner.warnings }
}
