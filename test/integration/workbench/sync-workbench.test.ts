// The sync channels through the whole workbench, as the renderer and the CLI call them: plan and run as jobs on
// the built-in Demo MLS profiles, the run logged in the profile's SQLite file, and read-only SQL on the copy into a
// result the grid pages.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLAN_KEYS_LISTED } from '../../../contract/sync-channels'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ listings: 300 })
})
afterAll(() => h.close())

describe('sync channels', () => {
  it('plans, runs, reports and queries a RETS class', async () => {
    const target = { resource: 'Property', class: 'A' }
    const plan = await h.call('sync:plan', { profileId: 'demo-rets', target })
    expect(await settle(h, plan.jobId)).toBe('done')
    const planned = await h.call('sync:report', { jobId: plan.jobId })
    expect(planned).toMatchObject({ action: 'plan', target: 'Property:A', storeCount: 0 })
    expect(planned!.counts.new).toBeGreaterThan(0)
    // fewer than the report lists: every new key is there
    expect(planned?.action === 'plan' && new Set(planned.sample.new).size).toBe(planned!.counts.new)

    const run = await h.call('sync:run', { profileId: 'demo-rets', target })
    expect(await settle(h, run.jobId)).toBe('done')
    const ran = await h.call('sync:report', { jobId: run.jobId })
    expect(ran).toMatchObject({ action: 'run', status: 'done', counts: { new: planned!.counts.new } })

    const status = await h.call('sync:status', { profileId: 'demo-rets' })
    expect(status.store.kind).toBe('sqlite')
    expect(existsSync(status.store.location)).toBe(true)
    expect(status.tables).toEqual([expect.objectContaining({ target: 'Property:A', table: 'Property_A' })])
    expect(status.runs[0]).toMatchObject({ status: 'done', target: 'Property:A' })

    const q = await h.call('sync:query', {
      profileId: 'demo-rets',
      sql: 'SELECT LIST_1, LIST_22 FROM Property_A WHERE _deleted_at IS NULL ORDER BY LIST_1'
    })
    expect(q).toMatchObject({ rows: planned!.counts.new, truncated: false })
    const summary = await h.call('results:summary', { resultId: q.resultId })
    expect(summary.columns.map((c) => c.name)).toEqual(['LIST_1', 'LIST_22'])
    const page = await h.call('results:page', { resultId: q.resultId, offset: 0, limit: 5 })
    expect(page).toMatchObject({ complete: true, total: planned!.counts.new })
    expect(page.rows[0]![1]).toMatch(/^\d+(\.\d+)?$/)

    const refused = await h.fail('sync:query', { profileId: 'demo-rets', sql: 'DELETE FROM Property_A' })
    expect(refused).toMatchObject({ code: 'SYNC_READ_ONLY', message: expect.stringMatching(/queries only/) })
    // bad SQL comes back as the database's own words, said to be about the query, with what the tab runs
    const typo = await h.fail('sync:query', { profileId: 'demo-rets', sql: 'SELEC * FROM Property_A' })
    expect(typo).toMatchObject({ code: 'SYNC_QUERY_FAILED', message: 'The query failed: near "SELEC": syntax error' })
    expect(typo.hint).toMatch(/SQLite SQL/)
    const unknown = await h.fail('sync:query', { profileId: 'demo-rets', sql: 'SELECT * FROM Nope' })
    expect(unknown.message).toBe('The query failed: no such table: Nope')
  })

  it('syncs a RESO entity too, and refuses a kind without the capability', async () => {
    // 300 new: the plan lists the first keys only, its count says how many there are
    const plan = await h.call('sync:plan', { profileId: 'demo-reso', target: { resource: 'Property' } })
    expect(await settle(h, plan.jobId)).toBe('done')
    const planned = await h.call('sync:report', { jobId: plan.jobId })
    expect(planned?.counts.new).toBe(300)
    expect(planned?.action === 'plan' && new Set(planned.sample.new).size).toBe(PLAN_KEYS_LISTED)
    const run = await h.call('sync:run', { profileId: 'demo-reso', target: { resource: 'Property' } })
    expect(await settle(h, run.jobId)).toBe('done')
    expect(await h.call('sync:report', { jobId: run.jobId })).toMatchObject({ status: 'done', counts: { new: 300 } })
    const err = await h.fail('sync:plan', { profileId: 'demo-activity', target: {} })
    expect(err.message).toMatch(/sync into a local database/)
  })

  it('photos follow the data: a run exports the photos of the listings it inserted or changed', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'mlswb-sync-photos-'))
    const target = { resource: 'Property', class: 'B' }
    const run = await h.call('sync:run', { profileId: 'demo-rets', target, photosTo: folder })
    expect(await settle(h, run.jobId)).toBe('done')
    const report = await h.call('sync:report', { jobId: run.jobId })
    expect(report?.action).toBe('run')
    if (report?.action !== 'run') return
    expect(report.counts.new).toBeGreaterThan(0)
    expect(await settle(h, report.photoJobId!)).toBe('done')
    // one folder per listing ({ListingKey}/{ObjectId}.{ext}): every class B (Land) listing that has photos
    const land = [...h.workbench.demo!.server.ctx.data.listings()].filter((l) => l.PropertyType === 'Land')
    expect(report.counts.new).toBe(land.length)
    const listingDirs = readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory())
    expect(listingDirs.map((d) => d.name).sort()).toEqual(
      land
        .filter((l) => l.Media.length > 0)
        .map((l) => l.ListingKey)
        .sort()
    )
    // nothing changed since: a second run has no photos to export
    const again = await h.call('sync:run', { profileId: 'demo-rets', target, photosTo: folder })
    expect(await settle(h, again.jobId)).toBe('done')
    expect(await h.call('sync:report', { jobId: again.jobId })).not.toHaveProperty('photoJobId')
  })
})
