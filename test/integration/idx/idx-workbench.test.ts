// The built-in "Demo MLS (IDX API)" profile through the handler table (as IPC and web mode call it): connect,
// RETS metadata of the IDX login, DMQL queries on the IDX search, and sync:plan / sync:run on a SearchType as jobs
// whose reports and SQLite copy under the user-data folder are what the Demo MLS serves.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

const IN_FEED = new Set(['Active', 'ActiveUnderContract', 'Pending'])
let h: Harness

function activeKeys(): string[] {
  return [...h.workbench.demo!.server.ctx.data.listings()]
    .filter((l) => IN_FEED.has(l.StandardStatus))
    .map((l) => l.ListingKey)
}

beforeAll(async () => {
  h = await startHarness({ listings: 150 })
})
afterAll(async () => {
  await h.close()
})

describe('IDX profiles in the workbench', () => {
  it('connects, loads the RETS metadata of the IDX login and runs IDX queries', async () => {
    const info = await h.call('session:connect', { profileId: 'demo-idx' })
    expect(info.kind).toBe('idx')
    expect(info.capabilities.Search).toMatch(/\/idx\/Search\.svc\/Search$/)
    const meta = await h.call('metadata:summary', { profileId: 'demo-idx' })
    expect(meta.resources.map((r) => r.name)).toContain('Property')
    // photo export reads objects through the RETS GetObject of the same session
    expect(h.workbench.sessions.capability('demo-idx', 'photos').open({}).kind).toBe('rets')

    const keys = activeKeys().slice(0, 3)
    const { jobId, resultId } = await h.call('query:run', {
      profileId: 'demo-idx',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'A',
        query: `(ID=${keys.join(',')})`,
        format: 'STANDARD-XML',
        count: 1,
        standardNames: false,
        fetchAll: true
      }
    })
    expect(await settle(h, jobId)).toBe('done')
    const summary = await h.call('results:summary', { resultId })
    expect(summary.total).toBe(3)
    expect(summary.serverCount).toBe(3)
    const idColumn = summary.columns.findIndex((c) => c.name === 'ID')
    const page = await h.call('results:page', { resultId, offset: 0, limit: 10 })
    expect(page.rows.map((r) => r[idColumn]).sort()).toEqual([...keys].sort())

    const master = await h.call('query:run', {
      profileId: 'demo-idx',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'A',
        query: '(ID=*)',
        format: 'COMPACT',
        count: 1,
        standardNames: false,
        fetchAll: true
      }
    })
    expect(await settle(h, master.jobId)).toBe('done')
    const masterSummary = await h.call('results:summary', { resultId: master.resultId })
    expect(masterSummary.columns.map((c) => c.name)).toEqual(['ListingKey', 'ModificationTimestamp'])
    expect(masterSummary.total).toBe(activeKeys().length)
  })

  it('plans and runs sync:* on an IDX SearchType into the profile’s SQLite copy under the user-data folder', async () => {
    const active = activeKeys()
    const plan = await h.call('sync:plan', { profileId: 'demo-idx', target: { resource: 'Property' } })
    expect(await settle(h, plan.jobId)).toBe('done')
    const planned = await h.call('sync:report', { jobId: plan.jobId })
    expect(planned).toMatchObject({ action: 'plan', target: 'Property', masterCount: active.length, storeCount: 0 })
    expect(planned?.counts.new).toBe(active.length)

    const run = await h.call('sync:run', { profileId: 'demo-idx', target: { resource: 'Property' } })
    expect(await settle(h, run.jobId)).toBe('done')
    const report = await h.call('sync:report', { jobId: run.jobId })
    expect(report).toMatchObject({ action: 'run', status: 'done', counts: { new: active.length } })
    const status = await h.call('sync:status', { profileId: 'demo-idx' })
    expect(status.store.location).toBe(path.join(h.userDataDir, 'sync', 'demo-idx.sqlite'))
    expect(existsSync(status.store.location)).toBe(true)
    expect(status.tables).toEqual([expect.objectContaining({ target: 'Property', table: 'Property' })])
    const rows = await h.call('sync:query', {
      profileId: 'demo-idx',
      sql: 'SELECT "ID" FROM "Property" WHERE _deleted_at IS NULL'
    })
    expect(rows.rows).toBe(active.length)

    h.workbench.demo!.server.ctx.data.update(active[0]!, { ListPrice: 99_999 })
    const next = await h.call('sync:plan', { profileId: 'demo-idx', target: { resource: 'Property' } })
    expect(await settle(h, next.jobId)).toBe('done')
    const nextReport = await h.call('sync:report', { jobId: next.jobId })
    expect(nextReport?.action === 'plan' && nextReport.sample.updated).toEqual([active[0]])
    expect(nextReport?.counts.unchanged).toBe(active.length - 1)
  })

  it('exports the photos of IDX listings through the GetObject of the IDX login', async () => {
    await h.call('session:connect', { profileId: 'demo-idx' })
    const options = await h.call('photos:options', { profileId: 'demo-idx' })
    expect(options.kind).toBe('rets')
    expect(options.types.map((t) => t.value)).toContain('Photo')
    const listing = [...h.workbench.demo!.server.ctx.data.listings()].find(
      (l) => IN_FEED.has(l.StandardStatus) && l.PhotosCount > 0
    )!
    const destination = mkdtempSync(path.join(os.tmpdir(), 'mlswb-idx-photos-'))
    const { jobId } = await h.call('photos:export', {
      profileId: 'demo-idx',
      request: { destination, listingKeys: [listing.ListingKey], types: ['Photo'], objectIds: [1] }
    })
    expect(await settle(h, jobId)).toBe('done')
    const summary = (await h.call('photos:summary', { jobId }))!
    expect(summary.written).toBe(1)
    expect(readFileSync(path.join(destination, summary.firstFiles[0]!))).toEqual(
      h.workbench.demo!.server.ctx.data.photo(listing.ListingKey, 1, 'Photo')
    )
  })

  it('refuses sync:* on a profile whose kind cannot sync', async () => {
    const error = await h.fail('sync:plan', { profileId: 'demo-activity', target: {} })
    expect(error).toMatchObject({
      code: 'CAPABILITY_MISSING',
      message: 'A Listing Activity connection cannot sync into a local database.'
    })
    expect(error.hint).toContain('IDX API')
  })
})
