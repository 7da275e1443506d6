// query:* — a query runs as a job in main; rows land in a result store the job owns (and finishes) and the renderer
// pages through (results:*); each request's raw exchange stays in the wire log, tagged with the job, for the raw
// view (wire:*).
import type { QuerySpec } from '../../contract/query-channels'
import type { SessionManager } from '../features/connections/session-manager'
import type { JobManager } from '../platform/jobs/job-manager'
import type { ResultRegistry } from '../platform/results/result-registry'
import type { PartialHandlerTable } from './handler-registry'

export interface QueryHandlerDeps {
  sessions: SessionManager
  jobs: JobManager
  results: ResultRegistry
  /** the job that filled each result, whose wire entries are the result's raw view */
  jobOfResult: Map<string, string>
}

export function queryHandlers({ sessions, jobs, results, jobOfResult }: QueryHandlerDeps): PartialHandlerTable {
  return {
    'query:run': ({ profileId, spec }) => {
      const search = sessions.capability(profileId, 'search')
      const rows = results.create()
      const { jobId, result } = jobs.start(
        { kind: 'query', title: queryTitle(spec), unit: 'rows' },
        (job) => search.run(spec, rows, job),
        rows
      )
      jobOfResult.set(rows.id, jobId)
      result.catch(() => undefined) // the job event carries the error; partial rows stay available
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
