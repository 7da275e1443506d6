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
import { planSummary } from '../features/sync/sync-plan'
import type { PartialHandlerTable } from './handler-registry'
import { liveCapability } from './live-capability'
import path from 'node:path'
import { AppError } from '../../contract/app-error'
import { photoExportChoices } from '../features/export/photos/photo-export-choices'
import { exportPhotos, photoExportJobSpec } from '../features/export/photos/photo-export-engine'
import type { PhotoExportRequest } from '../features/export/photos/photo-export-types'

const KEEP_REPORTS = 20
const DEFAULT_QUERY_ROWS = 100_000
const MAX_PHOTO_KEYS = 100_000

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
  // photos follow the data: the photo export engine (with its resume) on the keys a run inserted or changed
  const photosFollow = async (
    profileId: string,
    resource: string | undefined,
    keys: string[],
    destination: string
  ): Promise<string> => {
    const photos = sessions.capability(profileId, 'photos')
    const choices = photoExportChoices(photos.source, await sessions.summary(profileId), resource)
    const source = photos.open(resource ? { resource } : {})
    const request: PhotoExportRequest = { destination, listingKeys: keys, types: choices.defaultTypes }
    const started = jobs.start(photoExportJobSpec(request), (job) => exportPhotos(request, source, job))
    started.result.catch(() => undefined)
    return started.jobId
  }
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
            ...planSummary(r.plan),
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
    'sync:run': async ({ profileId, target, overlapSeconds, photosTo }) => {
      if (photosTo !== undefined && !path.isAbsolute(photosTo)) {
        throw new AppError({ code: 'EXPORT_BAD_PATH', message: 'Give a full path for the photo folder.' })
      }
      const sync = await liveCapability(sessions, profiles, profileId, 'sync')
      const store = await stores.store(await profiles.get(profileId))
      const started = jobs.start(
        { kind: 'sync-run', title: `Sync: ${targetLabel(target)}`, unit: 'records' },
        async (job) => {
          const r = await runTarget(sync.source(target), store, {
            signal: job.signal,
            ...(photosTo ? { collectChanged: MAX_PHOTO_KEYS } : {}),
            ...(overlapSeconds !== undefined ? { overlapSeconds } : {}),
            onProgress: (p) =>
              job.progress(p.done, {
                ...(p.total !== undefined ? { total: p.total } : {}),
                message: progressMessage(p)
              })
          })
          const { changed, ...rest } = r
          const report: SyncReport = { action: 'run', ...rest }
          if (photosTo && changed?.length) {
            report.photoJobId = await photosFollow(profileId, target.resource, changed, photosTo)
          }
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
      const answer = await store.query(sql, maxRows ?? DEFAULT_QUERY_ROWS).catch((err: unknown) => {
        throw queryFailed(err, store.kind)
      })
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

/** The database's refusal of the user's SQL (a typo, an unknown table): its own words, said to be about the query. */
function queryFailed(err: unknown, kind: string): AppError {
  if (err instanceof AppError) return err
  const reason = err instanceof Error ? err.message : String(err)
  return new AppError({
    code: 'SYNC_QUERY_FAILED',
    message: `The query failed: ${reason}`,
    hint:
      kind === 'postgres'
        ? 'PostgreSQL SQL on the synced tables listed above the editor; reads only.'
        : 'SQLite SQL on the synced tables listed above the editor; reads only.'
  })
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
