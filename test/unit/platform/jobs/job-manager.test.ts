import { describe, expect, it } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { JobManager } from '../../../../src-main/platform/jobs/job-manager'
import { currentJobId } from '../../../../src-main/platform/jobs/job-context'
import { ResultStore } from '../../../../src-main/platform/results/result-store'
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

  it('sends the last report of a burst even when no further report follows (no stale "0 written")', async () => {
    const events: JobProgress[] = []
    const jobs = new JobManager((p) => events.push(p))
    let finish!: () => void
    const { jobId, result } = jobs.start({ kind: 't', title: 'T', unit: 'objects' }, async (job) => {
      for (let i = 1; i <= 84; i++) job.progress(i, { message: `${i} written` })
      await new Promise<void>((resolve) => (finish = resolve)) // waiting on a slow server
    })
    await sleep(400)
    const running = events.filter((e) => e.jobId === jobId && e.state === 'running')
    expect(running.at(-1)).toMatchObject({ done: 84, message: '84 written' })
    finish()
    await result
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

  it('finishes the result it owns before the final event, whether the job succeeds, fails or is cancelled', async () => {
    for (const outcome of ['done', 'failed', 'cancelled'] as const) {
      const rows = new ResultStore()
      const seen: Array<{ state: string; complete: boolean }> = []
      const jobs = new JobManager((p) => seen.push({ state: p.state, complete: rows.complete }))
      const { jobId, result } = jobs.start(
        { kind: 't', title: 'T', unit: 'rows' },
        async (job) => {
          rows.append(['partial'])
          if (outcome === 'failed') throw new Error('boom')
          if (outcome === 'cancelled') await sleep(10_000, undefined, { signal: job.signal })
        },
        rows
      )
      if (outcome === 'cancelled') jobs.cancel(jobId)
      await result.catch(() => undefined)
      expect(seen.at(-1)).toEqual({ state: outcome, complete: true })
      expect(seen.slice(0, -1).every((e) => !e.complete)).toBe(true)
      expect((await rows.page(0, 10)).rows).toEqual([['partial']])
      rows.dispose()
    }
  })

  it('runs each job body in its own context, across awaits, with jobs overlapping', async () => {
    const jobs = new JobManager(() => undefined)
    const seen = new Map<string, string[]>()
    const started = [1, 2].map(() =>
      jobs.start({ kind: 't', title: 'T', unit: 'x' }, async () => {
        const ids = [currentJobId()!]
        await sleep(20)
        ids.push(currentJobId()!)
        await Promise.resolve()
        ids.push(currentJobId()!)
        return ids
      })
    )
    for (const { jobId, result } of started) seen.set(jobId, await result)
    for (const [jobId, ids] of seen) expect(ids).toEqual([jobId, jobId, jobId])
    expect(currentJobId()).toBeUndefined()
  })
})
