// query:* — a query runs as a job in main; rows land in a result store the renderer pages through (results:*), and
// each request's raw exchange stays in the wire log for the raw view (wire:*).
import type { QuerySpec } from '../../contract/query-channels'
import type { SessionManager } from '../features/connections/session-manager'
import type { JobManager } from '../platform/jobs/job-manager'
import type { ResultRegistry } from '../platform/results/result-registry'
import type { WireLog } from '../platform/http/wire-log'
import type { PartialHandlerTable } from './handler-registry'

export interface QueryHandlerDeps {
  sessions: SessionManager
  jobs: JobManager
  results: ResultRegistry
  wireLog: WireLog
  /** the wire-log entries of each result's requests, for results:summary */
  wireIdsByResult: Map<string, string[]>
}

export function queryHandlers({
  sessions,
  jobs,
  results,
  wireLog,
  wireIdsByResult
}: QueryHandlerDeps): PartialHandlerTable {
  return {
    'query:run': ({ profileId, spec }) => {
      const search = sessions.capability(profileId, 'search')
      const rows = results.create()
      const before = new Set(wireLog.list().map((e) => e.id))
      const { jobId, result } = jobs.start({ kind: 'query', title: queryTitle(spec), unit: 'rows' }, (job) =>
        search.run(spec, rows, job)
      )
      // Partial rows stay available whatever the outcome; the job event carries the error.
      const settle = (): Promise<void> => {
        wireIdsByResult.set(
          rows.id,
          wireLog
            .list()
            // this session's requests only: a query running at the same time on another connection is not ours
            .filter((e) => !before.has(e.id) && e.source === profileId)
            .map((e) => e.id)
        )
        return rows.finish()
      }
      result.then(settle, settle).catch(() => undefined)
      return { jobId, resultId: rows.id }
    }
  }
}

export function queryTitle(spec: QuerySpec): string {
  switch (spec.kind) {
    case 'dmql':
      return `Search ${spec.resource}:${spec.class}`
    case 'odata':
      return `Query ${spec.resource}`
    case 'spark':
      return 'Query listings'
  }
}
