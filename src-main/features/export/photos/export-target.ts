// The destination side of an export: turns objects (streamed parts or URL downloads) into files with safe,
// unique names, skips what a previous run completed, and writes one manifest row per object. Sources only see it
// as an ExportObjectSink.
import { AppError } from '../../../../contract/app-error'
import { redactor } from '../../../platform/redaction/redactor'
import { extensionFor, isTextual } from './content-type-extension'
import { collisionKey, resolveInside, withCollisionSuffix } from './file-name-safety'
import { MANIFEST_CSV, MANIFEST_JSONL, type ManifestWriter } from './export-manifest'
import type { ExportProgress } from './export-progress'
import { renderNamingPattern, typedEnding, type NamingPattern } from './naming-pattern'
import { defusedFileName } from '../../../platform/files/export-path-guard'
import { ExistingFiles } from './existing-files'
import { ListingAccounts, UNMATCHED_FOLDER } from './listing-accounts'
import { PhotoFileWriter, WriteBudget, type FileWriteResult, type PhotoFileWriterOptions } from './photo-file-writer'
import type { ResumeIndex } from './resume-index'
import type {
  ExportObjectSink,
  ManifestRow,
  ObjectFailure,
  ObjectMeta,
  StreamedObjectWriter,
  UrlFetcher,
  UrlObject
} from './photo-export-types'

/** Text parts up to this size stay in memory until we know they are not a RETS error reply (same as rets/objects). */
const TEXT_HOLD_BYTES = 8192

export interface ExportTargetOptions {
  destination: string
  pattern: NamingPattern
  index: ResumeIndex
  manifest: ManifestWriter
  progress: ExportProgress
  onRow?: (row: ManifestRow) => void
  now: () => number
  signal: AbortSignal
  fileOptions?: PhotoFileWriterOptions
}

/** Errors that end the whole export: the destination cannot be written, so every next file would fail too. */
export function isFatalExportError(err: unknown): boolean {
  return err instanceof AppError && err.code.startsWith('EXPORT_')
}

export function isAbort(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (err as Error | undefined)?.name === 'AbortError'
}

export class ExportTarget implements ExportObjectSink {
  private readonly claimed = new Set<string>([collisionKey(MANIFEST_CSV), collisionKey(MANIFEST_JSONL)])
  private readonly active = new Set<PhotoFileWriter>()
  private readonly existing = new ExistingFiles()
  private readonly fileOptions: PhotoFileWriterOptions
  /** what each listing got: decides which listings are journaled as done */
  readonly accounts = new ListingAccounts()

  constructor(private readonly opts: ExportTargetOptions) {
    this.fileOptions = { budget: new WriteBudget(), ...opts.fileOptions }
  }

  // ---- rows ----

  private emit(row: ManifestRow, missing = false): void {
    this.opts.manifest.append(row)
    this.record(row, missing)
  }

  /** Bookkeeping of a row that is in the manifest. */
  private record(row: ManifestRow, missing = false): void {
    this.accounts.record(row, missing)
    this.opts.progress.row(row, missing)
    this.opts.onRow?.(row)
  }

  private baseRow(meta: ObjectMeta): ManifestRow {
    return {
      listing: meta.listingKey,
      resource: meta.resource,
      type: meta.type,
      objectId: meta.objectId,
      file: '',
      bytes: 0,
      sha256: '',
      contentType: meta.contentType ?? '',
      description: meta.description ?? '',
      // signed media URLs may carry tokens; the manifest is shown and shared
      sourceUrl: meta.sourceUrl ? redactor.url(meta.sourceUrl) : '',
      status: 'failed',
      error: '',
      at: new Date(this.opts.now()).toISOString()
    }
  }

  failed(meta: ObjectMeta, failure: ObjectFailure): void {
    const code = failure.replyCode !== undefined ? `${failure.replyCode} ` : ''
    const message = `${unmatchedNote(meta)}${code}${failure.message}`.trim()
    this.emit({ ...this.baseRow(meta), status: 'failed', error: redactor.text(message) }, failure.missing)
  }

  /** A previous run's row for an object that is still complete on disk: recorded as skipped, its name kept. */
  skipped(previous: ManifestRow): void {
    this.claimed.add(collisionKey(previous.file))
    this.emit({ ...previous, status: 'skipped', error: '', at: new Date(this.opts.now()).toISOString() })
  }

  /** Re-records the failures of a listing that is not fetched again (resume, missing objects stay missing). */
  repeatFailure(previous: ManifestRow): void {
    this.emit({ ...previous, at: new Date(this.opts.now()).toISOString() }, true)
  }

  private writtenRow(meta: ObjectMeta, file: string, result: FileWriteResult): ManifestRow {
    return {
      ...this.baseRow(meta),
      file,
      bytes: result.bytes,
      sha256: result.sha256,
      status: meta.unmatched ? 'unmatched' : 'written',
      error: unmatchedNote(meta).trim()
    }
  }

  completedRow(meta: ObjectMeta): ManifestRow | undefined {
    // an unmatched object is never complete: its listing is not done, and the file is rewritten in place
    if (meta.unmatched) return undefined
    return this.opts.index.completed({
      resource: meta.resource,
      type: meta.type,
      listing: meta.listingKey,
      objectId: meta.objectId
    })
  }

  // ---- files ----

  /** Picks the file for an object: pattern → safe segments → first free name (`-2`, `-3`…) → inside the folder. */
  private createFile(meta: ObjectMeta): { writer: PhotoFileWriter; relative: string } {
    const rendered = renderNamingPattern(this.opts.pattern, {
      ...meta,
      ext: extensionFor(meta.contentType, meta.sourceUrl)
    })
    // a server-made name must not become a launcher (x.desktop, x.sh): only an extension the user typed is kept
    const last = defusedFileName(rendered[rendered.length - 1]!, typedEnding(this.opts.pattern))
    const named = [...rendered.slice(0, -1), last]
    const segments = meta.unmatched ? [UNMATCHED_FOLDER, ...named] : named
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? segments : [...segments.slice(0, -1), withCollisionSuffix(last, n)]
      const relative = candidate.join('/')
      const key = collisionKey(relative)
      if (this.claimed.has(key)) continue
      const full = resolveInside(this.opts.destination, candidate)
      // a file we did not write (not in any manifest) is the user's: never overwrite it
      if (!this.opts.index.ownedFiles.has(key) && this.existing.has(full)) continue
      this.claimed.add(key)
      const prepare = (file: string, part: string): void => this.existing.prepare(file, part)
      const writer = new PhotoFileWriter(full, prepare, this.fileOptions)
      this.active.add(writer)
      return { writer, relative }
    }
  }

  private async finishFile(meta: ObjectMeta, file: { writer: PhotoFileWriter; relative: string }): Promise<void> {
    // a multipart chunk can carry many parts: after a cancel none of them may still become a file
    if (this.opts.signal.aborted) {
      await this.dropFile(file)
      this.opts.signal.throwIfAborted()
    }
    try {
      const row = this.writtenRow(meta, file.relative, await file.writer.finish())
      // renamed only once its row is on disk, grouped with the rows that finished meanwhile (export-manifest.ts)
      await this.opts.manifest
        .commit(row, () => file.writer.commit())
        .catch(async (err: unknown) => {
          await file.writer.discard()
          throw err
        })
      if (!meta.unmatched) this.opts.index.remember(row)
      this.record(row)
    } finally {
      this.active.delete(file.writer)
    }
  }

  private async dropFile(file: { writer: PhotoFileWriter } | undefined): Promise<void> {
    if (!file) return
    await file.writer.abort()
    this.active.delete(file.writer)
  }

  /** Removes the `.part` of everything unfinished (after a cancel, a failed batch, or a fatal error). */
  async abortActive(): Promise<void> {
    const open = [...this.active]
    this.active.clear()
    await Promise.all(open.map((w) => w.abort()))
  }

  // ---- streamed objects (RETS multipart) ----

  open(meta: ObjectMeta): StreamedObjectWriter {
    const previous = this.completedRow(meta)
    const progress = this.opts.progress
    const held: Buffer[] = []
    let heldBytes = 0
    let file: { writer: PhotoFileWriter; relative: string } | undefined
    const ensureFile = (current: ObjectMeta): PhotoFileWriter => {
      if (!file) {
        file = this.createFile(current)
        for (const chunk of held.splice(0)) file.writer.write(chunk)
      }
      return file.writer
    }
    return {
      write: (chunk) => {
        progress.downloaded(chunk.length)
        if (previous) return true
        if (!file && isTextual(meta.contentType) && heldBytes + chunk.length <= TEXT_HOLD_BYTES) {
          held.push(chunk)
          heldBytes += chunk.length
          return true
        }
        return ensureFile(meta).write(chunk)
      },
      drained: () => file?.writer.drained() ?? Promise.resolve(),
      close: async ({ meta: final, error, silent }) => {
        if (error) {
          await this.dropFile(file)
          if (!silent) this.failed(final, error)
        } else if (previous) this.skipped(previous)
        else {
          ensureFile(final)
          await this.finishFile(final, file!)
        }
      }
    }
  }

  // ---- URL objects (Location=1, MediaURL, Spark Uri…) ----

  /** Downloads one URL object. Per-object problems become failed rows; only fatal (disk) errors and aborts throw. */
  async download(item: UrlObject, fetcher: UrlFetcher, signal: AbortSignal): Promise<void> {
    const meta: ObjectMeta = { ...item.meta, sourceUrl: item.url }
    const previous = this.completedRow(meta)
    if (previous) {
      this.skipped(previous)
      return
    }
    let file: { writer: PhotoFileWriter; relative: string } | undefined
    try {
      const res = await fetcher(item.url, signal)
      if (res.status >= 400) {
        for await (const chunk of res.body) this.opts.progress.downloaded(chunk.length)
        this.failed(meta, {
          message: `HTTP ${res.status} for ${item.url}`,
          missing: res.status === 404 || res.status === 410
        })
        return
      }
      const current: ObjectMeta = { ...meta, ...(res.contentType ? { contentType: res.contentType } : {}) }
      file = this.createFile(current)
      for await (const chunk of res.body) {
        this.opts.progress.downloaded(chunk.length)
        if (!file.writer.write(chunk)) await file.writer.drained()
      }
      await this.finishFile(current, file)
    } catch (err) {
      await this.dropFile(file)
      if (isAbort(err, signal) || isFatalExportError(err)) throw err
      this.failed(meta, { message: (err as Error).message || String(err), missing: false })
    }
  }
}

/** The manifest's words for an object filed under an id that is none of the requested keys. */
function unmatchedNote(meta: ObjectMeta): string {
  if (!meta.unmatched) return ''
  const asked = meta.unmatched.requested
  const shown = asked.length > 5 ? `${asked.slice(0, 5).join(', ')} and ${asked.length - 5} more` : asked.join(', ')
  return `Content-ID ${meta.listingKey} matches none of the requested listings (${shown}); kept in ${UNMATCHED_FOLDER}/. `
}
