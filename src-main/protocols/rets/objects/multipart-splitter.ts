// Streaming multipart/parallel splitter on Buffers (RFC 2046 §5.1 + GetObject quirks): the boundary may be quoted
// or not and may contain spaces ("simple boundary"); the CRLF before the first boundary may be missing (libRETS
// multi-malformed); part headers may lack the space after the colon (CRIS, Rapattoni), be lower case (NORMLS) or
// folded over several lines; some servers end lines with bare LF. Each part's headers, then its bytes, go to the
// sink as they arrive; only a boundary-sized tail is ever held back, and a part's header block is bounded
// (MAX_PART_HEADER_BYTES: a hostile 50 MB header block took 53 s, re-joined on every chunk).
import { AppError } from '../../../../contract/app-error'

/** The largest header block of one part; real ones are a few hundred bytes. */
export const MAX_PART_HEADER_BYTES = 64 * 1024

export class PartHeaderTooLargeError extends AppError {
  constructor() {
    super({
      code: 'REPLY_PART_HEADER_TOO_LARGE',
      message: `A part of the multipart reply has a header block larger than ${MAX_PART_HEADER_BYTES / 1024} KB (no blank line ends it).`,
      hint: 'The server sent a malformed multipart reply; ask for fewer objects at a time or report it to the MLS.'
    })
  }
}

export type PartHeaders = Record<string, string[]>

export interface PartSink {
  partStart(headers: PartHeaders): void
  partData(chunk: Buffer): void
  partEnd(): void
}

type State = 'preamble' | 'headers' | 'body' | 'done'

export class MultipartSplitter {
  private state: State = 'preamble'
  private buf: Buffer = Buffer.alloc(0)
  private readonly dashBoundary: Buffer
  /** delimiter inside the stream: CRLF or LF, then --boundary */
  private readonly crlfDelimiter: Buffer
  private readonly lfDelimiter: Buffer
  private atStart = true
  parts = 0

  constructor(
    boundary: string,
    private readonly sink: PartSink
  ) {
    this.dashBoundary = Buffer.from(`--${boundary}`, 'latin1')
    this.crlfDelimiter = Buffer.from(`\r\n--${boundary}`, 'latin1')
    this.lfDelimiter = Buffer.from(`\n--${boundary}`, 'latin1')
  }

  push(chunk: Buffer): void {
    if (this.buf.length === 0) this.buf = chunk
    else if (this.state === 'body' && this.tailIsData(chunk)) {
      // the few bytes kept back from the last chunk start no delimiter: hand them on instead of copying the new
      // chunk behind them (a 300 MB photo reply would otherwise be copied once more, chunk by chunk)
      this.sink.partData(this.buf)
      this.buf = chunk
    } else this.buf = Buffer.concat([this.buf, chunk])
    this.run()
  }

  /** In a part body, with only a kept tail in `buf`: does no delimiter begin inside that tail? */
  private tailIsData(chunk: Buffer): boolean {
    const d = this.crlfDelimiter.length
    if (this.buf.length > d || chunk.length < d) return false
    const junction = Buffer.concat([this.buf, chunk.subarray(0, d)])
    // a delimiter starting in the tail has its LF in the tail, or right after a tail-ending CR
    const lf = junction.indexOf(this.lfDelimiter)
    return lf < 0 || lf > this.buf.length
  }

  end(): void {
    this.run()
    if (this.state === 'body') {
      // no closing boundary: hand over what is left and close the part
      if (this.buf.length > 0) this.sink.partData(this.buf)
      this.sink.partEnd()
    } else if (this.state === 'headers' && this.buf.length > 0) {
      this.sink.partStart(parseHeaders(this.buf.toString('latin1')))
      this.sink.partEnd()
    }
    this.buf = Buffer.alloc(0)
    this.state = 'done'
  }

  private run(): void {
    for (;;) {
      if (this.state === 'preamble') {
        // the first boundary may start at byte 0 (no preceding CRLF) or after a preamble
        const at =
          this.atStart && this.buf.subarray(0, this.dashBoundary.length).equals(this.dashBoundary)
            ? 0
            : this.findDelimiter()
        if (at < 0) {
          if (this.buf.length >= this.dashBoundary.length) this.atStart = false
          // keep a tail that might hold a split delimiter
          const keep = this.crlfDelimiter.length
          if (this.buf.length > keep) this.buf = this.buf.subarray(this.buf.length - keep)
          return
        }
        const lineEnd = this.afterBoundaryLine(at)
        if (lineEnd === undefined) return
        if (lineEnd < 0) {
          this.state = 'done'
          return
        }
        this.buf = this.buf.subarray(lineEnd)
        this.state = 'headers'
        continue
      }
      if (this.state === 'headers') {
        const blank = findHeaderEnd(this.buf)
        if (blank ? blank.start > MAX_PART_HEADER_BYTES : this.buf.length > MAX_PART_HEADER_BYTES) {
          throw new PartHeaderTooLargeError()
        }
        if (!blank) return
        const headers = parseHeaders(this.buf.toString('latin1', 0, blank.start))
        this.buf = this.buf.subarray(blank.end)
        this.parts++
        this.sink.partStart(headers)
        this.state = 'body'
        continue
      }
      if (this.state === 'body') {
        const at = this.findDelimiter()
        if (at < 0) {
          // emit all but a possible partial delimiter at the end
          const keep = this.crlfDelimiter.length
          if (this.buf.length > keep) {
            this.sink.partData(this.buf.subarray(0, this.buf.length - keep))
            this.buf = this.buf.subarray(this.buf.length - keep)
          }
          return
        }
        if (at > 0) this.sink.partData(this.buf.subarray(0, at))
        const lineEnd = this.afterBoundaryLine(at)
        if (lineEnd === undefined) {
          this.buf = this.buf.subarray(at)
          return
        }
        this.sink.partEnd()
        if (lineEnd < 0) {
          this.state = 'done'
          this.buf = Buffer.alloc(0)
          return
        }
        this.buf = this.buf.subarray(lineEnd)
        this.state = 'headers'
        continue
      }
      return
    }
  }

  /** Index where the next delimiter starts (at its CR or LF), or -1. */
  private findDelimiter(): number {
    // LF--boundary ends CRLF--boundary too: one scan finds either, the byte before it says which
    const lf = this.buf.indexOf(this.lfDelimiter)
    return lf > 0 && this.buf[lf - 1] === 0x0d ? lf - 1 : lf
  }

  /**
   * Given a delimiter at `at`, returns the index just after the boundary line, -1 for the closing `--boundary--`,
   * or undefined when more bytes are needed.
   */
  private afterBoundaryLine(at: number): number | undefined {
    let i = at
    if (this.buf[i] === 0x0d) i++
    if (this.buf[i] === 0x0a) i++
    i += this.dashBoundary.length
    if (this.buf.length < i + 2) return undefined
    if (this.buf[i] === 0x2d && this.buf[i + 1] === 0x2d) return -1
    // transport padding (spaces/tabs) then CRLF or LF
    const nl = this.buf.indexOf(0x0a, i)
    if (nl < 0) return undefined
    return nl + 1
  }
}

/** End of the header block: CRLFCRLF, LFLF (or mixed); an empty header block is a bare line break. */
function findHeaderEnd(buf: Buffer): { start: number; end: number } | undefined {
  if (buf[0] === 0x0a) return { start: 0, end: 1 }
  if (buf[0] === 0x0d && buf[1] === 0x0a) return { start: 0, end: 2 }
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) {
    if (buf[i + 1] === 0x0a) return { start: i, end: i + 2 }
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { start: i, end: i + 3 }
  }
  return undefined
}

/** Header block → lower-case name → values (ObjectData repeats); folded lines joined with a space. */
export function parseHeaders(block: string): PartHeaders {
  const out: PartHeaders = {}
  const lines: string[] = []
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === '') continue
    // folded (leading white space) or, as CRIS sends multi-line descriptions, a line that is not "Name:"
    const continuation = /^[ \t]/.test(line) || !/^[A-Za-z0-9_-]+\s*:/.test(line)
    if (continuation && lines.length > 0) lines[lines.length - 1] += ` ${line.trim()}`
    else lines.push(line)
  }
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    ;(out[name] ??= []).push(value)
  }
  return out
}

/** The boundary parameter of a multipart Content-Type (quoted or not). */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
  if (!m) return undefined
  return (m[1] ?? m[2] ?? '').trim()
}
