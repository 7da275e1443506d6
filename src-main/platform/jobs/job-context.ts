// Which job the running code works for. The JobManager runs each job's body inside this context, so code far below
// it — the HTTP client recording a wire entry — can name the job without every call passing an id down: a query's
// raw view then lists the requests of its own job, even with other jobs on the same connection at the same time.
import { AsyncLocalStorage } from 'node:async_hooks'

const context = new AsyncLocalStorage<string>()

export function runInJob<T>(jobId: string, body: () => T): T {
  return context.run(jobId, body)
}

/** The id of the job the caller works for; undefined outside any job. */
export function currentJobId(): string | undefined {
  return context.getStore()
}
