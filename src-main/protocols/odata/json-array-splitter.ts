// Byte-level splitter for an OData page {"…": …, "value": [ {…}, {…} ], "@odata.nextLink": "…"}: yields the text of
// each element of the top-level `value` array as soon as it is complete, so a 150 MB page is never one JSON.parse
// (each element is parsed on its own) and never one string. Elements are cut on bytes and decoded only once whole,
// so a UTF-8 character split across chunks is safe. The other top-level members (nextLink, count — which may come
// before or after `value`) are small and kept, then parsed at the end.
import { AppError } from '../../../contract/app-error'

import { BACKSLASH, CLOSE_ARR, CLOSE_OBJ, COLON, COMMA, OPEN_ARR, OPEN_OBJ, QUOTE } from './json-bytes'

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09
}

/** How many backslashes end at `end` (exclusive), not looking before `start`. */
function backslashRun(chunk: Buffer, end: number, start: number): number {
  let n = 0
  for (let j = end - 1; j >= start && chunk[j] === BACKSLASH; j--) n++
  return n
}

function truncated(what: string): AppError {
  return new AppError({
    code: 'ODATA_BAD_PAGE',
    message: `The OData page is not valid JSON: ${what}.`,
    hint: 'The reply may have been cut off; try again.'
  })
}

export class JsonPageSplitter {
  private depth = 0
  private inString = false
  private escape = false
  private expectKey = false
  private keyBytes: number[] | undefined
  private currentKey: string | undefined
  private afterColon = false
  /** inside the top-level `value` array (array depth is 2) */
  private streaming = false
  private elemParts: Buffer[] = []
  private elemStart = -1
  /** elements completed in the current chunk: [start, end) pairs in the chunk; the first may have a carried head */
  private spans: number[] = []
  private firstHead: Buffer[] = []
  private memberParts: Buffer[] = []
  private memberStart = -1
  private memberKey = ''
  private readonly members: Record<string, string> = {}
  private ended = false
  private sawRoot = false

  /** Feeds one chunk; returns the texts of the elements completed inside it. */
  push(chunk: Buffer): string[] {
    this.scan(chunk)
    const out: string[] = []
    const spans = this.spans
    for (let k = 0; k < spans.length; k += 2) {
      const piece = chunk.subarray(spans[k]!, spans[k + 1]!)
      const bytes = k === 0 && this.firstHead.length ? Buffer.concat([...this.firstHead, piece]) : piece
      out.push(bytes.toString('utf8').trimEnd())
    }
    return out
  }

  /**
   * Feeds one chunk; returns the elements completed inside it as one text `e1,e2,…` (the bytes between them as
   * the server sent them, so `[${text}]` is a JSON array), or undefined when none was completed.
   */
  pushBatch(chunk: Buffer): string | undefined {
    this.scan(chunk)
    const spans = this.spans
    if (!spans.length) return undefined
    const piece = chunk.subarray(spans[0]!, spans[spans.length - 1]!)
    return (this.firstHead.length ? Buffer.concat([...this.firstHead, piece]) : piece).toString('utf8')
  }

  /**
   * Feeds one chunk; returns the elements completed inside it as byte ranges `[start, end)` pairs in `bytes` (the
   * chunk itself, or the carried head of the first element joined with it), or undefined when none was completed.
   */
  pushRecords(chunk: Buffer): { bytes: Buffer; spans: number[] } | undefined {
    this.scan(chunk)
    const spans = this.spans
    if (!spans.length) return undefined
    if (!this.firstHead.length) return { bytes: chunk, spans }
    // the first element began in an earlier chunk (so its span starts at 0): shift every span behind the head
    const bytes = Buffer.concat([...this.firstHead, chunk.subarray(0, spans[spans.length - 1]!)])
    const shift = bytes.length - spans[spans.length - 1]!
    for (let k = 1; k < spans.length; k++) spans[k]! += shift
    return { bytes, spans }
  }

  private scan(chunk: Buffer): void {
    this.spans = []
    this.firstHead = []
    // a piece begun in an earlier chunk continues at this chunk's first byte
    if (this.elemParts.length) this.elemStart = 0
    if (this.memberParts.length) this.memberStart = 0
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!
      if (this.inString && !this.keyBytes) {
        // most of a page is string bytes: jump to the closing quote natively instead of looking at each byte
        i = this.skipString(chunk, i)
        continue
      }
      if (this.depth > 2 && !this.inString) {
        // inside a record only quotes and brackets matter until it closes
        i = this.skipNested(chunk, i)
        continue
      }
      if (this.inString) {
        if (this.escape) this.escape = false
        else if (b === BACKSLASH) this.escape = true
        else if (b === QUOTE) {
          this.inString = false
          if (this.keyBytes) {
            this.currentKey = JSON.parse(`"${Buffer.from(this.keyBytes).toString('utf8')}"`) as string
            this.keyBytes = undefined
            continue
          }
        }
        if (this.keyBytes) this.keyBytes.push(b)
        continue
      }
      if (isSpace(b)) continue
      if (this.ended) throw truncated('data after the end of the page')
      if (this.streaming && this.depth === 2 && this.elemStart < 0 && b !== COMMA && b !== CLOSE_ARR) {
        this.elemStart = i
      }
      if (this.depth === 1 && this.afterColon && this.memberStart < 0) {
        this.afterColon = false
        if (this.currentKey === 'value' && b === OPEN_ARR) {
          this.streaming = true
          this.depth = 2
          continue
        }
        this.memberStart = i
        this.memberKey = this.currentKey ?? ''
      }
      switch (b) {
        case QUOTE:
          this.inString = true
          if (this.depth === 1 && this.expectKey) {
            this.keyBytes = []
            this.expectKey = false
          }
          break
        case COLON:
          if (this.depth === 1 && this.memberStart < 0) this.afterColon = true
          break
        case OPEN_OBJ:
        case OPEN_ARR:
          if (this.depth === 0) {
            if (b !== OPEN_OBJ) throw truncated('the page is not a JSON object')
            this.sawRoot = true
            this.expectKey = true
          }
          this.depth++
          break
        case CLOSE_OBJ:
        case CLOSE_ARR:
          if (this.streaming && this.depth === 2) {
            if (b !== CLOSE_ARR) throw truncated('unbalanced brackets in value')
            this.finishElement(i)
            this.streaming = false
            this.depth = 1
            break
          }
          if (this.depth === 1) {
            this.finishMember(chunk, i)
            this.ended = true
          }
          this.depth--
          if (this.depth < 0) throw truncated('unbalanced brackets')
          break
        case COMMA:
          if (this.streaming && this.depth === 2) this.finishElement(i)
          else if (this.depth === 1) {
            this.finishMember(chunk, i)
            this.expectKey = true
          }
          break
      }
    }
    // carry unfinished pieces into the next chunk
    if (this.elemStart >= 0) {
      this.elemParts.push(chunk.subarray(this.elemStart))
      this.elemStart = -1
    }
    if (this.memberStart >= 0) {
      this.memberParts.push(chunk.subarray(this.memberStart))
      this.memberStart = -1
    }
  }

  /**
   * Deeper than the `value` array's elements from `i`: follows strings and brackets only. Returns the index of the
   * bracket that brings the depth back to 2, or the chunk's last index (state kept for the next chunk).
   */
  private skipNested(chunk: Buffer, i: number): number {
    let depth = this.depth
    const n = chunk.length
    for (; i < n; i++) {
      const b = chunk[i]!
      if (b === QUOTE) {
        this.inString = true
        i = this.skipString(chunk, i + 1)
        if (this.inString) break
      } else if (b === OPEN_OBJ || b === OPEN_ARR) depth++
      else if (b === CLOSE_OBJ || b === CLOSE_ARR) {
        if (--depth === 2) {
          this.depth = 2
          return i
        }
      }
    }
    this.depth = depth
    return n - 1
  }

  /**
   * Inside a string from `i`: returns the index of the closing quote (the string has ended), or the chunk's last
   * index when it goes on into the next chunk, with `escape` set if the chunk ends in an unpaired backslash.
   */
  private skipString(chunk: Buffer, i: number): number {
    let from = i
    if (this.escape) {
      // the previous chunk ended with a backslash: this byte is escaped whatever it is
      this.escape = false
      from = i + 1
    }
    for (;;) {
      const q = chunk.indexOf(QUOTE, from)
      if (q < 0) {
        this.escape = backslashRun(chunk, chunk.length, from) % 2 === 1
        return chunk.length - 1
      }
      // a quote preceded by an odd number of backslashes is part of the string
      if (backslashRun(chunk, q, from) % 2 === 0) {
        this.inString = false
        return q
      }
      from = q + 1
    }
  }

  /** After the last chunk: the other top-level members, parsed. */
  end(): Record<string, unknown> {
    if (!this.sawRoot || !this.ended || this.inString) throw truncated('the page ended early')
    const parsed: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(this.members)) parsed[k] = JSON.parse(v)
    return parsed
  }

  private finishElement(i: number): void {
    if (this.elemStart < 0) return
    if (!this.spans.length && this.elemParts.length) this.firstHead = this.elemParts
    // an element's head can only have been carried when it is the chunk's first one (its start is then 0)
    this.spans.push(this.elemStart, i)
    this.elemParts = []
    this.elemStart = -1
  }

  private finishMember(chunk: Buffer, i: number): void {
    if (this.memberStart < 0) return
    this.memberParts.push(chunk.subarray(this.memberStart, i))
    this.members[this.memberKey] = Buffer.concat(this.memberParts).toString('utf8').trimEnd()
    this.memberParts = []
    this.memberStart = -1
  }
}

/**
 * Streams the elements of `value` in batches (those completed in one body chunk, parsed with one JSON.parse); the
 * generator's return value is the object of the other top-level members.
 */
export async function* splitODataPageBatches(
  body: AsyncIterable<Buffer>
): AsyncGenerator<Array<Record<string, unknown>>, Record<string, unknown>> {
  const splitter = new JsonPageSplitter()
  for await (const chunk of body) {
    const text = splitter.pushBatch(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
    if (text !== undefined) yield JSON.parse(`[${text}]`) as Array<Record<string, unknown>>
  }
  return splitter.end()
}

/**
 * Streams the elements of `value` as byte ranges (see JsonPageSplitter.pushRecords), for readers that turn records
 * into rows without parsing them; the generator's return value is the object of the other top-level members.
 */
export async function* splitODataPageRecords(
  body: AsyncIterable<Buffer>
): AsyncGenerator<{ bytes: Buffer; spans: number[] }, Record<string, unknown>> {
  const splitter = new JsonPageSplitter()
  for await (const chunk of body) {
    const batch = splitter.pushRecords(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
    if (batch) yield batch
  }
  return splitter.end()
}

/** The same, one element at a time. */
export async function* splitODataPage(
  body: AsyncIterable<Buffer>
): AsyncGenerator<Record<string, unknown>, Record<string, unknown>> {
  const batches = splitODataPageBatches(body)
  try {
    for (;;) {
      const step = await batches.next()
      if (step.done) return step.value
      for (const record of step.value) yield record
    }
  } finally {
    // a consumer that stops early must still close the body (frees the socket)
    await batches.return({})
  }
}
