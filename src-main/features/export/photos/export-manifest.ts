// manifest.csv and manifest.jsonl in the destination folder, appended in small groups as objects finish, so a crash
// or a cancel leaves an accurate record of what is on disk (the resume index reads the JSON lines back). A resumed
// run appends `skipped` rows; once a run ends the manifest is compacted to one row per object (the latest), written
// atomically so a reader never sees half of it.
import { createWriteStream, existsSync, type WriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../../../platform/files/atomic-write'
import { fileSystemError } from './export-file-errors'
import type { ManifestRow } from './photo-export-types'
import { csvField, csvHeader, csvLine as csvRecord } from '../../../platform/csv/csv-text'

export const MANIFEST_CSV = 'manifest.csv'
export const MANIFEST_JSONL = 'manifest.jsonl'

export const MANIFEST_COLUMNS: Array<keyof ManifestRow> = [
  'listing',
  'resource',
  'type',
  'objectId',
  'file',
  'bytes',
  'sha256',
  'contentType',
  'description',
  'sourceUrl',
  'status',
  'error',
  'at'
]

export { csvField }

/** Resolves when `text` has been handed to the OS (its write callback). */
function writeText(stream: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())))
}

export function csvLine(row: ManifestRow): string {
  return csvRecord(MANIFEST_COLUMNS.map((c) => row[c]))
}

export const CSV_HEADER = csvHeader(MANIFEST_COLUMNS)

/** The identity of an object across runs (file names may differ after collisions). */
export function objectIdentity(row: Pick<ManifestRow, 'resource' | 'type' | 'listing' | 'objectId'>): string {
  return JSON.stringify([row.resource, row.type, row.listing, row.objectId])
}

function isRow(value: unknown): value is ManifestRow {
  const r = value as ManifestRow
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.listing === 'string' &&
    typeof r.objectId === 'string' &&
    typeof r.type === 'string' &&
    typeof r.file === 'string' &&
    typeof r.bytes === 'number' &&
    typeof r.status === 'string'
  )
}

/** Rows of a manifest.jsonl; a torn last line (crash mid-append) and foreign lines are skipped. */
export async function readManifestRows(destination: string): Promise<ManifestRow[]> {
  let text: string
  try {
    text = await readFile(path.join(destination, MANIFEST_JSONL), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw fileSystemError(err, path.join(destination, MANIFEST_JSONL))
  }
  const rows: ManifestRow[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      const value: unknown = JSON.parse(line)
      if (isRow(value)) rows.push(value)
    } catch {
      // torn line
    }
  }
  return rows
}

/** A failure recorded for a whole listing (`*`, or a `1:2` id list) rather than for one object. */
function isListingLevel(row: ManifestRow): boolean {
  return row.status === 'failed' && (row.objectId === '*' || row.objectId.includes(':'))
}

/**
 * Latest row per object, in the order objects first appeared. A listing-level failure is dropped once a later row
 * of the same listing shows it was fetched after all (a failed batch, then a successful resume).
 */
export function latestRows(rows: ManifestRow[]): ManifestRow[] {
  const latest = new Map<string, { row: ManifestRow; index: number }>()
  const first = new Map<string, number>()
  const lastOfListing = new Map<string, number>()
  rows.forEach((row, index) => {
    const id = objectIdentity(row)
    if (!first.has(id)) first.set(id, index)
    latest.set(id, { row, index })
    lastOfListing.set(JSON.stringify([row.resource, row.type, row.listing]), index)
  })
  return [...latest.entries()]
    .filter(
      ([, { row, index }]) =>
        !isListingLevel(row) || lastOfListing.get(JSON.stringify([row.resource, row.type, row.listing])) === index
    )
    .sort((a, b) => first.get(a[0])! - first.get(b[0])!)
    .map(([, { row }]) => row)
}

interface Pending {
  row: ManifestRow
  /** runs once the row is on disk (a `.part` → final rename); its failure is the committer's */
  then?: () => Promise<void>
  settle?: (err?: unknown) => void
}

/**
 * Rows are written in groups: whatever finished while the previous group was being written goes out as one write
 * per file (a group commit: no timer, groups grow with the load). A finished file is renamed only after its row
 * is on disk, so a kill at any moment leaves either a `.part` (removed and fetched again) or a file whose row
 * names it — never a finished-looking file the resume would take for the user's own.
 */
export class ManifestWriter {
  private readonly csv: WriteStream
  private readonly jsonl: WriteStream
  private error: Error | undefined
  private rows = 0
  private queue: Pending[] = []
  private flushing: Promise<void> | undefined
  /** identities of this run's rows while the files hold nothing else (undefined: they did, or one repeated) */
  private soleRows: Set<string> | undefined

  constructor(readonly destination: string) {
    const csvPath = path.join(destination, MANIFEST_CSV)
    const fresh = !existsSync(csvPath)
    if (fresh && !existsSync(path.join(destination, MANIFEST_JSONL))) this.soleRows = new Set()
    this.csv = createWriteStream(csvPath, { flags: 'a' })
    this.jsonl = createWriteStream(path.join(destination, MANIFEST_JSONL), { flags: 'a' })
    for (const s of [this.csv, this.jsonl])
      s.on('error', (err) => (this.error ??= fileSystemError(err, String(s.path))))
    if (fresh) this.csv.write(CSV_HEADER)
  }

  get count(): number {
    return this.rows
  }

  /**
   * The files already hold exactly what compact() would write: they started empty and got one row per object, none
   * a listing-level failure (compaction may drop those). A fresh export then skips the rewrite and its fsyncs.
   */
  get isCompact(): boolean {
    return this.soleRows !== undefined
  }

  private track(row: ManifestRow): void {
    if (!this.soleRows) return
    const id = objectIdentity(row)
    if (this.soleRows.has(id) || isListingLevel(row)) this.soleRows = undefined
    else this.soleRows.add(id)
  }

  /** Queues a row (failed, skipped…: no file waits for it). */
  append(row: ManifestRow): void {
    if (this.error) throw this.error
    this.rows++
    this.track(row)
    this.queue.push({ row })
    this.kick()
  }

  /** Queues the row of a finished file and resolves once it is on disk and `then` (the rename) has run. */
  commit(row: ManifestRow, then: () => Promise<void>): Promise<void> {
    if (this.error) return Promise.reject(this.error)
    this.rows++
    this.track(row)
    return new Promise((resolve, reject) => {
      this.queue.push({ row, then, settle: (err) => (err === undefined ? resolve() : reject(err)) })
      this.kick()
    })
  }

  /** Resolves once every queued row is on disk (before the resume journal may say a listing is done). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing
    if (this.error) throw this.error
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined)
    await Promise.all([this.csv, this.jsonl].map((s) => new Promise<void>((resolve) => s.end(() => resolve()))))
    if (this.error) throw this.error
  }

  private kick(): void {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined))
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue
      this.queue = []
      try {
        await Promise.all([
          writeText(this.csv, group.map((p) => csvLine(p.row)).join('')),
          writeText(this.jsonl, group.map((p) => `${JSON.stringify(p.row)}\n`).join(''))
        ])
        if (this.error) throw this.error
      } catch (err) {
        this.error ??= fileSystemError(err, path.join(this.destination, MANIFEST_JSONL))
        for (const p of [...group, ...this.queue.splice(0)]) p.settle?.(this.error)
        return
      }
      await Promise.all(
        group.map(async (p) => {
          if (!p.then) return
          try {
            await p.then()
            p.settle!()
          } catch (err) {
            p.settle!(err)
          }
        })
      )
    }
  }

  /** Rewrites both files with one row per object (call after close). */
  static async compact(destination: string): Promise<ManifestRow[]> {
    const rows = latestRows(await readManifestRows(destination))
    try {
      await writeFileAtomic(path.join(destination, MANIFEST_JSONL), rows.map((r) => `${JSON.stringify(r)}\n`).join(''))
      await writeFileAtomic(path.join(destination, MANIFEST_CSV), CSV_HEADER + rows.map(csvLine).join(''))
    } catch (err) {
      throw fileSystemError(err, path.join(destination, MANIFEST_CSV))
    }
    return rows
  }
}
