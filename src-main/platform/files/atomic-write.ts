// Atomic file writes: the bytes go to a temp file in the SAME folder (rename is only atomic within one file
// system), are fsynced, then renamed over the target. A reader — or a crash, or git — sees the old file or the new
// one, never half of either. Profiles, saved queries, exports and the metadata cache all write through here.
import { createWriteStream, openSync, rmSync, type WriteStream } from 'node:fs'
import { link, mkdir, open, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { forgetTempFile, noteTempFile } from './temp-journal'

export interface AtomicWriteOptions {
  /** file mode of the new file (default 0o644; secrets files use 0o600) */
  mode?: number
  /**
   * create only: fail with EEXIST when `file` exists (another instance made it meanwhile) instead of replacing it.
   * The finished temp file is hard-linked into place, which the file system does atomically and exclusively.
   */
  exclusive?: boolean
}

/** A hidden sibling of `file`, unique per call, so concurrent writers never share a temp file. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
}

/** `data` may come in parts (a big JSON document serialised piece by piece): never held whole, as text or bytes. */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array | Iterable<string>,
  options: AtomicWriteOptions = {}
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const tmp = tempPathFor(file)
  const note = noteTempFile(tmp)
  try {
    const handle = await open(tmp, 'wx', options.mode ?? 0o644)
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data)
      else for (const part of data) await handle.write(part)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (options.exclusive) {
      await link(tmp, file)
      await rm(tmp, { force: true })
    } else await rename(tmp, file)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  } finally {
    forgetTempFile(note)
  }
  await syncFolder(path.dirname(file))
}

/**
 * A writable that fills a temp file and only replaces `file` once it finishes (end() → fsync → rename; 'finish'
 * fires after the rename). Destroying it — directly, or through stream.pipeline when the source fails or the job
 * is cancelled — removes the temp file and leaves any existing `file` untouched.
 */
export class AtomicWriteStream extends Writable {
  readonly file: string
  readonly tempFile: string
  private readonly out: WriteStream
  private committed = false
  private readonly note: string | undefined

  constructor(file: string, options: AtomicWriteOptions = {}) {
    super()
    this.file = file
    this.tempFile = tempPathFor(file)
    this.note = noteTempFile(this.tempFile)
    // opened synchronously so the temp file exists from the start: abort can then remove it at once (below)
    const fd = openSync(this.tempFile, 'wx', options.mode ?? 0o644)
    this.out = createWriteStream(this.tempFile, { fd })
    // a write error on the temp file fails this stream (and its pipeline)
    this.out.on('error', (err) => this.destroy(err))
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.out.write(chunk, encoding, (err) => callback(err ?? null))
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.commit().then(
      () => callback(null),
      (err: Error) => callback(err)
    )
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.committed) {
      callback(error)
      return
    }
    // Removed synchronously, before destroy() returns, so whoever sees the failure (stream.pipeline rejecting)
    // never sees the temp file. Unlinking an open file is fine on POSIX, and libuv opens files with
    // FILE_SHARE_DELETE on Windows.
    try {
      rmSync(this.tempFile, { force: true })
      forgetTempFile(this.note)
    } catch {
      // nothing more we can do; the error that got us here is the one to report
    }
    if (this.out.closed) callback(error)
    else {
      this.out.once('close', () => callback(error))
      this.out.destroy()
    }
  }

  /** Writes `chunk`, waiting for 'drain' when the buffer is full (backpressure for hand-written loops). */
  async put(chunk: string | Buffer): Promise<void> {
    if (!this.write(chunk)) await new Promise<void>((resolve) => this.once('drain', () => resolve()))
  }

  /** Ends the write; resolves once the file is in place (fsynced and renamed), rejects if that failed. */
  complete(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.once('error', reject)
      this.end(() => resolve())
    })
  }

  /** Abandon the write: the temp file is removed, the target keeps its old content (or stays absent). */
  abort(reason?: Error): Promise<void> {
    return new Promise((resolve) => {
      if (this.destroyed) {
        resolve()
        return
      }
      this.once('close', () => resolve())
      this.destroy(reason)
    })
  }

  private async commit(): Promise<void> {
    // wait for 'close', not 'finish': Windows refuses to rename a file that is still open
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject)
      this.out.once('close', () => resolve())
      this.out.end()
    })
    const handle = await open(this.tempFile, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(this.tempFile, this.file)
    this.committed = true
    forgetTempFile(this.note)
    await syncFolder(path.dirname(this.file))
  }
}

/** Creates the folder if needed and opens an {@link AtomicWriteStream} on `file`. */
export async function createAtomicWriteStream(
  file: string,
  options: AtomicWriteOptions = {}
): Promise<AtomicWriteStream> {
  await mkdir(path.dirname(file), { recursive: true })
  return new AtomicWriteStream(file, options)
}

/** Persist the rename itself (POSIX keeps directory entries in the folder's own metadata). Windows cannot open a
 * folder for fsync; the rename is still atomic there, so the error is ignored. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // best effort (see above)
  }
}
