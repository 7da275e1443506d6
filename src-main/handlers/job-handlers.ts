import { setTimeout as sleep } from 'node:timers/promises'
import type { JobManager } from '../platform/jobs/job-manager'
import type { PartialHandlerTable } from './handler-registry'

export function jobHandlers(jobs: JobManager): PartialHandlerTable {
  return {
    'job:list': () => jobs.list(),
    'job:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'job:sample': ({ steps, delayMs }) => {
      const { jobId, result } = jobs.start(
        { kind: 'sample', title: `Sample job (${steps} steps)`, unit: 'steps' },
        async (job) => {
          for (let i = 1; i <= steps; i++) {
            await sleep(delayMs, undefined, { signal: job.signal })
            job.progress(i, { total: steps })
          }
        }
      )
      result.catch(() => undefined) // outcome is reported through job:progress
      return { jobId }
    }
  }
}
