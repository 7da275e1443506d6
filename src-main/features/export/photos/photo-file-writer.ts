// One exported file: bytes go to `<name>.part` (hashed as they pass, on the export's hash worker), and only a complete object is renamed to its
// final name. Abort (cancel, a part that turned out to be an error, a dropped connection) removes the `.part`, so
// a folder never holds a file that looks finished but is not — the resume logic relies on that.
//
// The file is opened synchronously because RETS multipart parts are announced synchronously by the splitter and
// their first bytes follow at once; its folder is prepared by the caller (existing-files.ts: once per folder).
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { fileSystemError } from './export-file-errors'
import type { FileHash, HashWorker } from './hash-worker'

export const PART_SUFFIX = '.part'

export interface FileWriteResult {
  bytes: number
  sha256: string
}

export interface PhotoFileWriterOptions {
  /** opens the temp file (tests inject failing streams to exercise disk-full handling) */
  openStream?: (partPath: string) => Writable
}

// A photo is a few hundred KB: with the 16 KB default every network chunk would wait for its disk write before the
// next is read; 1 MB lets a whole photo queue while the reply keeps streaming (memory stays bounded by it).
const WRITE_BUFFER = 1 << 20
const defaultOpen = (partPath: string): Writable =>
  createWriteStream(partPath, { flags: 'wx', highWaterMark: WRITE_BUFFER })

export class PhotoFileWriter {
  readonly partPath: string
  private readonly stream: Writable
  private readonly hash: FileHash
  private bytes = 0
  private error: Error | undefined
  private settled = false

  /** `prepare` makes the folder exist and removes a stale .part of a crashed run (cancel removes its own) */
  constructor(
    readonly finalPath: string,
    prepare: (finalPath: string, partPath: string) => void,
    private readonly hashes: HashWorker,
    options: PhotoFileWriterOptions = {}
  ) {
    this.partPath = finalPath + PART_SUFFIX
    this.hash = hashes.open()
    try {
      prepare(finalPath, this.partPath)
      this.stream = (options.openStream ?? defaultOpen)(this.partPath)
    } catch (err) {
      throw fileSystemError(err, finalPath)
    }
    this.stream.on('error', (err) => {
      this.error ??= fileSystemError(err, finalPath)
    })
  }

  get size(): number {
    return this.bytes
  }

  /** false: the OS is behind, await `drained()` before the next chunk (backpressure to the network). */
  write(chunk: Buffer): boolean {
    if (this.error) throw this.error
    this.hash.update(chunk)
    this.bytes += chunk.length
    return this.stream.write(chunk)
  }

  /** Resolves when both the disk and the hash worker have caught up. */
  drained(): Promise<void> {
    if (this.error) return Promise.reject(this.error)
    if (!this.stream.writableNeedDrain) return this.hashes.drained()
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.stream.off('drain', done)
        this.stream.off('error', done)
        this.stream.off('close', done)
        if (this.error) reject(this.error)
        else resolve()
      }
      this.stream.on('drain', done)
      this.stream.on('error', done)
      this.stream.on('close', done)
    }).then(() => this.hashes.drained())
  }

  /**
   * Flushes and closes the `.part`; its size and SHA-256 once the worker has hashed the tail. `commit()` then gives
   * it its final name. On any failure the `.part` is removed and the error thrown.
   */
  async finish(): Promise<FileWriteResult> {
    this.settled = true
    const sha256 = this.hash.digest()
    sha256.catch(() => undefined)
    try {
      await new Promise<void>((resolve, reject) => {
        if (this.error) return reject(this.error)
        this.stream.once('error', () => reject(this.error))
        // wait for 'close', not 'finish': Windows refuses to rename a file that is still open
        this.stream.once('close', () => (this.error ? reject(this.error) : resolve()))
        this.stream.end()
      })
      return { bytes: this.bytes, sha256: await sha256 }
    } catch (err) {
      await this.removePart()
      throw fileSystemError(err, this.finalPath)
    }
  }

  /** `.part` → final name (after its manifest row is on disk); on failure the `.part` is removed. */
  async commit(): Promise<void> {
    try {
      await rename(this.partPath, this.finalPath)
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
    this.hash.drop()
    await this.removePart()
  }

  private async removePart(): Promise<void> {
    if (!this.stream.closed) {
      await new Promise<void>((resolve) => {
        this.stream.once('close', () => resolve())
        this.stream.destroy()
      })
    }
    await rm(this.partPath, { force: true }).catch(() => undefined)
  }
}
