// The IDX data synchronisation of the IDX API on one logged-in session: (1) records updated since a date, (2) the
// master list, (3) compare with the local snapshot, (4) fetch the new and updated records by ID in batches, then
// write the snapshot. The caller supplies the snapshot store (a folder it chose), the writer fetched rows go to
// and a job control for progress and cancel.
import { performance } from 'node:perf_hooks'
import type { IdxSearchType, IdxSyncReport } from '../../../contract/idx-channels'
import type { JobControl } from '../../platform/jobs/job-manager'
import type { RetsSession } from '../../protocols/rets/rets-session'
import type { ResultWriter } from '../../platform/results/result-types'
import { IdxRecordCollector } from './idx-record-rows'
import { fetchIdxDetails, writerSink, type IdxFetchSummary } from './idx-search'
import { retsDateTime } from './idx-timestamps'
import { fetchMasterList, type MasterList } from './master-list'
import { planSync, snapshotAfterApply, summarizePlan, type SyncPlan } from './sync-plan'
import type { IdxSnapshotStore } from './sync-snapshot'

/** The IDX API pages at most 100 records (DDF); ID lists longer than that would be cut short. */
export const DEFAULT_ID_BATCH = 100

export interface IdxSyncOptions {
  profileId: string
  pageSize: number
}

export interface SyncRunOptions extends Partial<Pick<JobControl, 'signal' | 'progress'>> {
  /** ids per (ID=a,b,c) request */
  batchSize?: number
  masterFormat?: 'COMPACT' | 'STANDARD-XML'
  /** updatedSince: stop after this many records */
  maxRows?: number
}

export interface FetchByIdResult {
  rows: number
  requests: number
  /** asked-for ids the server returned */
  returned: Set<string>
  warnings: string[]
}

export interface PlanResult {
  master: MasterList
  plan: SyncPlan
  before: Map<string, string>
  syncedAt?: string
}

// ids go into the DMQL value list verbatim; a comma, parenthesis or space would change the query's meaning
const UNQUERYABLE_ID = /[,()\s]/

export class IdxSync {
  constructor(
    readonly session: RetsSession,
    private readonly options: IdxSyncOptions
  ) {}

  masterList(searchType: IdxSearchType, job: SyncRunOptions = {}): Promise<MasterList> {
    return fetchMasterList(this.session, searchType, {
      pageSize: this.options.pageSize,
      ...(job.masterFormat ? { format: job.masterFormat } : {}),
      ...(job.signal ? { signal: job.signal } : {}),
      onProgress: (rows, total) =>
        job.progress?.(rows, { ...(total !== undefined ? { total } : {}), message: 'Reading the master list' })
    })
  }

  /** Step 1: full records updated since `since` (a Date or ISO text) into `writer`. */
  async updatedSince(
    searchType: IdxSearchType,
    since: Date | string,
    writer: ResultWriter,
    job: SyncRunOptions = {}
  ): Promise<IdxFetchSummary> {
    const summary = await fetchIdxDetails(
      this.session,
      { searchType, query: `(LastUpdated=${retsDateTime(since)})` },
      new IdxRecordCollector(writerSink(writer)),
      {
        pageSize: this.options.pageSize,
        ...(job.maxRows !== undefined ? { maxRows: job.maxRows } : {}),
        ...(job.signal ? { signal: job.signal } : {}),
        onProgress: (rows, total) => job.progress?.(rows, total !== undefined ? { total } : {})
      }
    )
    writer.setInfo({
      pages: summary.pages,
      warnings: summary.warnings,
      ...(summary.totalRecords !== undefined ? { serverCount: summary.totalRecords } : {})
    })
    return summary
  }

  /** Step 4: records by ID, `batchSize` ids per (ID=a,b,c) request. */
  async fetchByIds(
    searchType: IdxSearchType,
    ids: readonly string[],
    writer: ResultWriter,
    job: SyncRunOptions = {}
  ): Promise<FetchByIdResult> {
    const batchSize = Math.max(1, Math.min(job.batchSize ?? DEFAULT_ID_BATCH, this.options.pageSize))
    const result: FetchByIdResult = { rows: 0, requests: 0, returned: new Set(), warnings: [] }
    let idColumn = -1
    const sink = writerSink(writer)
    const collector = new IdxRecordCollector({
      columns: (cols) => {
        idColumn = cols.indexOf('ID')
        sink.columns(cols)
      },
      row: (values) => {
        if (idColumn >= 0) result.returned.add((values[idColumn] ?? '').trim())
        result.rows++
        sink.row(values)
      }
    })
    const unsafe = ids.filter((id) => UNQUERYABLE_ID.test(id))
    if (unsafe.length) result.warnings.push(`Skipped ids that cannot be queried: ${unsafe.slice(0, 5).join(' ')}`)
    const safe = ids.filter((id) => !UNQUERYABLE_ID.test(id))
    for (let start = 0; start < safe.length; start += batchSize) {
      const batch = safe.slice(start, start + batchSize)
      const summary = await fetchIdxDetails(this.session, { searchType, query: `(ID=${batch.join(',')})` }, collector, {
        pageSize: batch.length,
        maxRows: batch.length,
        ...(job.signal ? { signal: job.signal } : {})
      })
      result.requests += summary.pages
      result.warnings.push(...summary.warnings)
      job.progress?.(start + batch.length, { total: safe.length, message: 'Fetching records by ID' })
    }
    writer.setInfo({ pages: result.requests, warnings: result.warnings })
    return result
  }

  /** Steps 2 + 3: what an apply would do, without fetching anything. */
  async plan(searchType: IdxSearchType, snapshots: IdxSnapshotStore, job: SyncRunOptions = {}): Promise<PlanResult> {
    const [master, section] = await Promise.all([
      this.masterList(searchType, job),
      snapshots.section(this.options.profileId, searchType)
    ])
    const before = new Map(Object.entries(section?.records ?? {}))
    return {
      master,
      plan: planSync(master.entries, before),
      before,
      ...(section ? { syncedAt: section.syncedAt } : {})
    }
  }

  /** Plans (apply: and fetches by ID and writes the snapshot) and reports in the IPC shape. */
  async run(
    searchType: IdxSearchType,
    action: 'plan' | 'apply',
    snapshots: IdxSnapshotStore,
    writer: ResultWriter | undefined,
    job: SyncRunOptions = {}
  ): Promise<IdxSyncReport> {
    const started = performance.now()
    const { master, plan, before, syncedAt } = await this.plan(searchType, snapshots, job)
    const report: IdxSyncReport = {
      profileId: this.options.profileId,
      searchType,
      action,
      masterCount: new Set(master.entries.map((e) => e.id)).size,
      snapshotCount: before.size,
      plan: summarizePlan(plan),
      snapshotFile: snapshots.file(this.options.profileId),
      durationMs: 0,
      warnings: [...master.warnings]
    }
    if (syncedAt) report.snapshotSyncedAt = syncedAt
    if (action === 'apply' && writer) {
      const wanted = [...plan.new, ...plan.updated]
      const fetched = await this.fetchByIds(searchType, wanted, writer, job)
      const missing = wanted.filter((id) => !fetched.returned.has(id))
      const after = snapshotAfterApply(master.entries, before, new Set(missing))
      await snapshots.writeSection(this.options.profileId, searchType, after)
      report.fetched = fetched.rows
      report.missing = missing.slice(0, 1000)
      report.snapshotCountAfter = after.size
      report.warnings.push(...fetched.warnings)
      if (missing.length) {
        report.warnings.push(
          `${missing.length} record(s) in the master list were not returned by ID; they stay pending for the next sync.`
        )
      }
    }
    report.durationMs = Math.round(performance.now() - started)
    return report
  }
}
