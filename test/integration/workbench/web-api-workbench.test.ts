// RESO Web API and Spark through the whole workbench: the channels the renderer calls, the in-process Demo MLS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('workbench over RESO Web API (Demo MLS)', () => {
  it('connects with OAuth client credentials and reads $metadata into the tree', async () => {
    const info = await h.call('session:connect', { profileId: 'demo-reso' })
    expect(info.kind).toBe('reso')
    expect(Number(info.capabilities['Entity sets'])).toBeGreaterThanOrEqual(5)
    const summary = await h.call('metadata:summary', { profileId: 'demo-reso' })
    expect(summary.source).toBe('reso')
    expect(summary.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining(['Property', 'Member', 'Office', 'Media'])
    )
    const fields = await h.call('metadata:fields', { profileId: 'demo-reso', resource: 'Property', class: 'Property' })
    const status = fields.find((f) => f.systemName === 'StandardStatus')
    expect(status?.lookupName).toBeTruthy()
    const values = await h.call('metadata:lookup', {
      profileId: 'demo-reso',
      resource: 'Property',
      lookup: status!.lookupName!
    })
    expect(values.map((v) => v.value)).toContain('Active')
  })

  it('runs an OData query with $expand=Media across pages into the result store', async () => {
    const { jobId, resultId } = await h.call('query:run', {
      profileId: 'demo-reso',
      spec: {
        kind: 'odata',
        resource: 'Property',
        filter: "StandardStatus eq 'Active'",
        select: ['ListingKey', 'ListPrice'],
        expand: 'Media',
        top: 120,
        count: true,
        fetchAll: true
      }
    })
    expect(await settle(h, jobId)).toBe('done')
    const summary = await h.call('results:summary', { resultId })
    expect(summary.total).toBe(Math.min(120, summary.serverCount ?? 0))
    expect(summary.columns.map((c) => c.name)).toEqual(['ListingKey', 'ListPrice', 'Media'])
    const page = await h.call('results:page', { resultId, offset: 0, limit: 3 })
    expect(page.rows[0]![2]).toContain('MediaURL')
    const wire = await h.call('wire:list', {})
    expect(wire.some((w) => w.url.includes('/Reso/OData/Property'))).toBe(true)
    // tokens (Bearer) and client credentials (Basic) travel in Authorization, which the wire log redacts
    const auth = wire.map((w) => w.requestHeaders.authorization).filter(Boolean)
    expect(auth).toContain('Bearer [redacted]')
    for (const a of auth) expect(a).toMatch(/^(Bearer|Basic) \[redacted\]$/)
  })

  it('shows the OData error for a bad $filter', async () => {
    const { jobId } = await h.call('query:run', {
      profileId: 'demo-reso',
      spec: { kind: 'odata', resource: 'Property', filter: 'ListPrice eq', count: false, fetchAll: false }
    })
    expect(await settle(h, jobId)).toBe('failed')
    const job = h.workbench.jobs.list().find((j) => j.jobId === jobId)
    expect(job?.error?.message).toBeTruthy()
    expect(job?.error?.code).toMatch(/ODATA/)
  })
})

describe('workbench over the Spark API (Demo MLS)', () => {
  it('connects, lists standard fields and runs a SparkQL query with paging', async () => {
    const info = await h.call('session:connect', { profileId: 'demo-spark' })
    expect(info.kind).toBe('spark')
    const summary = await h.call('metadata:summary', { profileId: 'demo-spark' })
    expect(summary.source).toBe('spark')
    const { jobId, resultId } = await h.call('query:run', {
      profileId: 'demo-spark',
      spec: {
        kind: 'spark',
        filter: "PropertyType Eq 'RES'",
        select: ['ListingKey', 'ListPrice', 'City'],
        fetchAll: true,
        maxRows: 60
      }
    })
    expect(await settle(h, jobId)).toBe('done')
    const result = await h.call('results:summary', { resultId })
    expect(result.total).toBe(60)
    expect(result.pages).toBeGreaterThanOrEqual(3) // _limit is at most 25
    const page = await h.call('results:page', { resultId, offset: 0, limit: 2 })
    expect(page.rows[0]).toHaveLength(3)
  })
})
