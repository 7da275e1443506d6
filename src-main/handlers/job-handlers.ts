import type { JobManager } from '../platform/jobs/job-manager'
import type { PartialHandlerTable } from './handler-registry'

export function jobHandlers(jobs: JobManager): PartialHandlerTable {
  return {
    'job:list': () => jobs.list(),
    'job:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) })
  }
}
