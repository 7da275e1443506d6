// Results export runs as a job (issue 18): its progress reaches the status bar through job:progress, and cancelling
// it leaves no file — neither the target nor a temp file beside it.
import { mkdtempSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobProgress } from '../../../contract/job-channels'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
let resultId: string
let total: number
const events: JobProgress[] = []

beforeAll(async () => {
  h = await startHarness()
  h.workbench.hub.subscribe((event, payload) => {
    if (event === 'job:progress' && (payload as JobProgress).kind === 'results-export')
      events.push(payload as JobProgress)
  })
  await h.call('session:connect', { profileId: 'demo-rets' })
  const run = await h.call('query:run', {
    profileId: 'demo-rets',
    spec: {
      kind: 'dmql',
      resource: 'Property',
      class: 'A',
      query: '(LIST_22=0+)',
      format: 'COMPACT',
      count: 0,
      standardNames: false,
      fetchAll: true
    }
  })
  await settle(h, run.jobId)
  resultId = run.resultId
  total = (await h.call('results:summary', { resultId })).total
  expect(total).toBeGreaterThan(10)
})
afterAll(() => h.close())

describe('results export as a job', () => {
  for (const format of ['csv', 'json', 'xlsx'] as const) {
    it(`${format}: progress up to every row, then done with what was written`, async () => {
      events.length = 0
      const file = path.join(mkdtempSync(path.join(h.userDataDir, 'exp-')), `rows.${format}`)
      const r = await h.call('results:export', { resultId, format, path: file })
      expect(r.rows).toBe(total)
      expect(events[0]).toMatchObject({ state: 'running', done: 0, unit: 'rows', title: `Export to rows.${format}` })
      expect(events.some((e) => e.state === 'running' && e.done === total && e.total === total)).toBe(true)
      const last = events.at(-1)!
      expect(last).toMatchObject({ state: 'done', done: total, total })
      expect(last.message).toBe(`${total.toLocaleString('en-US')} rows · ${r.bytes.toLocaleString('en-US')} bytes`)
    })

    it(`${format}: cancelled through job:cancel, leaves no partial file`, async () => {
      events.length = 0
      const dir = mkdtempSync(path.join(h.userDataDir, 'cancel-'))
      const file = path.join(dir, `rows.${format}`)
      // cancel the moment the job starts, as the status bar's Cancel button does (through the handler table)
      const stop = h.workbench.hub.subscribe((event, payload) => {
        const p = payload as JobProgress
        if (event === 'job:progress' && p.kind === 'results-export' && p.state === 'running')
          void h.call('job:cancel', { jobId: p.jobId })
      })
      const err = await h.fail('results:export', { resultId, format, path: file })
      stop()
      expect(err.code).toBe('CANCELLED')
      expect(err.message).toContain(file)
      expect(events.at(-1)?.state).toBe('cancelled')
      expect(readdirSync(dir)).toEqual([])
    })
  }
})
