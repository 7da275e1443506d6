import { describe, expect, it } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { JobManager } from '../../../../src-main/platform/jobs/job-manager'
import type { JobProgress } from '../../../../contract/job-channels'

describe('JobManager', () => {
  it('reports progress and completion', async () => {
    const events: JobProgress[] = []
    const jobs = new JobManager((p) => events.push(p))
    const { jobId, result } = jobs.start({ kind: 't', title: 'T', unit: 'rows' }, async (job) => {
      for (let i = 1; i <= 3; i++) {
        await sleep(120)
        job.progress(i * 10, { total: 30 })
      }
      return 'value'
    })
    expect(await result).toBe('value')
    expect(events[0]).toMatchObject({ jobId, state: 'running', done: 0 })
    expect(events.at(-1)).toMatchObject({ jobId, state: 'done', done: 30, total: 30 })
    expect(events.some((e) => e.state === 'running' && e.done > 0)).toBe(true)
  })

  it('cancels through the AbortSignal and reports cancelled', async () => {
    const events: JobProgress[] = []
    const jobs = new JobManager((p) => events.push(p))
    const { jobId, result } = jobs.start({ kind: 't', title: 'T', unit: 'steps' }, async (job) => {
      await sleep(10_000, undefined, { signal: job.signal })
    })
    expect(jobs.cancel(jobId)).toBe(true)
    await expect(result).rejects.toThrow()
    expect(events.at(-1)?.state).toBe('cancelled')
    expect(jobs.cancel(jobId)).toBe(false)
  })

  it('reports failures with the error shape', async () => {
    const events: JobProgress[] = []
    const jobs = new JobManager((p) => events.push(p))
    const { result } = jobs.start({ kind: 't', title: 'T', unit: 'x' }, async () => {
      throw new Error('boom')
    })
    await expect(result).rejects.toThrow('boom')
    expect(events.at(-1)).toMatchObject({ state: 'failed', error: { code: 'INTERNAL', message: 'boom' } })
  })
})
