// idx:* — the IDX sync inspector as a job on the profile's live IDX connection: plan compares the master list with
// the snapshot under the user-data folder; apply also fetches new/updated records by ID into a result store (paged
// with results:page) and writes the snapshot. The report is kept for idx:syncReport.
import type { IdxSyncReport } from '../../contract/idx-channels'
import type { SessionManager } from '../features/connections/session-manager'
import type { ProfileStore } from '../features/connections/profiles'
import type { JobManager } from '../platform/jobs/job-manager'
import type { ResultRegistry } from '../platform/results/result-registry'
import { IdxSnapshotStore } from '../features/idx/sync-snapshot'
import type { PartialHandlerTable } from './handler-registry'
import { liveCapability } from './live-capability'

const KEEP_REPORTS = 20

export interface IdxHandlerDeps {
  sessions: SessionManager
  profiles: ProfileStore
  jobs: JobManager
  results: ResultRegistry
  /** folder of the per-profile snapshot files */
  snapshotDir: string
}

export function idxHandlers({ sessions, profiles, jobs, results, snapshotDir }: IdxHandlerDeps): PartialHandlerTable {
  const snapshots = new IdxSnapshotStore(snapshotDir)
  const reports = new Map<string, IdxSyncReport>()
  return {
    'idx:sync': async ({ profileId, searchType, action, masterFormat, batchSize }) => {
      const idx = await liveCapability(sessions, profiles, profileId, 'idxSync')
      const rows = action === 'apply' ? results.create() : undefined
      // the report is kept before the job's final event goes out, so the renderer finds it when it asks
      const started = jobs.start(
        { kind: 'idx-sync', title: `IDX ${action === 'plan' ? 'sync plan' : 'sync'}: ${searchType}`, unit: 'records' },
        async (job) => {
          const report = await idx.run(searchType, action, snapshots, rows, {
            signal: job.signal,
            progress: job.progress,
            ...(masterFormat ? { masterFormat } : {}),
            ...(batchSize ? { batchSize } : {})
          })
          reports.set(started.jobId, rows ? { ...report, resultId: rows.id } : report)
          if (reports.size > KEEP_REPORTS) reports.delete(reports.keys().next().value as string)
          return report
        },
        rows
      )
      // the error reaches the renderer through job:progress; partial rows stay readable
      started.result.catch(() => undefined)
      const jobId = started.jobId
      return rows ? { jobId, resultId: rows.id } : { jobId }
    },
    'idx:syncReport': ({ jobId }) => reports.get(jobId) ?? null
  }
}
