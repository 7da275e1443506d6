// How the IDX sync inspector (IDX API documentation) presents a sync: the four buckets of the compare step as tiles and
// id lists, the snapshot's facts before/after, and the running job as one status line. Pure, so the wording and the
// "truncated" notes are tested without mounting anything.
import type { JobProgress } from '../../../contract/job-channels'
import type { IdxSyncBucket, IdxSyncReport } from '../../../contract/idx-channels'

export type BucketName = 'new' | 'updated' | 'deleted' | 'unchanged'

export interface BucketView {
  name: BucketName
  label: string
  /** what the bucket means for the snapshot (the IDX API documentation, step 3: compare by ID and LastUpdated) */
  meaning: string
  count: number
  ids: string[]
  /** set when main sent only the first ids of the bucket */
  truncatedNote?: string
}

const LABELS: Record<BucketName, { label: string; meaning: string }> = {
  new: { label: 'New', meaning: 'in the master list, not in the snapshot — fetched by ID on apply' },
  updated: { label: 'Updated', meaning: 'LastUpdated differs from the snapshot — fetched by ID on apply' },
  deleted: { label: 'Deleted', meaning: 'in the snapshot, no longer in the master list — dropped on apply' },
  unchanged: { label: 'Unchanged', meaning: 'same LastUpdated as the snapshot — nothing to fetch' }
}

export const BUCKET_ORDER: readonly BucketName[] = ['new', 'updated', 'deleted', 'unchanged']

/** "Showing the first 500 of 12,345 ids." when the list is cut; undefined when it is complete. */
export function truncationNote(bucket: IdxSyncBucket): string | undefined {
  if (!bucket.truncated && bucket.ids.length >= bucket.count) return undefined
  return `Showing the first ${bucket.ids.length.toLocaleString('en-US')} of ${bucket.count.toLocaleString('en-US')} ids.`
}

export function bucketViews(report: IdxSyncReport): BucketView[] {
  return BUCKET_ORDER.map((name) => {
    const bucket = report.plan[name]
    const note = truncationNote(bucket)
    return {
      name,
      ...LABELS[name],
      count: bucket.count,
      ids: bucket.ids,
      ...(note ? { truncatedNote: note } : {})
    }
  })
}

export interface SnapshotFact {
  key: string
  label: string
  value: string
}

const n = (v: number): string => v.toLocaleString('en-US')

/** The snapshot and master list figures, in reading order; apply-only facts appear only after an apply. */
export function snapshotFacts(report: IdxSyncReport): SnapshotFact[] {
  const facts: SnapshotFact[] = [
    { key: 'master', label: 'Master list', value: `${n(report.masterCount)} records` },
    {
      key: 'before',
      label: 'Snapshot before',
      value: report.snapshotSyncedAt
        ? `${n(report.snapshotCount)} records · written ${formatInstant(report.snapshotSyncedAt)}`
        : `${n(report.snapshotCount)} records · no snapshot yet`
    }
  ]
  if (report.snapshotCountAfter !== undefined) {
    facts.push({ key: 'after', label: 'Snapshot after', value: `${n(report.snapshotCountAfter)} records` })
  }
  if (report.fetched !== undefined) {
    facts.push({ key: 'fetched', label: 'Fetched by ID', value: `${n(report.fetched)} records` })
  }
  facts.push({ key: 'duration', label: 'Took', value: formatDuration(report.durationMs) })
  return facts
}

/** What a plan would change, or what an apply did, in one line. */
export function reportHeadline(report: IdxSyncReport): string {
  const { plan } = report
  const changes = plan.new.count + plan.updated.count + plan.deleted.count
  if (report.action === 'plan') {
    return changes === 0
      ? `${report.searchType}: the snapshot is up to date with the master list.`
      : `${report.searchType}: apply would fetch ${n(plan.new.count + plan.updated.count)} and drop ${n(plan.deleted.count)} records.`
  }
  return `${report.searchType}: fetched ${n(report.fetched ?? 0)}, dropped ${n(plan.deleted.count)}; the snapshot now holds ${n(report.snapshotCountAfter ?? report.snapshotCount)} records.`
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** ISO instant as "2026-11-23 10:04:05 UTC"; anything else verbatim. */
export function formatInstant(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso)
  return m ? `${m[1]} ${m[2]} UTC` : iso
}

const STATE_WORD: Record<JobProgress['state'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled'
}

/** "Running · 1,200 / 5,000 records · Fetching records by ID"; the phase only while it is running */
export function jobLine(job: JobProgress): string {
  const count = `${n(job.done)}${job.total !== undefined ? ` / ${n(job.total)}` : ''} ${job.unit}`
  return [STATE_WORD[job.state], count, job.state === 'running' ? job.message : undefined].filter(Boolean).join(' · ')
}

/** 0..1 when the job knows its total, else undefined (the bar turns indeterminate). */
export function jobFraction(job: JobProgress): number | undefined {
  return job.total ? Math.min(1, job.done / job.total) : undefined
}
