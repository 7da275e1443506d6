// Pass 1 of a sync run: the records changed since `since`, batch by batch, each batch one transaction that also
// records where the next one starts, so a killed run resumes from the last committed batch with the same `since`.
// A synchronous store (SQLite) is written record by record as they arrive and commits when a batch is due; any
// other store gets whole pages (gathered from a streaming source).
import { performance } from 'node:perf_hooks'
import { pipeBatches } from './batch-pipe'
import { CHANGES_DONE, isReset, meter, throwIfAborted, type SyncRunOptions } from './run-support'
import type { BatchResult, BatchWriter, ChangeSink, ChangedPage, RunRow, SyncRecord, SyncSource } from './sync-types'

export type Apply = (records: readonly SyncRecord[], cursor: string) => Promise<void>

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

/** Pass 1 for any other store: page by page, each applied in one transaction. */
function appliedPagesPass(source: SyncSource, run: RunRow, options: SyncRunOptions, apply: Apply): Promise<void> {
  return fromLastCommit(options, async (batchDone) => {
    for await (const page of changeStream(source, run.since, run.cursor, options.signal)) {
      throwIfAborted(options.signal)
      await apply(page.records, page.next ?? CHANGES_DONE)
      batchDone(page.records.length, page.serverCount)
    }
  })
}

// A synchronous store's batch is one transaction of records written as they arrive (none is held): a fast server
// fills up to MAX_BATCH records per commit, a slow one still commits (and shows progress) about every second; a
// batch may span pages. Records in another order than their keys (a RESO feed ordered by timestamp) dirty an index
// page each, and every commit writes its dirty pages: 300k records of 42 columns in random key order took 7.5–8.0 s
// in transactions of 1,000, 6.4–6.6 s in 10,000 (in key order: 6.3 and 6.1 s).
const MAX_BATCH = 10_000
const BATCH_MS = 1000

/** When a synchronous store's batch is due, and its commit with the cursor where the next one starts. */
function batchCommits(
  writer: BatchWriter,
  options: SyncRunOptions,
  committed: (result: BatchResult) => void,
  batchDone: BatchDone
): Required<Pick<ChangeSink, 'due' | 'end'>> {
  const maxBatch = options.maxBatch ?? MAX_BATCH
  let started = performance.now()
  return {
    due: (records) => records >= maxBatch || performance.now() - started >= BATCH_MS,
    end: (next, serverCount) => {
      throwIfAborted(options.signal)
      const result = writer.commit(next ?? CHANGES_DONE)
      started = performance.now()
      committed(result)
      batchDone(result.new + result.updated + result.unchanged, serverCount)
    }
  }
}

/**
 * Pass 1 for a synchronous store: each record written as it comes (as a streaming source decodes it, or page by
 * page), each batch committed when due.
 */
function writtenPass(
  source: SyncSource,
  writer: BatchWriter,
  run: RunRow,
  options: SyncRunOptions,
  committed: (result: BatchResult) => void
): Promise<void> {
  return fromLastCommit(
    options,
    async (batchDone) => {
      const batch = batchCommits(writer, options, committed, batchDone)
      if (source.streamChanges) {
        const sink: ChangeSink = { add: (record) => writer.add(record), ...batch }
        return source.streamChanges(run.since, run.cursor, sink, options.signal)
      }
      let records = 0
      for await (const page of changeStream(source, run.since, run.cursor, options.signal)) {
        throwIfAborted(options.signal)
        for (const record of page.records) writer.add(record)
        records += page.records.length
        if (page.next === undefined || batch.due(records)) {
          batch.end(page.next, page.serverCount)
          records = 0
        }
      }
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

/** Pass 1 by the fastest way the source and the store allow. */
export function changesPass(
  source: SyncSource,
  run: RunRow,
  options: SyncRunOptions,
  to: { writer: BatchWriter | undefined; apply: Apply; committed: (result: BatchResult) => void }
): Promise<void> {
  const { writer, apply, committed } = to
  return writer ? writtenPass(source, writer, run, options, committed) : appliedPagesPass(source, run, options, apply)
}
