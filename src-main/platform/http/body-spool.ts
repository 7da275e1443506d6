// Holds one response body for the raw view without keeping big ones in memory: the first `memoryLimit` bytes stay
// in RAM, anything beyond moves the whole body to a temp file, and any byte range can be read back later.
import { closeSync, openSync, writeSync, readSync, rmSync, mkdtempSync } from 'node:fs'
import { open } from 'node:fs/promises'
import path from 'node:path'
import os from 'node:os'

export class BodySpool {
  private chunks: Buffer[] = []
  private memoryBytes = 0
  private fd: number | undefined
  private file: string | undefined
  private dir: string | undefined
  private total = 0

  constructor(
    private readonly memoryLimit: number,
    private readonly spillRoot: string = os.tmpdir()
  ) {}

  get size(): number {
    return this.total
  }

  get spilled(): boolean {
    return this.file !== undefined
  }

  write(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.total += chunk.length
    if (this.fd === undefined && this.memoryBytes + chunk.length <= this.memoryLimit) {
      this.chunks.push(chunk)
      this.memoryBytes += chunk.length
      return
    }
    if (this.fd === undefined) this.spill()
    writeSync(this.fd!, chunk)
  }

  /** Stops writing; the spill file stays until `dispose()`. */
  end(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd)
      this.fd = undefined
    }
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const start = Math.max(0, Math.min(offset, this.total))
    const end = Math.max(start, Math.min(this.total, start + Math.max(0, length)))
    if (end === start) return Buffer.alloc(0)
    if (this.file === undefined) return Buffer.concat(this.chunks).subarray(start, end)
    if (this.fd !== undefined) {
      // still being written: read through the same descriptor synchronously so we see every written byte
      const out = Buffer.alloc(end - start)
      const fdRead = openSync(this.file, 'r')
      try {
        readSync(fdRead, out, 0, out.length, start)
      } finally {
        closeSync(fdRead)
      }
      return out
    }
    const handle = await open(this.file, 'r')
    try {
      const out = Buffer.alloc(end - start)
      const { bytesRead } = await handle.read(out, 0, out.length, start)
      return out.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  }

  dispose(): void {
    this.end()
    this.chunks = []
    if (this.dir) rmSync(this.dir, { recursive: true, force: true })
    this.dir = undefined
    this.file = undefined
  }

  private spill(): void {
    this.dir = mkdtempSync(path.join(this.spillRoot, 'mlswb-body-'))
    this.file = path.join(this.dir, 'body.bin')
    this.fd = openSync(this.file, 'w')
    for (const c of this.chunks) writeSync(this.fd, c)
    this.chunks = []
    this.memoryBytes = 0
  }
}
