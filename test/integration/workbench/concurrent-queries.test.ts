// Queries running at once, on two connections or on the same one: each result's raw view lists its own requests
// only (wire entries carry the id of the job that made them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QuerySpec } from '../../../contract/query-channels'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

const dmql = (cls: string, limit: number): QuerySpec => ({
  kind: 'dmql',
  resource: 'Property',
  class: cls,
  query: '(LIST_22=0+)',
  format: 'COMPACT',
  limit,
  count: 0,
  standardNames: false,
  fetchAll: false
})

async function urlsOf(resultId: string): Promise<string[]> {
  const ids = new Set((await h.call('results:summary', { resultId })).wireIds)
  return (await h.call('wire:list', {})).filter((e) => ids.has(e.id)).map((e) => decodeURIComponent(e.url))
}

/** Starts the queries together on a slowed server (so they overlap) and waits for all of them. */
async function runTogether(runs: Array<{ profileId: string; spec: QuerySpec }>) {
  h.workbench.demo!.server.ctx.setFaults({ slowMs: 30 })
  try {
    const started = await Promise.all(runs.map((r) => h.call('query:run', r)))
    for (const s of started) expect(await settle(h, s.jobId)).toBe('done')
    return started
  } finally {
    h.workbench.demo!.server.ctx.setFaults({ slowMs: 0 })
  }
}

describe('wire entries per query', () => {
  it('keeps a RETS and a RESO query that overlap apart', async () => {
    await h.call('session:connect', { profileId: 'demo-rets' })
    await h.call('session:connect', { profileId: 'demo-reso' })
    const [rets, reso] = await runTogether([
      { profileId: 'demo-rets', spec: dmql('A', 50) },
      { profileId: 'demo-reso', spec: { kind: 'odata', resource: 'Property', top: 30, count: false, fetchAll: false } }
    ])
    const retsUrls = await urlsOf(rets!.resultId)
    const resoUrls = await urlsOf(reso!.resultId)
    expect(retsUrls.length).toBeGreaterThan(0)
    expect(resoUrls.length).toBeGreaterThan(0)
    expect(retsUrls.every((u) => u.includes('/rets/'))).toBe(true)
    expect(resoUrls.every((u) => u.includes('/Reso/OData/'))).toBe(true)
  })

  it('keeps two queries on the same connection apart, RETS and RESO alike', async () => {
    await h.call('session:connect', { profileId: 'demo-rets' })
    await h.call('session:connect', { profileId: 'demo-reso' })
    const odata = (filter: string): QuerySpec => ({
      kind: 'odata',
      resource: 'Property',
      filter,
      top: 20,
      count: false,
      fetchAll: false
    })
    const [a, b, c, d] = await runTogether([
      { profileId: 'demo-rets', spec: dmql('A', 40) },
      { profileId: 'demo-rets', spec: dmql('B', 40) },
      { profileId: 'demo-reso', spec: odata('ListPrice gt 100000') },
      { profileId: 'demo-reso', spec: odata('ListPrice lt 900000') }
    ])
    const [urlsA = [], urlsB = [], urlsC = [], urlsD = []] = await Promise.all(
      [a, b, c, d].map((r) => urlsOf(r!.resultId))
    )
    expect(urlsA.length).toBeGreaterThan(0)
    expect(urlsA.every((u) => u.includes('Class=A'))).toBe(true)
    expect(urlsB.length).toBeGreaterThan(0)
    expect(urlsB.every((u) => u.includes('Class=B'))).toBe(true)
    expect(urlsC.length).toBeGreaterThan(0)
    expect(urlsC.every((u) => u.includes('gt 100000'))).toBe(true)
    expect(urlsD.length).toBeGreaterThan(0)
    expect(urlsD.every((u) => u.includes('lt 900000'))).toBe(true)
  })
})
