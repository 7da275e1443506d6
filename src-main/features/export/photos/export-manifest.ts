// manifest.csv and manifest.jsonl in the destination folder, appended row by row as objects finish, so a crash
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

export class ManifestWriter {
  private readonly csv: WriteStream
  private readonly jsonl: WriteStream
  private error: Error | undefined
  private rows = 0

  constructor(readonly destination: string) {
    const csvPath = path.join(destination, MANIFEST_CSV)
    const fresh = !existsSync(csvPath)
    this.csv = createWriteStream(csvPath, { flags: 'a' })
    this.jsonl = createWriteStream(path.join(destination, MANIFEST_JSONL), { flags: 'a' })
    for (const s of [this.csv, this.jsonl])
      s.on('error', (err) => (this.error ??= fileSystemError(err, String(s.path))))
    if (fresh) this.csv.write(CSV_HEADER)
  }

  get count(): number {
    return this.rows
  }

  append(row: ManifestRow): void {
    if (this.error) throw this.error
    this.rows++
    this.csv.write(csvLine(row))
    this.jsonl.write(`${JSON.stringify(row)}\n`)
  }

  async close(): Promise<void> {
    await Promise.all([this.csv, this.jsonl].map((s) => new Promise<void>((resolve) => s.end(() => resolve()))))
    if (this.error) throw this.error
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
