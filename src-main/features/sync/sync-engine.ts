// One sync engine for every protocol. Plan: the server's master list (key + modification timestamp) against the
// store → new / updated / deleted / unchanged, nothing fetched (compared as the reconcile pass compares: in the store
// when it can, so a million-row plan holds only what changed). Run, in two passes:
//   1. changes: records modified since the high-water mark minus an overlap window (everything on the first run),
//      batch by batch; each batch is one transaction that also records where the next one starts, so a killed run
//      resumes from the last committed batch with the same `since` (changes-pass.ts);
//   2. reconcile: the master list against the store — keys gone from the server are soft-deleted (the time seen is
//      kept), and anything pass 1 missed (a record that moved pages while the server changed under us) is fetched
//      by key in batches.
// Only then does the target's high-water mark move, to the newest stamp committed (in the run's final transaction).
// The overlap window re-reads records stamped just before the mark: servers stamp in their own clock and commit
// late, so a record can appear with a stamp older than one already seen.
import { performance } from 'node:perf_hooks'
import { changesPass, type Apply } from './changes-pass'
import { memoryMasterDiff } from './master-diff'
import { CHANGES_DONE, meter, onceMoreOnReset, throwIfAborted, type SyncRunOptions } from './run-support'
import type {
  BatchCounts,
  BatchResult,
  LocalStore,
  MasterComparison,
  MasterEntry,
  RunRow,
  SyncRecord,
  SyncSource,
  TableInfo
} from './sync-types'

export { CHANGES_DONE }
export type { SyncPhase, SyncProgress, SyncRunOptions } from './run-support'

export const DEFAULT_OVERLAP_SECONDS = 300

export interface SyncPlanReport {
  target: string
  plan: MasterComparison
  /** master list entries read */
  masterCount: number
  /** live records in the store */
  storeCount: number
  highWaterMark?: string
}

export interface SyncRunReport {
  target: string
  runId: number
  status: RunRow['status']
  counts: BatchCounts
  resumed: boolean
  since?: string
  highWaterMark?: string
  durationMs: number
  warnings: string[]
  /** with collectChanged: keys inserted or changed by this process's part of the run */
  changed?: string[]
}

export async function planTarget(source: SyncSource, store: LocalStore, signal?: AbortSignal): Promise<SyncPlanReport> {
  const shape = await source.shape(signal)
  const info = await store.ensureTable(shape)
  const { plan, listed } = await masterPlan(source, store, info, signal ? { signal } : {})
  const hwm = await store.highWaterMark(shape.target)
  const report: SyncPlanReport = {
    target: shape.target,
    plan,
    masterCount: listed,
    storeCount: plan.unchanged + plan.updated.length + plan.deleted.length
  }
  if (hwm) report.highWaterMark = hwm
  return report
}

export async function runTarget(
  source: SyncSource,
  store: LocalStore,
  options: SyncRunOptions = {}
): Promise<SyncRunReport> {
  const started = performance.now()
  const { signal } = options
  const shape = await source.shape(signal)
  const info = await store.ensureTable(shape)
  const unfinished = await store.unfinishedRun(shape.target)
  const hwm = await store.highWaterMark(shape.target)
  const run = unfinished ?? (await store.startRun(shape.target, sinceFor(hwm, options.overlapSeconds)))
  const notice = store.takeNotice?.()
  const warnings: string[] = notice ? [notice] : []
  const changed = new Set<string>()
  const limit = options.collectChanged ?? 0
  const committed = (result: BatchResult): void => {
    for (const key of result.changed) if (changed.size < limit) changed.add(key)
    options.onCommit?.(run)
  }
  const apply = async (records: readonly SyncRecord[], cursor: string): Promise<void> =>
    committed(await store.applyBatch(info, run, records, cursor))
  try {
    if (run.cursor !== CHANGES_DONE) {
      await changesPass(source, run, options, { writer: store.batchWriter?.(info, run), apply, committed })
    }
    if (options.reconcile !== false) await reconcilePass(source, store, info, run, options, apply)
    const done = await store.finishRun(run, 'done')
    if (limit > 0 && changed.size >= limit) warnings.push(`Only the first ${limit} changed keys were kept.`)
    return { ...report(done, !!unfinished, started, warnings), ...(limit > 0 ? { changed: [...changed] } : {}) }
  } catch (err) {
    const aborted = signal?.aborted === true
    const message = err instanceof Error ? err.message : String(err)
    // the run row keeps its cursor: the next run resumes from the last committed batch either way
    await store.finishRun(run, aborted ? 'cancelled' : 'failed', message).catch(() => undefined)
    throw err
  }
}

function sinceFor(hwm: string | undefined, overlapSeconds = DEFAULT_OVERLAP_SECONDS): string | undefined {
  if (!hwm) return undefined
  const ms = Date.parse(hwm)
  if (Number.isNaN(ms)) return undefined
  return new Date(ms - overlapSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

async function reconcilePass(
  source: SyncSource,
  store: LocalStore,
  info: TableInfo,
  run: RunRow,
  options: SyncRunOptions,
  apply: Apply
): Promise<void> {
  const { plan } = await onceMoreOnReset(() => masterPlan(source, store, info, options))
  if (plan.deleted.length) {
    await store.markDeleted(info, run, plan.deleted)
    options.onCommit?.(run)
    meter('deletes', options)(plan.deleted.length, plan.deleted.length)
  }
  const wanted = [...plan.new, ...plan.updated]
  const fetchProgress = meter('fetch', options)
  for (let start = 0; start < wanted.length; start += source.keyBatch) {
    throwIfAborted(options.signal)
    const keys = wanted.slice(start, start + source.keyBatch)
    const records = await onceMoreOnReset(() => source.fetchByKeys(keys, options.signal))
    await apply(records, CHANGES_DONE)
    fetchProgress(Math.min(wanted.length, start + source.keyBatch), wanted.length)
  }
}

/** The master list against the store, batch by batch (in the store when it can compare there). */
async function masterPlan(
  source: SyncSource,
  store: LocalStore,
  info: TableInfo,
  options: SyncRunOptions
): Promise<{ plan: MasterComparison; listed: number }> {
  const progress = meter('master', options)
  const onRows = (rows: number): void => progress(rows)
  const batches: AsyncIterable<readonly MasterEntry[]> = source.masterBatches
    ? source.masterBatches(options.signal, onRows)
    : (async function* () {
        yield await source.masterList(options.signal, onRows)
      })()
  const diff = store.masterDiff ? await store.masterDiff(info) : memoryMasterDiff(store, info)
  try {
    let listed = 0
    for await (const batch of batches) {
      listed += batch.length
      await diff.add(batch)
    }
    return { plan: await diff.result(), listed }
  } finally {
    await diff.close()
  }
}

function report(run: RunRow, resumed: boolean, started: number, warnings: string[]): SyncRunReport {
  const out: SyncRunReport = {
    target: run.target,
    runId: run.id,
    status: run.status,
    counts: run.counts,
    resumed,
    durationMs: Math.round(performance.now() - started),
    warnings
  }
  if (run.since) out.since = run.since
  if (run.highWaterMark) out.highWaterMark = run.highWaterMark
  return out
}
