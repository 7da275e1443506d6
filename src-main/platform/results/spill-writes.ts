// The result store's file writes, done by the libuv thread pool (fs.write at each buffer's own file position) while
// the store fills its next buffer. Copying a search's lines into the page cache costs about as much CPU as reading
// the reply itself (bench case "compact": the drain → file floor), so it runs beside the parser instead of on the
// main thread. Bounded: while MAX_IN_FLIGHT buffers are being written, the next one is written synchronously (the
// parser then waits for the disk, as before), so memory stays at a few write buffers.
import { write, writeSync } from 'node:fs'

const MAX_IN_FLIGHT = 4

export class SpillWrites {
  private readonly inFlight = new Set<Promise<void>>()
  private readonly spare: Buffer[] = []
  private failure: Error | undefined

  constructor(
    private readonly fd: number,
    /** buffers of this size are reused; a larger one (a line longer than the buffer) is dropped once written */
    private readonly bufferBytes: number
  ) {}

  get idle(): boolean {
    return this.inFlight.size === 0
  }

  /** Writes `buf[0, length)` at `position`; returns the buffer to fill next (`buf` itself when written at once). */
  put(buf: Buffer, length: number, position: number): Buffer {
    this.check()
    if (this.inFlight.size >= MAX_IN_FLIGHT) {
      for (let at = 0; at < length;) at += writeSync(this.fd, buf, at, length - at, position + at)
      return buf
    }
    const done: Promise<void> = this.writeAll(buf, length, position).then(() => {
      this.inFlight.delete(done)
      if (buf.length === this.bufferBytes && this.spare.length < MAX_IN_FLIGHT) this.spare.push(buf)
    })
    this.inFlight.add(done)
    return this.spare.pop() ?? Buffer.allocUnsafe(this.bufferBytes)
  }

  /** Resolves once every write put so far is in the file; throws when one of them failed. */
  async settled(): Promise<void> {
    if (this.inFlight.size > 0) await Promise.all([...this.inFlight])
    this.check()
  }

  /** A failed background write (disk full…) fails the store's next write or read, as a failed writeSync did. */
  check(): void {
    if (this.failure) throw this.failure
  }

  /** Never rejects (nobody may be waiting): a failure is kept for check(). */
  private writeAll(buf: Buffer, length: number, position: number): Promise<void> {
    return new Promise((resolve) => {
      const from = (at: number): void =>
        write(this.fd, buf, at, length - at, position + at, (err, n) => {
          if (!err && n === 0) err = new Error('The result file could not be written (no bytes written).')
          if (err) this.failure ??= err
          if (err || at + n >= length) resolve()
          else from(at + n)
        })
      from(0)
    })
  }
}
