// Streams a RETS XML reply in chunks (chunked transfer) with back-pressure, so a million-row COMPACT search never
// exists as one string. Applies the body faults per chunk, like sendRetsXml does for whole bodies, and gzips the
// stream when the client asked for it. Each flushed chunk gives the event loop a turn (other clients, this one's
// reads) before more rows are produced. Text goes into the pending chunk as it comes (reply-bytes.ts), and search
// rows are written into it value by value, never built as strings.
import type { ServerResponse } from 'node:http'
import { createGzip, type Gzip } from 'node:zlib'
import type { Writable } from 'node:stream'
import type { DemoContext } from '../demo-context'
import { nextTurn, writeChunk } from '../http/stream-writes'
import { breakXml, retsHeaders, wantsGzip } from './rets-envelope'
import { ReplyBytes } from './reply-bytes'

const FLUSH_AT = 64 * 1024
// a row that crosses FLUSH_AT still fits without growing the chunk
const CHUNK_CAPACITY = FLUSH_AT + 16 * 1024

export class XmlStream {
  /** The pending chunk: write rows into it, then call flushIfFull. */
  readonly bytes: ReplyBytes
  private sink: Writable | undefined
  private gzip: Gzip | undefined

  constructor(
    private readonly res: ServerResponse,
    private readonly ctx: DemoContext,
    private readonly headers: Record<string, string | number> = {}
  ) {
    // the Latin-1 fault: bytes in ISO-8859-1 while the XML declaration and Content-Type say UTF-8
    this.bytes = new ReplyBytes(CHUNK_CAPACITY, ctx.faults.latin1UnderUtf8)
  }

  /**
   * Adds text to the reply. Returns no promise (no microtask) unless the pending chunk filled up and went out: a
   * reply of many pieces writes `const p = s.write(x); if (p) await p`.
   */
  write(text: string): Promise<void> | undefined {
    this.bytes.raw(text)
    return this.flushIfFull()
  }

  /** Sends the pending chunk once it holds FLUSH_AT bytes (after rows were written into `bytes`). */
  flushIfFull(): Promise<void> | undefined {
    return this.bytes.length >= FLUSH_AT ? this.flush() : undefined
  }

  private start(): Writable {
    if (this.sink) return this.sink
    if (wantsGzip(this.res, this.ctx)) {
      this.res.writeHead(
        200,
        retsHeaders(this.ctx, { ...this.headers, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' })
      )
      this.gzip = createGzip()
      this.gzip.pipe(this.res)
      this.sink = this.gzip
    } else {
      this.res.writeHead(200, retsHeaders(this.ctx, this.headers))
      this.sink = this.res
    }
    return this.sink
  }

  private async flush(): Promise<void> {
    const sink = this.start()
    if (!this.bytes.length) return
    await writeChunk(this.res, sink, this.bytes.take())
    await nextTurn()
  }

  /** Writes the closing text (or, under the malformed-XML fault, a broken tail) and ends the response. */
  async end(closing: string): Promise<void> {
    if (this.ctx.faults.malformedXml) {
      await this.write(breakXml(this.bytes.takeText() + closing))
    } else await this.write(closing)
    await this.flush()
    if (this.gzip) this.gzip.end()
    else this.res.end()
  }
}
