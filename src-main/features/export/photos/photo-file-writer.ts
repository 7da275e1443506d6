// One exported file: bytes go to `<name>.part` (hashed as they are written, one pass, never re-read), and only a
// complete object whose manifest row is written is renamed to its final name. Abort (cancel, a part that turned out
// to be an error, a dropped connection) removes the `.part`, so a folder never holds a file that looks finished but
// is not — the resume logic relies on that.
//
// The bytes are gathered and handed to the file lane (photo-file-lane.ts: a worker thread writes and hashes them):
// a photo of a few hundred KB usually arrives whole meanwhile and costs one hand-over, larger ones go in 1 MB
// pieces. Its folder is prepared by the caller (existing-files.ts: once per folder).
import { rm } from 'node:fs'
import { fileSystemError } from './export-file-errors'
import { sharedFileLane, type LaneError, type PhotoFileLane } from './photo-file-lane'

export const PART_SUFFIX = '.part'

export interface FileWriteResult {
  bytes: number
  sha256: string
}

export interface PhotoFileWriterOptions {
  /** tests inject failing lanes to exercise disk-full and permission handling */
  lane?: PhotoFileLane
  /** shared by an export's files: photos that finished streaming but are not on disk yet count too */
  budget?: WriteBudget
}

/** Bytes an export holds in memory on their way to disk; past `limit` the network waits (backpressure). */
export class WriteBudget {
  private bytes = 0
  private waiters: Array<() => void> = []

  // the lane writes in order on one thread: a deeper queue adds no speed, only memory that goes cold meanwhile
  constructor(readonly limit = 8 << 20) {}

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

/** Bytes gathered before a write is issued, and the most a writer holds before it asks the network to wait. */
const GATHER_BYTES = 1 << 20

/** Tells the files in the lane apart (two exports may run at once). */
let nextSlot = 0

export class PhotoFileWriter {
  readonly partPath: string
  private readonly lane: PhotoFileLane
  private readonly slot = nextSlot++
  private readonly budget: WriteBudget
  private bytes = 0
  private sha256: string | undefined
  private gathered: Buffer[] = []
  private gatheredBytes = 0
  /** bytes handed to a write that has not returned yet */
  private writingBytes = 0
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
    this.lane = options.lane ?? sharedFileLane
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
    this.flush(true)
    await this.chain
    if (this.error) {
      await this.removePart()
      throw this.error
    }
    return { bytes: this.bytes, sha256: this.sha256! }
  }

  /** `.part` → final name (after its manifest row is on disk); on failure the `.part` is removed. */
  async commit(): Promise<void> {
    try {
      await this.lane.rename(this.partPath, this.finalPath)
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

  /** Hands the gathered bytes to the lane after the previous hand-over (`last`: the file's end, even with none). */
  private flush(last = false): void {
    const chunks = this.gathered
    const size = this.gatheredBytes
    this.gathered = []
    this.gatheredBytes = 0
    this.writingBytes += size
    this.chain = this.chain.then(async () => {
      try {
        if (this.error) return
        const sha256 = await this.lane.append(this.slot, this.partPath, chunks, last)
        this.created = true
        if (last) this.sha256 = sha256
      } catch (err) {
        if ((err as LaneError).created) this.created = true
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
    await this.lane.release(this.slot).catch(() => undefined)
    // never created, or its open failed: an existing .part is not ours to remove
    if (!this.created) return
    await new Promise<void>((resolve) => rm(this.partPath, { force: true }, () => resolve()))
  }
}
