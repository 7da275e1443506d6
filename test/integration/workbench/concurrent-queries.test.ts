// Two queries running at once on two connections: each result's raw view lists its own requests only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('wire entries per query', () => {
  it('keeps a RETS and a RESO query that overlap apart', async () => {
    await h.call('session:connect', { profileId: 'demo-rets' })
    await h.call('session:connect', { profileId: 'demo-reso' })
    h.workbench.demo!.server.ctx.setFaults({ slowMs: 30 }) // long enough for the two to overlap
    const [rets, reso] = await Promise.all([
      h.call('query:run', {
        profileId: 'demo-rets',
        spec: {
          kind: 'dmql',
          resource: 'Property',
          class: 'A',
          query: '(LIST_22=0+)',
          format: 'COMPACT',
          limit: 50,
          count: 0,
          standardNames: false,
          fetchAll: false
        }
      }),
      h.call('query:run', {
        profileId: 'demo-reso',
        spec: { kind: 'odata', resource: 'Property', top: 30, count: false, fetchAll: false }
      })
    ])
    expect(await settle(h, rets.jobId)).toBe('done')
    expect(await settle(h, reso.jobId)).toBe('done')
    h.workbench.demo!.server.ctx.setFaults({ slowMs: 0 })
    await new Promise((r) => setTimeout(r, 20))
    const urlsOf = async (resultId: string): Promise<string[]> => {
      const ids = new Set((await h.call('results:summary', { resultId })).wireIds)
      return (await h.call('wire:list', {})).filter((e) => ids.has(e.id)).map((e) => e.url)
    }
    const retsUrls = await urlsOf(rets.resultId)
    const resoUrls = await urlsOf(reso.resultId)
    expect(retsUrls.length).toBeGreaterThan(0)
    expect(resoUrls.length).toBeGreaterThan(0)
    expect(retsUrls.every((u) => u.includes('/rets/'))).toBe(true)
    expect(resoUrls.every((u) => u.includes('/Reso/OData/'))).toBe(true)
  })
})
