// Counters of one export and the progress line the job panel shows: objects, bytes, rate and an ETA (from the
// object total when the ids are explicit, otherwise from the share of listings done — `*` has no total up front).
import path from 'node:path'
import { UNMATCHED_FOLDER } from './listing-accounts'
import type { JobControl } from '../../../platform/jobs/job-manager'
import type { ManifestRow } from './photo-export-types'
import type { ExportErrorEntry, PhotoExportSummary } from '../../../../contract/photo-channels'

const MAX_ERRORS = 500
const FIRST_FILES = 24

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 ** 3).toFixed(2)} GB`
}

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const m = Math.floor(s / 60)
  return m >= 60
    ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
    : `${m}:${String(s % 60).padStart(2, '0')}`
}

export class ExportProgress {
  written = 0
  skipped = 0
  failed = 0
  missing = 0
  /** objects kept under UNMATCHED_FOLDER: their Content-ID matched no requested listing */
  unmatched = 0
  /** listings a resume will ask for again (not every requested object accounted for) */
  listingsNotDone = 0
  bytesWritten = 0
  bytesDownloaded = 0
  listingsDone = 0
  readonly errors: ExportErrorEntry[] = []
  errorsOmitted = 0
  readonly firstFiles: string[] = []
  private readonly startedAt: number

  /** the engine works type by type: each listing counts once per type towards `listingsDone` */
  readonly listingsTotal: number

  constructor(
    private readonly control: JobControl | undefined,
    /** distinct listing keys (the summary's "listings": 4 keys are 4 listings, whatever the number of types) */
    readonly listings: number,
    private readonly types: number,
    readonly objectsTotal: number | undefined,
    private readonly now: () => number
  ) {
    this.startedAt = now()
    this.listingsTotal = listings * Math.max(1, types)
  }

  /** "listing 3/4", with "· type 2/2" when several types are exported one after the other */
  private listingLine(): string[] {
    const keys = Math.max(1, this.listings)
    if (this.types <= 1) return [`listing ${this.listingsDone}/${this.listings}`]
    const type = Math.min(this.types, Math.floor(this.listingsDone / keys) + 1)
    return [`listing ${this.listingsDone - (type - 1) * keys}/${this.listings}`, `type ${type}/${this.types}`]
  }

  get objects(): number {
    return this.written + this.skipped + this.failed + this.unmatched
  }

  get elapsedMs(): number {
    return this.now() - this.startedAt
  }

  downloaded(bytes: number): void {
    this.bytesDownloaded += bytes
  }

  row(row: ManifestRow, missing: boolean): void {
    if (row.status === 'written') {
      this.written++
      this.bytesWritten += row.bytes
      if (this.firstFiles.length < FIRST_FILES) this.firstFiles.push(row.file)
    } else if (row.status === 'skipped') this.skipped++
    else if (row.status === 'unmatched') {
      this.unmatched++
      this.bytesWritten += row.bytes
    } else {
      this.failed++
      if (missing) this.missing++
      if (this.errors.length < MAX_ERRORS) {
        this.errors.push({ listing: row.listing, type: row.type, objectId: row.objectId, message: row.error, missing })
      } else this.errorsOmitted++
    }
    this.report()
  }

  listingsFinished(n: number): void {
    this.listingsDone += n
    this.report()
  }

  message(): string {
    const seconds = this.elapsedMs / 1000
    const rate = seconds > 0 ? this.bytesDownloaded / seconds : 0
    const parts = [
      `${this.objects} objects`,
      `${this.written} written`,
      ...(this.skipped ? [`${this.skipped} skipped`] : []),
      ...(this.failed ? [`${this.failed} failed`] : []),
      ...(this.unmatched ? [`${this.unmatched} unmatched`] : []),
      formatBytes(this.bytesWritten),
      `${formatBytes(rate)}/s`,
      ...this.listingLine()
    ]
    const fraction = this.objectsTotal
      ? this.objects / this.objectsTotal
      : this.listingsDone / Math.max(1, this.listingsTotal)
    if (fraction > 0 && fraction < 1 && seconds > 1)
      parts.push(`ETA ${formatDuration((seconds / fraction) * (1 - fraction))}`)
    return parts.join(' · ')
  }

  report(): void {
    this.control?.progress(this.objects, {
      ...(this.objectsTotal !== undefined ? { total: this.objectsTotal } : {}),
      message: this.message()
    })
  }

  summary(destination: string, manifestCsv: string, manifestJsonl: string, cancelled: boolean): PhotoExportSummary {
    return {
      destination,
      manifestCsv,
      manifestJsonl,
      listings: this.listings,
      written: this.written,
      skipped: this.skipped,
      failed: this.failed,
      missing: this.missing,
      unmatched: this.unmatched,
      unmatchedFolder: this.unmatched ? path.join(destination, UNMATCHED_FOLDER) : '',
      listingsNotDone: this.listingsNotDone,
      bytesWritten: this.bytesWritten,
      bytesDownloaded: this.bytesDownloaded,
      durationMs: this.elapsedMs,
      cancelled,
      errors: [...this.errors],
      errorsOmitted: this.errorsOmitted,
      firstFiles: [...this.firstFiles]
    }
  }
}
