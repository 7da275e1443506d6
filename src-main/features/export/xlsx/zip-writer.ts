// A streaming ZIP writer (PKWARE APPNOTE 6.3): each entry is deflated as it is written, with a data descriptor
// after it (general purpose bit 3) so sizes and CRC need not be known up front, and the central directory at the
// end. Enough for XLSX, whose sheet can be hundreds of MB: nothing is held but the compressor's window.
// No ZIP64: an entry or archive past 4 GiB is refused with a clear error rather than written corrupt.
import { constants, crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib'

const LIMIT = 0xffffffff

/** Where the archive's bytes go; `write` resolves when the sink can take more (backpressure). */
export type ZipSink = (chunk: Buffer) => Promise<void>

interface CentralEntry {
  name: Buffer
  crc: number
  compressed: number
  size: number
  offset: number
  dosTime: number
  dosDate: number
}

export class ZipWriter {
  private offset = 0
  private readonly entries: CentralEntry[] = []
  private readonly stamp: { time: number; date: number }

  constructor(
    private readonly sink: ZipSink,
    now = new Date()
  ) {
    this.stamp = dosDateTime(now)
  }

  /** Starts an entry; write its content through the returned writer, then `close()` it before the next one. */
  async entry(name: string): Promise<ZipEntryWriter> {
    const nameBytes = Buffer.from(name, 'utf8')
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0808, 6) // bit 3: data descriptor; bit 11: UTF-8 names
    header.writeUInt16LE(8, 8) // deflate
    header.writeUInt16LE(this.stamp.time, 10)
    header.writeUInt16LE(this.stamp.date, 12)
    // CRC and sizes (14..25) stay zero: they follow in the data descriptor
    header.writeUInt16LE(nameBytes.length, 26)
    const entry: CentralEntry = {
      name: nameBytes,
      crc: 0,
      compressed: 0,
      size: 0,
      offset: this.offset,
      dosTime: this.stamp.time,
      dosDate: this.stamp.date
    }
    await this.emit(Buffer.concat([header, nameBytes]))
    return new ZipEntryWriter(
      entry,
      (chunk) => this.emit(chunk),
      async () => {
        const descriptor = Buffer.alloc(16)
        descriptor.writeUInt32LE(0x08074b50, 0)
        descriptor.writeUInt32LE(entry.crc >>> 0, 4)
        descriptor.writeUInt32LE(entry.compressed, 8)
        descriptor.writeUInt32LE(entry.size, 12)
        await this.emit(descriptor)
        this.entries.push(entry)
      }
    )
  }

  /** Writes the central directory; the archive is complete when this resolves. */
  async finish(): Promise<void> {
    const start = this.offset
    for (const e of this.entries) {
      const rec = Buffer.alloc(46)
      rec.writeUInt32LE(0x02014b50, 0)
      rec.writeUInt16LE(20, 4) // made by: 2.0
      rec.writeUInt16LE(20, 6)
      rec.writeUInt16LE(0x0808, 8)
      rec.writeUInt16LE(8, 10)
      rec.writeUInt16LE(e.dosTime, 12)
      rec.writeUInt16LE(e.dosDate, 14)
      rec.writeUInt32LE(e.crc >>> 0, 16)
      rec.writeUInt32LE(e.compressed, 20)
      rec.writeUInt32LE(e.size, 24)
      rec.writeUInt16LE(e.name.length, 28)
      rec.writeUInt32LE(e.offset, 42)
      await this.emit(Buffer.concat([rec, e.name]))
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(this.entries.length, 8)
    end.writeUInt16LE(this.entries.length, 10)
    end.writeUInt32LE(this.offset - start, 12)
    end.writeUInt32LE(start, 16)
    await this.emit(end)
  }

  private async emit(chunk: Buffer): Promise<void> {
    this.offset += chunk.length
    if (this.offset > LIMIT) throw tooBig()
    await this.sink(chunk)
  }
}

export class ZipEntryWriter {
  private readonly deflate: DeflateRaw
  private readonly drained: Promise<void>
  private failure: Error | undefined

  constructor(
    private readonly entry: CentralEntry,
    emit: (chunk: Buffer) => Promise<void>,
    private readonly done: () => Promise<void>
  ) {
    const deflate = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION })
    this.deflate = deflate
    // compressed bytes are forwarded in order; the deflate stream waits while the sink is busy
    this.drained = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        entry.compressed += chunk.length
        if (entry.compressed > LIMIT) throw tooBig()
        await emit(chunk)
      }
    })().catch((err: Error) => {
      this.failure = err
      deflate.destroy()
    })
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure
    const bytes = Buffer.from(text, 'utf8')
    this.entry.crc = crc32(bytes, this.entry.crc)
    this.entry.size += bytes.length
    if (this.entry.size > LIMIT) throw tooBig()
    if (!this.deflate.write(bytes)) await new Promise<void>((resolve) => this.deflate.once('drain', resolve))
  }

  async close(): Promise<void> {
    this.deflate.end()
    await this.drained
    if (this.failure) throw this.failure
    await this.done()
  }
}

function tooBig(): Error {
  return new Error('The file would pass 4 GiB, the limit of a ZIP without ZIP64. Export fewer rows or use CSV.')
}

/** MS-DOS date and time of the entries (local time, 2-second resolution), as ZIP readers expect. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear())
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()
  }
}
