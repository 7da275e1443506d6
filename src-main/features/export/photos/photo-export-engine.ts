// Bulk photo export: listing keys × object types, in batches, from any PhotoSource into a folder with a manifest.
// Per-object and per-batch problems are recorded and the export goes on; only a destination that cannot be
// written (disk full, permissions) or a source failing batch after batch ends it. Cancel stops the running request
// and downloads at once, removes their `.part` files and returns the summary of what was done.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../../contract/app-error'
import type { JobControl } from '../../../platform/jobs/job-manager'
import { fileSystemError } from './export-file-errors'
import { MANIFEST_CSV, MANIFEST_JSONL, ManifestWriter } from './export-manifest'
import { ExportProgress } from './export-progress'
import { ExportTarget, isAbort, isFatalExportError } from './export-target'
import { defaultNamingPattern, parseNamingPattern, type NamingPattern } from './naming-pattern'
import { runPool } from './concurrency-pool'
import type { PhotoFileWriterOptions } from './photo-file-writer'
import { ResumeIndex, selectionText } from './resume-index'
import { UNMATCHED_FOLDER } from './listing-accounts'
import type { PhotoExportHooks, PhotoExportRequest, PhotoSource } from './photo-export-types'
import type { ObjectIdSelection, PhotoExportSummary } from '../../../../contract/photo-channels'

export const DEFAULT_BATCH_SIZE = 10
export const DEFAULT_CONCURRENCY = 4
/** A source that fails this many batches in a row is down (or refuses us): stop instead of logging 10 000 errors. */
const MAX_CONSECUTIVE_BATCH_FAILURES = 3

export interface ExportPlan {
  destination: string
  keys: string[]
  types: string[]
  objectIds: ObjectIdSelection
  pattern: NamingPattern
  batchSize: number
  concurrency: number
  resume: boolean
  verify: 'hash' | 'size'
  retryFailed: boolean
  /** objects expected, when the id selection makes it knowable */
  objectsTotal?: number
}

function badRequest(problems: string[]): AppError {
  return new AppError({
    code: 'EXPORT_BAD_REQUEST',
    message: `The photo export request is not valid: ${problems.join(' ')}`,
    hint: 'Fix the highlighted settings in the export dialog.'
  })
}

/** Validates and normalises a request (keys trimmed and de-duplicated, defaults applied). */
export function planExport(request: PhotoExportRequest, source?: PhotoSource): ExportPlan {
  const problems: string[] = []
  if (!request.destination || !path.isAbsolute(request.destination))
    problems.push('Choose an absolute destination folder.')
  const keys = [...new Set(request.listingKeys.map((k) => k.trim()).filter((k) => k !== ''))]
  if (keys.length === 0) problems.push('No listing keys.')
  const types = [...new Set(request.types.map((t) => t.trim()).filter((t) => t !== ''))]
  if (types.length === 0) problems.push('Choose at least one object type.')
  const objectIds = request.objectIds ?? '*'
  if (Array.isArray(objectIds) && (objectIds.length === 0 || objectIds.some((n) => !Number.isInteger(n) || n < 0))) {
    problems.push('Object ids must be *, 0 or a list of whole numbers.')
  }
  const batchSize = request.batchSize ?? DEFAULT_BATCH_SIZE
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500) problems.push('Batch size must be 1–500.')
  const concurrency = request.concurrency ?? DEFAULT_CONCURRENCY
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) problems.push('Concurrency must be 1–32.')
  const parsed = parseNamingPattern(request.namingPattern ?? defaultNamingPattern(types))
  problems.push(...parsed.errors)
  if (source?.validate) problems.push(...source.validate({ ...request, types }))
  if (problems.length > 0 || !parsed.pattern) throw badRequest(problems)
  const perListing = objectIds === '*' ? undefined : objectIds === '0' ? 1 : objectIds.length
  return {
    destination: path.resolve(request.destination),
    keys,
    types,
    objectIds,
    pattern: parsed.pattern,
    batchSize,
    concurrency,
    resume: request.resume ?? true,
    verify: request.verify ?? 'hash',
    retryFailed: request.retryFailed ?? false,
    ...(perListing !== undefined ? { objectsTotal: perListing * keys.length * types.length } : {})
  }
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

function batchFailureMessage(err: unknown): string {
  const e = err as AppError
  return e.code && e.code !== 'INTERNAL' ? `${e.code}: ${e.message}` : (e.message ?? String(err))
}

/** The JobManager spec for an export: `jobs.start(photoExportJobSpec(req), (job) => exportPhotos(req, source, job))`. */
export function photoExportJobSpec(request: PhotoExportRequest): { kind: string; title: string; unit: string } {
  const n = request.listingKeys.length
  return {
    kind: 'photo-export',
    title: `Export ${request.types.join(', ')} of ${n} listing${n === 1 ? '' : 's'}`,
    unit: 'objects'
  }
}

/**
 * The listings of a batch that are done. One the server sent nothing for (or not every requested id) gets a failed
 * row saying so — naming the Content-IDs it used instead, if any — and stays not-done so a resume asks again.
 */
function settleListings(
  target: ExportTarget,
  resource: string,
  type: string,
  keys: string[],
  ids: ObjectIdSelection
): string[] {
  const { accounts } = target
  const unmatched = accounts.takeUnmatched()
  const ids5 = [...unmatched.keys()].slice(0, 5).join(', ') + (unmatched.size > 5 ? '…' : '')
  const objects = [...unmatched.values()].reduce((a, b) => a + b, 0)
  const note = unmatched.size
    ? ` The reply filed ${objects} object(s) under Content-ID ${ids5}, none of the requested keys; they are kept in ${UNMATCHED_FOLDER}/.`
    : ''
  return keys.filter((key) => {
    if (accounts.isDone(type, key, ids)) return true
    const lacking = accounts.unaccounted(type, key, ids)
    if (!accounts.hadRetryableFailure(type, key) && lacking.length > 0) {
      const what = Array.isArray(ids) ? `${type} ${lacking.join(', ')}` : type
      const message = `The server sent no ${what} for listing ${key} and did not say it has none.${note} A resume asks for it again.`
      target.failed({ listingKey: key, resource, type, objectId: lacking.join(':') }, { message, missing: false })
    }
    return false
  })
}

export async function exportPhotos(
  request: PhotoExportRequest,
  source: PhotoSource,
  control?: JobControl,
  options: PhotoExportHooks & { fileOptions?: PhotoFileWriterOptions } = {}
): Promise<PhotoExportSummary> {
  const plan = planExport(request, source)
  const signal = control?.signal ?? new AbortController().signal
  const now = options.now ?? Date.now
  try {
    await mkdir(plan.destination, { recursive: true })
  } catch (err) {
    throw fileSystemError(err, plan.destination)
  }
  const index = await ResumeIndex.load(plan.destination, { resume: plan.resume, verify: plan.verify })
  const manifest = new ManifestWriter(plan.destination)
  const progress = new ExportProgress(control, plan.keys.length, plan.types.length, plan.objectsTotal, now)
  const target = new ExportTarget({
    destination: plan.destination,
    pattern: plan.pattern,
    index,
    manifest,
    progress,
    now,
    signal,
    ...(options.onRow ? { onRow: options.onRow } : {}),
    ...(options.fileOptions ? { fileOptions: options.fileOptions } : {})
  })
  progress.report()
  let fatal: unknown
  let consecutiveFailures = 0
  try {
    for (const type of plan.types) {
      for (const batch of chunks(plan.keys, plan.batchSize)) {
        if (signal.aborted) break
        await index.verifyListings(source.resource, type, batch)
        const todo = batch.filter((key) => {
          const rows = index.finishedListing(source.resource, type, key, plan.objectIds, plan.retryFailed)
          if (!rows) return true
          for (const row of rows) {
            if (row.status === 'failed') target.repeatFailure(row)
            else target.skipped(row)
          }
          return false
        })
        progress.listingsFinished(batch.length - todo.length)
        if (todo.length === 0) continue
        target.accounts.takeUnmatched()
        try {
          const urls = await source.fetch({ keys: todo, type, objectIds: plan.objectIds }, target, signal)
          await runPool(urls, plan.concurrency, (item) => target.download(item, source.fetcher, signal), signal)
          if (signal.aborted) break
          consecutiveFailures = 0
          const finished = settleListings(target, source.resource, type, todo, plan.objectIds)
          progress.listingsNotDone += todo.length - finished.length
          // the journal may only name a listing whose rows are on disk
          await manifest.flush()
          await index.markListingsDone(source.resource, type, finished, plan.objectIds)
        } catch (err) {
          if (isAbort(err, signal)) break
          if (isFatalExportError(err)) throw err
          progress.listingsNotDone += todo.length
          for (const key of todo) {
            target.failed(
              { listingKey: key, resource: source.resource, type, objectId: selectionText(plan.objectIds) },
              { message: batchFailureMessage(err), missing: false }
            )
          }
          if (++consecutiveFailures >= MAX_CONSECUTIVE_BATCH_FAILURES) {
            throw new AppError({
              code: 'EXPORT_SOURCE_FAILING',
              message: `The server failed ${consecutiveFailures} batches in a row; the export stopped. Last error: ${batchFailureMessage(err)}`,
              hint: 'Check the connection and the profile, then run the export again: finished files are skipped.'
            })
          }
        } finally {
          await target.abortActive()
        }
        progress.listingsFinished(todo.length)
      }
      if (signal.aborted) break
    }
  } catch (err) {
    fatal = err
  } finally {
    await target.abortActive()
    await manifest.close().catch((err: unknown) => (fatal ??= err))
  }
  if (fatal) throw fatal
  // one row per object again (a resumed run appended `skipped` rows)
  if (!manifest.isCompact) await ManifestWriter.compact(plan.destination)
  progress.report()
  return progress.summary(
    plan.destination,
    path.join(plan.destination, MANIFEST_CSV),
    path.join(plan.destination, MANIFEST_JSONL),
    signal.aborted
  )
}
