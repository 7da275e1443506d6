// Streams a RETS XML reply in chunks (chunked transfer) with back-pressure, so a million-row COMPACT search never
// exists as one string. Applies the body faults per chunk, like sendRetsXml does for whole bodies, and gzips the
// stream when the client asked for it. Each flushed chunk gives the event loop a turn (other clients, this one's
// reads) before more rows are produced. Text is encoded into the pending chunk as it comes, so a row's string dies
// young instead of waiting, with thousands of others, for a 64 KB string to be flushed (the garbage collector then
// copies far less).
import type { ServerResponse } from 'node:http'
import { createGzip, type Gzip } from 'node:zlib'
import type { Writable } from 'node:stream'
import type { DemoContext } from '../demo-context'
import { nextTurn, writeChunk } from '../http/stream-writes'
import { breakXml, retsHeaders, wantsGzip } from './rets-envelope'

const FLUSH_AT = 64 * 1024

export class XmlStream {
  private pending = Buffer.allocUnsafe(FLUSH_AT)
  private used = 0
  private readonly encoding: BufferEncoding
  private sink: Writable | undefined
  private gzip: Gzip | undefined

  constructor(
    private readonly res: ServerResponse,
    private readonly ctx: DemoContext,
    private readonly headers: Record<string, string | number> = {}
  ) {
    // the Latin-1 fault: bytes in ISO-8859-1 while the XML declaration and Content-Type say UTF-8
    this.encoding = ctx.faults.latin1UnderUtf8 ? 'latin1' : 'utf8'
  }

  /**
   * Adds text to the reply. Resolves at once (no promise, no microtask) unless the pending chunk had to go out
   * first: a million-row search calls this per row, so callers write `const p = s.write(x); if (p) await p`.
   */
  write(text: string): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (this.used + text.length * 3 <= this.pending.length) {
      this.used += this.pending.write(text, this.used, this.encoding)
      return undefined
    }
    return this.flush().then(() => {
      if (text.length * 3 > this.pending.length) this.pending = Buffer.allocUnsafe(text.length * 3)
      this.used += this.pending.write(text, this.used, this.encoding)
    })
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
    if (!this.used) return
    // the socket may hold on to the chunk until it is sent: the next text goes into a fresh one
    const chunk = this.pending.subarray(0, this.used)
    this.pending = Buffer.allocUnsafe(FLUSH_AT)
    this.used = 0
    await writeChunk(this.res, sink, chunk)
    await nextTurn()
  }

  /** Writes the closing text (or, under the malformed-XML fault, a broken tail) and ends the response. */
  async end(closing: string): Promise<void> {
    if (this.ctx.faults.malformedXml) {
      const text = this.pending.toString(this.encoding, 0, this.used) + closing
      this.used = 0
      await this.write(breakXml(text))
    } else await this.write(closing)
    await this.flush()
    if (this.gzip) this.gzip.end()
    else this.res.end()
  }
}
