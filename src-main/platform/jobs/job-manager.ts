// Every long operation (fetch all rows, photo export, metadata download) runs as a job: an id, progress events
// throttled for the UI, and cancellation through an AbortSignal that the protocol code honours.
import { randomUUID } from 'node:crypto'
import { toErrorShape } from '../../../contract/app-error'
import type { JobProgress } from '../../../contract/job-channels'
import { runInJob } from './job-context'

export interface JobControl {
  signal: AbortSignal
  /** report absolute progress; cheap to call per row — events are throttled */
  progress(done: number, opts?: { total?: number; message?: string }): void
}

export type ProgressListener = (p: JobProgress) => void

/**
 * What a job writes into (a result store). The job owns it: the JobManager finishes it when the job settles —
 * done, failed or cancelled, partial rows stay readable — before the job's final event, and nothing else does.
 */
export interface JobOutput {
  finish(): Promise<void>
}

const EMIT_INTERVAL_MS = 100
const KEEP_FINISHED = 50

interface JobEntry {
  state: JobProgress
  controller: AbortController
  lastEmit: number
  /** a progress report held back by the throttle, sent when the interval is over */
  trailing?: ReturnType<typeof setTimeout> | undefined
  startedAt: number
  promise: Promise<unknown>
}

export class JobManager {
  private readonly jobs = new Map<string, JobEntry>()

  constructor(private readonly onProgress: ProgressListener) {}

  start<T>(
    spec: { kind: string; title: string; unit: string },
    run: (job: JobControl) => Promise<T>,
    output?: JobOutput
  ): { jobId: string; result: Promise<T> } {
    const jobId = randomUUID()
    const controller = new AbortController()
    const entry: JobEntry = {
      state: { jobId, kind: spec.kind, title: spec.title, unit: spec.unit, state: 'running', done: 0 },
      controller,
      lastEmit: 0,
      startedAt: Date.now(),
      promise: Promise.resolve()
    }
    this.jobs.set(jobId, entry)
    const control: JobControl = {
      signal: controller.signal,
      progress: (done, opts) => {
        const s = entry.state
        s.done = done
        if (opts?.total !== undefined) s.total = opts.total
        if (opts?.message !== undefined) s.message = opts.message
        const elapsed = (Date.now() - entry.startedAt) / 1000
        if (elapsed > 0) s.rate = done / elapsed
        const now = Date.now()
        if (now - entry.lastEmit >= EMIT_INTERVAL_MS) {
          clearTimeout(entry.trailing)
          entry.trailing = undefined
          entry.lastEmit = now
          this.onProgress({ ...s })
        } else if (!entry.trailing) {
          // the last report of a burst must go out even if no other follows soon (a photo export written 84 files,
          // then waits on the server: the panel said "0 written" for as long as the wait lasted)
          entry.trailing = setTimeout(
            () => {
              entry.trailing = undefined
              if (entry.state.state !== 'running') return
              entry.lastEmit = Date.now()
              this.onProgress({ ...entry.state })
            },
            EMIT_INTERVAL_MS - (now - entry.lastEmit)
          )
        }
      }
    }
    this.onProgress({ ...entry.state })
    // the body runs in the job's context: every wire entry it causes is tagged with the job id
    const result = runInJob(jobId, () => run(control))
      .then(
        async (value) => {
          await output?.finish()
          return value
        },
        async (err: unknown) => {
          await output?.finish().catch(() => undefined) // the job's own error is the one to report
          throw err
        }
      )
      .then(
        (value) => {
          this.finish(entry, controller.signal.aborted ? 'cancelled' : 'done')
          return value
        },
        (err: unknown) => {
          if (controller.signal.aborted) this.finish(entry, 'cancelled')
          else this.finish(entry, 'failed', err)
          throw err
        }
      )
    entry.promise = result.catch(() => undefined)
    return { jobId, result }
  }

  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId)
    if (!entry || entry.state.state !== 'running') return false
    entry.controller.abort()
    return true
  }

  list(): JobProgress[] {
    return [...this.jobs.values()].map((j) => ({ ...j.state }))
  }

  /** Resolves when the job has settled (tests, shutdown). */
  async settled(jobId: string): Promise<void> {
    await this.jobs.get(jobId)?.promise
  }

  cancelAll(): void {
    for (const id of this.jobs.keys()) this.cancel(id)
  }

  private finish(entry: JobEntry, state: JobProgress['state'], err?: unknown): void {
    clearTimeout(entry.trailing)
    entry.trailing = undefined
    entry.state.state = state
    if (err !== undefined) entry.state.error = toErrorShape(err)
    this.onProgress({ ...entry.state })
    this.prune()
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.state.state !== 'running')
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id)
  }
}
