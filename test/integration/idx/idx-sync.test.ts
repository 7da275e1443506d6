// The IDX sync client (IDX API documentation) against the Demo MLS over real HTTP: the master list in COMPACT (paged)
// and STANDARD-XML equals the server's active listings, a plan against the snapshot shows exactly what an admin
// mutation changed, apply fetches those records by ID and writes the snapshot, and LastUpdated-since returns the
// changed records.
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'
import { IdxSync } from '../../../src-main/features/idx/idx-sync'
import { IdxSnapshotStore } from '../../../src-main/features/idx/sync-snapshot'
import { normalizeIdxTimestamp } from '../../../src-main/features/idx/idx-timestamps'
import { collectObjects, getObjects } from '../../../src-main/protocols/rets/objects/get-object'
import { CollectingResultWriter } from '../../support/collecting-result-writer'

// the statuses the Demo MLS IDX feed carries (a listing that closes leaves the master list)
const IN_FEED = new Set(['Active', 'ActiveUnderContract', 'Pending'])

let demo: DemoMls
let http: HttpClient
let sync: IdxSync
let snapshots: IdxSnapshotStore

function activeKeys(): string[] {
  return [...demo.ctx.data.listings()].filter((l) => IN_FEED.has(l.StandardStatus)).map((l) => l.ListingKey)
}

async function admin(method: string, pathname: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${demo.url}${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {})
  })
  expect(res.status).toBeLessThan(300)
  return (await res.json()) as Record<string, unknown>
}

beforeAll(async () => {
  demo = await startDemoMls({ port: 0, listings: 260 })
  http = new HttpClient()
  const rets = new RetsSession(
    {
      loginUrl: `${demo.url}/idx/Login.svc/Login`,
      username: 'demo',
      password: 'demo-pass',
      userAgent: 'MLSWorkbench/1.0',
      retsVersion: '1.7.2'
    },
    http
  )
  sync = new IdxSync(rets, { profileId: 'idx-test', pageSize: 100 })
  snapshots = new IdxSnapshotStore(mkdtempSync(path.join(os.tmpdir(), 'mlswb-idx-snap-')))
})

afterAll(async () => {
  await sync.session.logout().catch(() => undefined)
  http.close()
  await demo.close()
})

describe('IDX sync against the Demo MLS', () => {
  it('reads the master list in COMPACT pages and in one STANDARD-XML reply, both equal to the active listings', async () => {
    const expected = activeKeys()
    expect(expected.length).toBeGreaterThan(100) // so COMPACT needs more than one 100-record page
    const compact = await sync.masterList('Property')
    expect(compact.pages).toBe(Math.ceil(expected.length / 100))
    expect(compact.serverCount).toBe(expected.length)
    expect(compact.entries.map((e) => e.id).sort()).toEqual([...expected].sort())

    const xml = await sync.masterList('Property', { masterFormat: 'STANDARD-XML' })
    expect(xml.pages).toBe(1)
    expect(xml.entries.map((e) => e.id).sort()).toEqual([...expected].sort())
    // the same instant in two shapes: "24/09/2026 10:05:23 AM" and RFC 1123
    const byId = new Map(xml.entries.map((e) => [e.id, normalizeIdxTimestamp(e.lastUpdated)]))
    for (const e of compact.entries) {
      const stamp = normalizeIdxTimestamp(e.lastUpdated)
      expect(stamp).toBe(demo.ctx.data.get(e.id)!.ModificationTimestamp)
      expect(byId.get(e.id)).toBe(stamp)
    }
  })

  it('plans everything as new, applies, then plans everything as unchanged', async () => {
    const active = activeKeys().length
    const first = await sync.run('Property', 'plan', snapshots, undefined)
    expect(first.masterCount).toBe(active)
    expect(first.snapshotCount).toBe(0)
    expect(first.plan.new.count).toBe(active)
    expect(first.plan.updated.count + first.plan.deleted.count + first.plan.unchanged.count).toBe(0)

    const rows = new CollectingResultWriter()
    const applied = await sync.run('Property', 'apply', snapshots, rows)
    expect(applied.fetched).toBe(active)
    expect(applied.missing).toEqual([])
    expect(applied.snapshotCountAfter).toBe(active)
    expect(rows.rows).toHaveLength(active)
    expect(new Set(rows.column('ID'))).toEqual(new Set(activeKeys()))

    const file = JSON.parse(readFileSync(snapshots.file('idx-test'), 'utf8')) as {
      searchTypes: { Property: { count: number; records: Record<string, string> } }
    }
    expect(file.searchTypes.Property.count).toBe(active)
    const someKey = activeKeys()[0]!
    expect(file.searchTypes.Property.records[someKey]).toBe(demo.ctx.data.get(someKey)!.ModificationTimestamp)

    const again = await sync.run('Property', 'plan', snapshots, undefined)
    expect(again.plan.unchanged.count).toBe(active)
    expect(again.plan.new.count + again.plan.updated.count + again.plan.deleted.count).toBe(0)
  })

  it('shows exactly the listings an admin changed as updated, new and deleted, and apply fetches them', async () => {
    const [toUpdate, toDelete, toClose] = activeKeys()
    const since = new Date(Date.now() - 1000)
    await admin('PATCH', `/admin/listings/${toUpdate}`, { ListPrice: 123_456 })
    const added = await admin('POST', '/admin/listings', { ListingKey: 'IDX-NEW-1', StandardStatus: 'Active' })
    await admin('DELETE', `/admin/listings/${toDelete}`)
    // a listing that closes leaves the IDX feed as well
    await admin('PATCH', `/admin/listings/${toClose}`, { StandardStatus: 'Closed' })

    const plan = await sync.run('Property', 'plan', snapshots, undefined)
    expect(plan.plan.updated.ids).toEqual([toUpdate])
    expect(plan.plan.new.ids).toEqual([added.ListingKey])
    expect([...plan.plan.deleted.ids].sort()).toEqual([toDelete, toClose].sort())
    expect(plan.plan.unchanged.count).toBe(activeKeys().length - 2)

    const rows = new CollectingResultWriter()
    const applied = await sync.run('Property', 'apply', snapshots, rows)
    expect(applied.fetched).toBe(2)
    expect(rows.column('ID').sort()).toEqual([toUpdate, 'IDX-NEW-1'].sort())
    expect(rows.rows[rows.column('ID').indexOf(toUpdate!)]![rows.columns.findIndex((c) => c.name === 'Price')]).toBe(
      '123456'
    )
    expect(applied.snapshotCountAfter).toBe(activeKeys().length)

    const after = await sync.run('Property', 'plan', snapshots, undefined)
    expect(after.plan.unchanged.count).toBe(activeKeys().length)
    expect(after.plan.new.count + after.plan.updated.count + after.plan.deleted.count).toBe(0)

    // step 1 of the seed: records updated since a moment are the changed ones still in the feed
    const changed = new CollectingResultWriter()
    const summary = await sync.updatedSince('Property', since, changed)
    expect(changed.column('ID').sort()).toEqual([toUpdate, 'IDX-NEW-1'].sort())
    expect(summary.totalRecords).toBe(2)
  })

  it('fetches records by ID in batches, with the right values, and reports ids the server lacks', async () => {
    const keys = activeKeys().slice(5, 10)
    const rows = new CollectingResultWriter()
    const result = await sync.fetchByIds('Property', [...keys, 'NO-SUCH-KEY'], rows, { batchSize: 2 })
    expect(result.requests).toBe(3)
    expect(result.rows).toBe(5)
    expect([...result.returned].sort()).toEqual([...keys].sort())
    for (const key of keys) {
      const listing = demo.ctx.data.get(key)!
      const row = rows.rows[rows.column('ID').indexOf(key)]!
      const value = (name: string): string => row[rows.columns.findIndex((c) => c.name === name)] ?? ''
      expect(value('ListingID')).toBe(listing.ListingId)
      expect(value('Price')).toBe(String(listing.ListPrice))
      expect(value('Address.City')).toBe(listing.City)
      expect(normalizeIdxTimestamp(value('LastUpdated'))).toBe(listing.ModificationTimestamp)
    }
  })

  it('reads photos through the RETS GetObject the IDX login advertises (same session)', async () => {
    const listing = [...demo.ctx.data.listings()].find((l) => IN_FEED.has(l.StandardStatus) && l.PhotosCount > 1)!
    const photos = collectObjects()
    const summary = await getObjects(
      sync.session,
      { resource: 'Property', type: 'Photo', ids: [{ key: listing.ListingKey, objects: ['*'] }] },
      photos.sink
    )
    expect(summary).toMatchObject({ parts: listing.PhotosCount, errors: 0, missing: 0 })
    expect(photos.parts[0]!.data.subarray(0, 2).toString('hex')).toBe('ffd8') // JPEG
  })

  it('syncs Agent records, whose details carry ID and LastUpdated as attributes', async () => {
    const agents = demo.ctx.data.agents().filter((m) => m.MemberStatus === 'Active')
    const rows = new CollectingResultWriter()
    const report = await sync.run('Agent', 'apply', snapshots, rows)
    expect(report.masterCount).toBe(agents.length)
    expect(report.fetched).toBe(agents.length)
    expect(new Set(rows.column('ID'))).toEqual(new Set(agents.map((a) => a.MemberKey)))
  })
})
