// The built-in "Demo MLS (IDX API)" profile through the handler table (as IPC and web mode call it): connect,
// RETS metadata of the IDX login, DMQL queries on the IDX search, and idx:sync as a job whose report, fetched rows
// and snapshot file under the user-data folder are what the Demo MLS serves.
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

  it('runs idx:sync plan and apply as jobs and keeps the snapshot under the user-data folder', async () => {
    const active = activeKeys()
    const plan = await h.call('idx:sync', { profileId: 'demo-idx', searchType: 'Property', action: 'plan' })
    expect(plan.resultId).toBeUndefined()
    expect(await settle(h, plan.jobId)).toBe('done')
    const planned = await h.call('idx:syncReport', { jobId: plan.jobId })
    expect(planned?.masterCount).toBe(active.length)
    expect(planned?.plan.new.count).toBe(active.length)
    expect(planned?.plan.new.ids.sort()).toEqual([...active].sort())

    const apply = await h.call('idx:sync', {
      profileId: 'demo-idx',
      searchType: 'Property',
      action: 'apply',
      batchSize: 40
    })
    expect(await settle(h, apply.jobId)).toBe('done')
    const report = await h.call('idx:syncReport', { jobId: apply.jobId })
    expect(report?.fetched).toBe(active.length)
    expect(report?.resultId).toBe(apply.resultId)
    const rows = await h.call('results:summary', { resultId: apply.resultId! })
    expect(rows.total).toBe(active.length)

    const file = path.join(h.userDataDir, 'idx-snapshots', 'demo-idx.json')
    expect(report?.snapshotFile).toBe(file)
    expect(existsSync(file)).toBe(true)
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { searchTypes: Record<string, { count: number }> }
    expect(snapshot.searchTypes.Property?.count).toBe(active.length)

    h.workbench.demo!.server.ctx.data.update(active[0]!, { ListPrice: 99_999 })
    const next = await h.call('idx:sync', {
      profileId: 'demo-idx',
      searchType: 'Property',
      action: 'plan',
      masterFormat: 'STANDARD-XML'
    })
    expect(await settle(h, next.jobId)).toBe('done')
    const nextReport = await h.call('idx:syncReport', { jobId: next.jobId })
    expect(nextReport?.plan.updated.ids).toEqual([active[0]])
    expect(nextReport?.plan.unchanged.count).toBe(active.length - 1)
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

  it('refuses idx:sync on a profile of another kind', async () => {
    await h.call('session:connect', { profileId: 'demo-rets' })
    const error = await h.fail('idx:sync', { profileId: 'demo-rets', searchType: 'Property', action: 'plan' })
    expect(error).toMatchObject({
      code: 'CAPABILITY_MISSING',
      message: 'A RETS connection cannot run an IDX sync.',
      hint: 'Use a profile of kind IDX API for that.'
    })
  })
})
