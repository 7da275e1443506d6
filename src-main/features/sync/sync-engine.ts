// One sync engine for every protocol. Plan: the server's master list (key + modification timestamp) against the
// store → new / updated / deleted / unchanged, nothing fetched (compared as the reconcile pass compares: in the store
// when it can, so a million-row plan holds only what changed). Run, in two passes:
//   1. changes: records modified since the high-water mark minus an overlap window (everything on the first run),
//      page by page; each page is one transaction that also records where the next page starts, so a killed run
//      resumes from the last committed page with the same `since`;
//   2. reconcile: the master list against the store — keys gone from the server are soft-deleted (the time seen is
//      kept), and anything pass 1 missed (a record that moved pages while the server changed under us) is fetched
//      by key in batches.
// Only then does the target's high-water mark move, to the newest stamp committed (in the run's final transaction).
// The overlap window re-reads records stamped just before the mark: servers stamp in their own clock and commit
// late, so a record can appear with a stamp older than one already seen.
import { performance } from 'node:perf_hooks'
import { memoryMasterDiff } from './master-diff'
import { pipeBatches } from './batch-pipe'
import type {
  BatchCounts,
  BatchResult,
  BatchWriter,
  ChangeSink,
  ChangedPage,
  LocalStore,
  MasterComparison,
  MasterEntry,
  RunRow,
  SyncRecord,
  SyncSource,
  TableInfo
} from './sync-types'

export const DEFAULT_OVERLAP_SECONDS = 300
/** the cursor a run records once pass 1 is through: a resume goes straight to the reconcile pass */
export const CHANGES_DONE = '#changes-done'

export type SyncPhase = 'plan' | 'changes' | 'master' | 'fetch' | 'deletes'

export interface SyncProgress {
  phase: SyncPhase
  done: number
  total?: number
  /** records per second in this phase */
  rate: number
  etaSeconds?: number
}

export interface SyncRunOptions {
  overlapSeconds?: number
  /** pass 2 (deletes and missed records); on by default */
  reconcile?: boolean
  signal?: AbortSignal
  onProgress?: (p: SyncProgress) => void
  /** after every committed transaction (tests kill the process here) */
  onCommit?: (run: RunRow) => void
  /** collect the keys this run inserted or changed (at most this many), for photos that follow the data */
  collectChanged?: number
  /** records per transaction at most, where the source streams them in (MAX_STREAMED_BATCH unless given) */
  maxBatch?: number
}

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
      const writer = source.streamChanges && store.batchWriter?.(info, run)
      if (writer) await streamChangesPass(source, writer, run, options, committed)
      else await changesPass(source, run, options, apply)
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

function meter(phase: SyncPhase, options: SyncRunOptions): (done: number, total?: number) => void {
  const started = performance.now()
  return (done, total) => {
    const rate = done / Math.max(0.001, (performance.now() - started) / 1000)
    const p: SyncProgress = { phase, done, rate }
    if (total !== undefined) {
      p.total = total
      if (rate > 0) p.etaSeconds = Math.max(0, Math.round((total - done) / rate))
    }
    options.onProgress?.(p)
  }
}

type Apply = (records: readonly SyncRecord[], cursor: string) => Promise<void>

/** Called after each committed batch of pass 1, with its record count and the server's count when known. */
type BatchDone = (records: number, serverCount: number | undefined) => void

/**
 * Pass 1's loop: `read` goes from the run's last committed batch. A connection reset is read again from there,
 * once in a row: a batch committed in between allows another. `dropUncommitted` runs after any failure.
 */
async function fromLastCommit(
  options: SyncRunOptions,
  read: (batchDone: BatchDone) => Promise<void>,
  dropUncommitted?: () => void
): Promise<void> {
  const progress = meter('changes', options)
  let done = 0
  let retried = false
  const batchDone: BatchDone = (records, serverCount) => {
    retried = false
    done += records
    progress(done, serverCount)
  }
  for (;;) {
    try {
      return await read(batchDone)
    } catch (err) {
      dropUncommitted?.()
      if (retried || !isReset(err)) throw err
      retried = true
    }
  }
}

function changesPass(source: SyncSource, run: RunRow, options: SyncRunOptions, apply: Apply): Promise<void> {
  return fromLastCommit(options, async (batchDone) => {
    for await (const page of changeStream(source, run.since, run.cursor, options.signal)) {
      throwIfAborted(options.signal)
      await apply(page.records, page.next ?? CHANGES_DONE)
      batchDone(page.records.length, page.serverCount)
    }
  })
}

// A streamed batch is one transaction of records written as they arrive (none is held): a fast server fills up to
// MAX_STREAMED_BATCH records per commit, a slow one still commits (and shows progress) about every second. Records
// in another order than their keys dirty an index page each, and every commit writes its dirty pages: 300k records
// of 42 columns in random key order took 7.5–8.0 s in transactions of 1,000, 6.4–6.6 s in 10,000 (in key order:
// 6.3 and 6.1 s).
const MAX_STREAMED_BATCH = 10_000
const STREAMED_BATCH_MS = 1000

/** Pass 1 for a synchronous store: each record is written as the source decodes it, each batch committed at its end. */
function streamChangesPass(
  source: SyncSource,
  writer: BatchWriter,
  run: RunRow,
  options: SyncRunOptions,
  committed: (result: BatchResult) => void
): Promise<void> {
  return fromLastCommit(
    options,
    async (batchDone) => {
      const maxBatch = options.maxBatch ?? MAX_STREAMED_BATCH
      let started = performance.now()
      const sink: ChangeSink = {
        add: (record) => writer.add(record),
        end: (next, serverCount) => {
          throwIfAborted(options.signal)
          const result = writer.commit(next ?? CHANGES_DONE)
          started = performance.now()
          committed(result)
          batchDone(result.new + result.updated + result.unchanged, serverCount)
        },
        due: (records) => records >= maxBatch || performance.now() - started >= STREAMED_BATCH_MS
      }
      await source.streamChanges?.(run.since, run.cursor, sink, options.signal)
    },
    () => writer.abort()
  )
}

function changeStream(
  source: SyncSource,
  since: string | undefined,
  cursor: string | undefined,
  signal: AbortSignal | undefined
): AsyncIterable<ChangedPage> {
  const stream = source.streamChanges?.bind(source)
  if (stream) {
    // an asynchronous store: the records gathered into pages, the source held while one waits
    return pipeBatches<ChangedPage>((emit, room, inner) => {
      let records: SyncRecord[] = []
      const sink: ChangeSink = {
        add: (record) => void records.push(record),
        end: (next, serverCount) => {
          const page: ChangedPage = { records }
          if (next !== undefined) page.next = next
          if (serverCount !== undefined) page.serverCount = serverCount
          records = []
          emit(page)
        },
        room
      }
      return stream(since, cursor, sink, inner)
    }, signal)
  }
  return (async function* () {
    for (let at = cursor; ;) {
      const page = await source.changedPage(since, at, signal)
      yield page
      if (page.next === undefined) return
      at = page.next
    }
  })()
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

/**
 * Reads are idempotent, so a connection reset is worth one more try: a batch's commit can outlast the server's
 * keep-alive timeout, and the next request then goes out on a socket the server has just closed.
 */
async function onceMoreOnReset<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (err) {
    if (!isReset(err)) throw err
    return read()
  }
}

function isReset(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === 'HTTP_ECONNRESET'
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return
  const e = new Error('The sync was cancelled; the next run resumes from the last committed batch.')
  e.name = 'AbortError'
  throw e
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
