// The IDX API as a sync source against the Demo MLS over real HTTP, for what the shared sync scenario
// (sync/sync-protocols.test.ts) does not look at: the master list in COMPACT pages and in one STANDARD-XML reply
// equal to the active listings, the same instant in both shapes; records by ID in batches with the right values;
// a listing that closes leaves the feed (planned as deleted); Agent details carry ID and LastUpdated as attributes;
// photos through the GetObject the IDX login advertises.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'
import { collectObjects, getObjects } from '../../../src-main/protocols/rets/objects/get-object'
import { fetchMasterList } from '../../../src-main/features/idx/master-list'
import { normalizeIdxTimestamp } from '../../../src-main/features/idx/idx-timestamps'
import { IdxSource } from '../../../src-main/features/sync/idx-source'
import { SqliteStore } from '../../../src-main/features/sync/sqlite-store'
import { planTarget, runTarget } from '../../../src-main/features/sync/sync-engine'

// the statuses the Demo MLS IDX feed carries (a listing that closes leaves the master list)
const IN_FEED = new Set(['Active', 'ActiveUnderContract', 'Pending'])

let demo: DemoMls
let http: HttpClient
let session: RetsSession

function activeKeys(): string[] {
  return [...demo.ctx.data.listings()].filter((l) => IN_FEED.has(l.StandardStatus)).map((l) => l.ListingKey)
}

beforeAll(async () => {
  demo = await startDemoMls({ port: 0, listings: 260 })
  http = new HttpClient()
  session = new RetsSession(
    {
      loginUrl: `${demo.url}/idx/Login.svc/Login`,
      username: 'demo',
      password: 'demo-pass',
      userAgent: 'MLSWorkbench/1.0',
      retsVersion: '1.7.2'
    },
    http
  )
})

afterAll(async () => {
  await session.logout().catch(() => undefined)
  http.close()
  await demo.close()
})

describe('IdxSource against the Demo MLS', () => {
  it('reads the master list in COMPACT pages and in one STANDARD-XML reply, both equal to the active listings', async () => {
    const expected = activeKeys()
    expect(expected.length).toBeGreaterThan(100) // so COMPACT needs more than one 100-record page
    const compact = await fetchMasterList(session, 'Property', { pageSize: 100 })
    expect(compact.pages).toBe(Math.ceil(expected.length / 100))
    expect(compact.serverCount).toBe(expected.length)
    expect(compact.entries.map((e) => e.id).sort()).toEqual([...expected].sort())
    const source = await new IdxSource(session, { searchType: 'Property' }).masterList()
    expect(source).toEqual(compact.entries)

    const xml = await fetchMasterList(session, 'Property', { pageSize: 100, format: 'STANDARD-XML' })
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

  it('fetches records by ID in batches of at most 100, with the right values; unknown ids are not returned', async () => {
    const source = new IdxSource(session, { searchType: 'Property', pageSize: 2 })
    expect(source.keyBatch).toBe(2)
    expect(new IdxSource(session, { searchType: 'Property', pageSize: 500 }).keyBatch).toBe(100)
    const keys = activeKeys().slice(5, 10)
    const records = await source.fetchByKeys([...keys, 'NO-SUCH-KEY', 'A,B'])
    expect(records.map((r) => r.key).sort()).toEqual([...keys].sort())
    for (const record of records) {
      const listing = demo.ctx.data.get(record.key)!
      expect(record.stamp).toBe(listing.ModificationTimestamp)
      expect(record.values).toMatchObject({
        ID: listing.ListingKey,
        ListingID: listing.ListingId,
        Price: String(listing.ListPrice),
        'Address.City': listing.City
      })
    }
  })

  it('syncs into a store; a listing that closes leaves the feed and is planned as deleted', async () => {
    const store = new SqliteStore(':memory:')
    const source = new IdxSource(session, { searchType: 'Property' })
    const report = await runTarget(source, store)
    expect(report.counts.new).toBe(activeKeys().length)
    const [toClose] = activeKeys()
    demo.ctx.data.update(toClose!, { StandardStatus: 'Closed' })
    const plan = await planTarget(source, store)
    expect(plan.plan.deleted).toEqual([toClose])
    expect(plan.plan.new.length + plan.plan.updated.length).toBe(0)
    // the typed columns follow the documented details: a number is a number, the raw JSON keeps the text sent
    const row = await store.query(`SELECT "Price", "Building.BedroomsTotal", _raw FROM "Property" LIMIT 1`, 1)
    const [price, beds, raw] = row.rows[0]!
    expect(typeof price).toBe('number')
    expect(typeof beds).toBe('number')
    expect((JSON.parse(String(raw)) as Record<string, string>).Price).toBe(String(price))
    await store.close()
  })

  it('syncs Agent records, whose details carry ID and LastUpdated as attributes', async () => {
    const agents = demo.ctx.data.agents().filter((m) => m.MemberStatus === 'Active')
    const store = new SqliteStore(':memory:')
    const source = new IdxSource(session, { searchType: 'Agent' })
    expect((await source.shape()).fields.map((f) => f.systemName)).toContain('Office.ID')
    const report = await runTarget(source, store)
    expect(report.counts.new).toBe(agents.length)
    const rows = await store.query('SELECT "ID", _stamp FROM "Agent"', 1e6)
    expect(new Set(rows.rows.map((r) => r[0]))).toEqual(new Set(agents.map((a) => a.MemberKey)))
    const byKey = new Map(agents.map((a) => [a.MemberKey, a.ModificationTimestamp.replace(/\.\d{3}Z$/, 'Z')]))
    for (const [key, stamp] of rows.rows) expect(stamp).toBe(byKey.get(String(key)))
    await store.close()
  })

  it('reads photos through the RETS GetObject the IDX login advertises (same session)', async () => {
    const allPhotos = (key: string, count: number): boolean =>
      Array.from({ length: count }, (_, i) => i + 1).every((n) => demo.ctx.data.hasPhoto(key, n))
    const listing = [...demo.ctx.data.listings()].find(
      (l) => IN_FEED.has(l.StandardStatus) && l.PhotosCount > 1 && allPhotos(l.ListingKey, l.PhotosCount)
    )!
    const photos = collectObjects()
    const summary = await getObjects(
      session,
      { resource: 'Property', type: 'Photo', ids: [{ key: listing.ListingKey, objects: ['*'] }] },
      photos.sink
    )
    expect(summary).toMatchObject({ parts: listing.PhotosCount, errors: 0, missing: 0 })
    expect(photos.parts[0]!.data.subarray(0, 2).toString('hex')).toBe('ffd8') // JPEG
  })
})
