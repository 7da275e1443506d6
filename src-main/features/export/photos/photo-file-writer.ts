// One exported file: bytes go to `<name>.part` (hashed as they pass, one pass, never re-read), and only a complete
// object whose manifest row is written is renamed to its final name. Abort (cancel, a part that turned out to be an
// error, a dropped connection) removes the `.part`, so a folder never holds a file that looks finished but is not —
// the resume logic relies on that.
//
// Every fs call is a trip through libuv's thread pool and back, and with ~1,000 photos those trips, not the bytes,
// were what the export waited on (a write stream per photo made 6–10 of them plus its own event plumbing). Here a
// photo costs: open (with its first bytes), the writes of everything gathered (a part of a few hundred KB usually
// arrives whole meanwhile; 64 KB a call, see piecewise-write.ts), close, rename. Its folder is prepared by the
// caller (existing-files.ts: once per folder).
import { createHash } from 'node:crypto'
import { close, open, rename, rm } from 'node:fs'
import { writevAll } from '../../../platform/files/piecewise-write'
import { fileSystemError } from './export-file-errors'

export const PART_SUFFIX = '.part'

export interface FileWriteResult {
  bytes: number
  sha256: string
}

/** The file calls a writer makes (tests inject failing ones to exercise disk-full and permission handling). */
export interface PhotoFileOps {
  open(partPath: string): Promise<number>
  /** writes every byte of `chunks` at the file's current end */
  writev(fd: number, chunks: Buffer[]): Promise<void>
  close(fd: number): Promise<void>
}

export interface PhotoFileWriterOptions {
  ops?: PhotoFileOps
  /** shared by an export's files: photos that finished streaming but are not on disk yet count too */
  budget?: WriteBudget
}

/** Bytes an export holds in memory on their way to disk; past `limit` the network waits (backpressure). */
export class WriteBudget {
  private bytes = 0
  private waiters: Array<() => void> = []

  constructor(readonly limit = 32 << 20) {}

  get full(): boolean {
    return this.bytes >= this.limit
  }

  add(n: number): void {
    this.bytes += n
  }

  release(n: number): void {
    this.bytes -= n
    if (this.full) return
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }

  room(): Promise<void> {
    return this.full
      ? new Promise<void>((resolve) => this.waiters.push(resolve)).then(() => this.room())
      : Promise.resolve()
  }
}

const settle =
  <T>(resolve: (v: T) => void, reject: (e: unknown) => void) =>
  (err: NodeJS.ErrnoException | null, value?: T): void =>
    err ? reject(err) : resolve(value as T)

export const defaultFileOps: PhotoFileOps = {
  open: (partPath) => new Promise((resolve, reject) => open(partPath, 'wx', settle(resolve, reject))),
  writev: writevAll,
  close: (fd) => new Promise((resolve, reject) => close(fd, settle(resolve, reject)))
}

/** Bytes gathered before a write is issued, and the most a writer holds before it asks the network to wait. */
const GATHER_BYTES = 1 << 20

export class PhotoFileWriter {
  readonly partPath: string
  private readonly ops: PhotoFileOps
  private readonly budget: WriteBudget
  private readonly hash = createHash('sha256')
  private bytes = 0
  private gathered: Buffer[] = []
  private gatheredBytes = 0
  /** bytes handed to a write that has not returned yet */
  private writingBytes = 0
  private fd: Promise<number> | undefined
  /** the `.part` exists (ours to remove) */
  private created = false
  /** the writes, one after another */
  private chain: Promise<void> = Promise.resolve()
  private error: Error | undefined
  private settled = false
  private waiters: Array<() => void> = []

  /** `prepare` makes the folder exist and removes a stale .part of a crashed run (cancel removes its own) */
  constructor(
    readonly finalPath: string,
    prepare: (finalPath: string, partPath: string) => void,
    options: PhotoFileWriterOptions = {}
  ) {
    this.partPath = finalPath + PART_SUFFIX
    this.ops = options.ops ?? defaultFileOps
    this.budget = options.budget ?? new WriteBudget()
    try {
      prepare(finalPath, this.partPath)
    } catch (err) {
      throw fileSystemError(err, finalPath)
    }
  }

  get size(): number {
    return this.bytes
  }

  /** false: the disk is behind, await `drained()` before the next chunk (backpressure to the network). */
  write(chunk: Buffer): boolean {
    if (this.error) throw this.error
    // opened with the first bytes: the open runs while the rest of the photo arrives
    this.openOnce()
    this.hash.update(chunk)
    this.bytes += chunk.length
    this.gathered.push(chunk)
    this.gatheredBytes += chunk.length
    this.budget.add(chunk.length)
    if (this.gatheredBytes >= GATHER_BYTES) this.flush()
    return this.writingBytes + this.gatheredBytes < GATHER_BYTES && !this.budget.full
  }

  drained(): Promise<void> {
    if (this.error) return Promise.reject(this.error)
    if (this.writingBytes + this.gatheredBytes < GATHER_BYTES) return this.budget.room()
    return new Promise<void>((resolve) => this.waiters.push(resolve)).then(() => this.drained())
  }

  /**
   * Writes what is left and closes the `.part`; its size and SHA-256. `commit()` then gives it its final name. On
   * any failure the `.part` is removed and the error thrown.
   */
  async finish(): Promise<FileWriteResult> {
    this.settled = true
    this.flush()
    try {
      await this.chain
      if (this.error) throw this.error
      const fd = await this.openOnce()
      this.fd = undefined // closed once, even when the close fails (the number may be reused at once)
      await this.ops.close(fd)
    } catch (err) {
      await this.removePart()
      throw fileSystemError(err, this.finalPath)
    }
    return { bytes: this.bytes, sha256: this.hash.digest('hex') }
  }

  /** `.part` → final name (after its manifest row is on disk); on failure the `.part` is removed. */
  async commit(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => rename(this.partPath, this.finalPath, settle(resolve, reject)))
    } catch (err) {
      await this.removePart()
      throw fileSystemError(err, this.finalPath)
    }
  }

  /** Removes the `.part` of a finished file that will not be committed (its manifest row could not be written). */
  discard(): Promise<void> {
    return this.removePart()
  }

  /** Drops everything written so far; safe to call twice or after finish(). */
  async abort(): Promise<void> {
    if (this.settled) return
    this.settled = true
    this.budget.release(this.gatheredBytes)
    this.gathered = []
    this.gatheredBytes = 0
    await this.removePart()
  }

  private openOnce(): Promise<number> {
    if (!this.fd) {
      this.fd = this.ops.open(this.partPath).then((fd) => {
        this.created = true
        return fd
      })
      this.fd.catch(() => undefined) // surfaces through the write chain or finish()
    }
    return this.fd
  }

  private flush(): void {
    const chunks = this.gathered
    const size = this.gatheredBytes
    this.gathered = []
    this.gatheredBytes = 0
    this.writingBytes += size
    const fd = this.openOnce()
    this.chain = this.chain.then(async () => {
      try {
        if (!this.error && chunks.length > 0) await this.ops.writev(await fd, chunks)
      } catch (err) {
        this.error ??= fileSystemError(err, this.finalPath)
      } finally {
        this.writingBytes -= size
        this.budget.release(size)
        const waiters = this.waiters
        this.waiters = []
        for (const w of waiters) w()
      }
    })
  }

  private async removePart(): Promise<void> {
    await this.chain
    const fd = this.fd
    this.fd = undefined
    const opened = await fd?.catch(() => undefined)
    if (opened !== undefined) await this.ops.close(opened).catch(() => undefined)
    // never opened, or the open failed: an existing .part is not ours to remove
    if (!this.created) return
    await new Promise<void>((resolve) => rm(this.partPath, { force: true }, () => resolve()))
  }
}
