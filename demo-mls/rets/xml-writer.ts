// Streams a RETS XML reply in chunks (chunked transfer) with back-pressure, so a million-row COMPACT search never
// exists as one string. Applies the body faults per chunk, like sendRetsXml does for whole bodies, and gzips the
// stream when the client asked for it. Each flushed chunk gives the event loop a turn (other clients, this one's
// reads) before more rows are produced.
import type { ServerResponse } from 'node:http'
import { createGzip, type Gzip } from 'node:zlib'
import type { Writable } from 'node:stream'
import type { DemoContext } from '../demo-context'
import { nextTurn, writeChunk } from '../http/stream-writes'
import { breakXml, encodeBody, retsHeaders, wantsGzip } from './rets-envelope'

const FLUSH_AT = 64 * 1024

export class XmlStream {
  private buffer = ''
  private sink: Writable | undefined
  private gzip: Gzip | undefined

  constructor(
    private readonly res: ServerResponse,
    private readonly ctx: DemoContext,
    private readonly headers: Record<string, string | number> = {}
  ) {}

  async write(text: string): Promise<void> {
    this.buffer += text
    if (this.buffer.length >= FLUSH_AT) await this.flush()
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
    if (!this.buffer) return
    const chunk = encodeBody(this.ctx, this.buffer)
    this.buffer = ''
    await writeChunk(this.res, sink, chunk)
    await nextTurn()
  }

  /** Writes the closing text (or, under the malformed-XML fault, a broken tail) and ends the response. */
  async end(closing: string): Promise<void> {
    this.buffer = this.ctx.faults.malformedXml ? breakXml(this.buffer + closing) : this.buffer + closing
    await this.flush()
    if (this.gzip) this.gzip.end()
    else this.res.end()
  }
}
