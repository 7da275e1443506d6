// sync:* — the sync engine on a profile's live connection into its local store. plan and run are jobs (progress
// with rate and ETA, cancel through job:cancel); their reports are kept for sync:report. query runs read-only SQL
// on the copy into a result store, so the grid pages it and exports it like any search.
import type { SyncReport, SyncTarget } from '../../contract/sync-channels'
import type { SessionManager } from '../features/connections/session-manager'
import type { ProfileStore } from '../features/connections/profiles'
import type { JobManager } from '../platform/jobs/job-manager'
import type { ResultRegistry } from '../platform/results/result-registry'
import { planTarget, runTarget, type SyncProgress } from '../features/sync/sync-engine'
import type { SyncStoreRegistry } from '../features/sync/store-registry'
import type { PartialHandlerTable } from './handler-registry'
import { liveCapability } from './live-capability'

const KEEP_REPORTS = 20
const SAMPLE = 200
const DEFAULT_QUERY_ROWS = 100_000

export interface SyncHandlerDeps {
  sessions: SessionManager
  profiles: ProfileStore
  jobs: JobManager
  results: ResultRegistry
  stores: SyncStoreRegistry
}

function targetLabel(target: SyncTarget): string {
  return [target.resource, target.class].filter(Boolean).join(':') || 'listings'
}

function progressMessage(p: SyncProgress): string {
  const phase = {
    plan: 'Planning',
    changes: 'Changed records',
    master: 'Master list',
    fetch: 'Fetching by key',
    deletes: 'Deletes'
  }[p.phase]
  const eta = p.etaSeconds !== undefined ? `, ETA ${p.etaSeconds} s` : ''
  return `${phase}: ${Math.round(p.rate)}/s${eta}`
}

export function syncHandlers({ sessions, profiles, jobs, results, stores }: SyncHandlerDeps): PartialHandlerTable {
  const reports = new Map<string, SyncReport>()
  const keep = (jobId: string, report: SyncReport): void => {
    reports.set(jobId, report)
    if (reports.size > KEEP_REPORTS) reports.delete(reports.keys().next().value as string)
  }
  return {
    'sync:plan': async ({ profileId, target }) => {
      const sync = await liveCapability(sessions, profiles, profileId, 'sync')
      const store = await stores.store(await profiles.get(profileId))
      const started = jobs.start(
        { kind: 'sync-plan', title: `Sync plan: ${targetLabel(target)}`, unit: 'records' },
        async (job) => {
          const r = await planTarget(sync.source(target), store, job.signal)
          const report: SyncReport = {
            action: 'plan',
            target: r.target,
            counts: {
              new: r.plan.new.length,
              updated: r.plan.updated.length,
              unchanged: r.plan.unchanged.length,
              deleted: r.plan.deleted.length
            },
            sample: {
              new: r.plan.new.slice(0, SAMPLE),
              updated: r.plan.updated.slice(0, SAMPLE),
              deleted: r.plan.deleted.slice(0, SAMPLE)
            },
            masterCount: r.masterCount,
            storeCount: r.storeCount,
            ...(r.highWaterMark ? { highWaterMark: r.highWaterMark } : {})
          }
          keep(started.jobId, report)
          return report
        }
      )
      started.result.catch(() => undefined)
      return { jobId: started.jobId }
    },
    'sync:run': async ({ profileId, target, overlapSeconds }) => {
      const sync = await liveCapability(sessions, profiles, profileId, 'sync')
      const store = await stores.store(await profiles.get(profileId))
      const started = jobs.start(
        { kind: 'sync-run', title: `Sync: ${targetLabel(target)}`, unit: 'records' },
        async (job) => {
          const r = await runTarget(sync.source(target), store, {
            signal: job.signal,
            ...(overlapSeconds !== undefined ? { overlapSeconds } : {}),
            onProgress: (p) =>
              job.progress(p.done, {
                ...(p.total !== undefined ? { total: p.total } : {}),
                message: progressMessage(p)
              })
          })
          const report: SyncReport = { action: 'run', ...r }
          keep(started.jobId, report)
          return report
        }
      )
      started.result.catch(() => undefined)
      return { jobId: started.jobId }
    },
    'sync:report': ({ jobId }) => reports.get(jobId) ?? null,
    'sync:status': async ({ profileId }) => {
      const store = await stores.store(await profiles.get(profileId))
      return {
        store: { kind: store.kind, location: store.location },
        tables: await store.targets(),
        runs: await store.runs(50)
      }
    },
    'sync:query': async ({ profileId, sql, maxRows }) => {
      const store = await stores.store(await profiles.get(profileId))
      const answer = await store.query(sql, maxRows ?? DEFAULT_QUERY_ROWS)
      const rows = results.create()
      rows.setColumns(answer.columns.map((name) => ({ name })))
      for (const row of answer.rows) rows.append(row.map(cellText))
      rows.setInfo({
        pages: 1,
        warnings: answer.truncated ? [`Only the first ${answer.rows.length} rows are shown.`] : []
      })
      await rows.finish()
      return { resultId: rows.id, rows: answer.rows.length, truncated: answer.truncated }
    }
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
