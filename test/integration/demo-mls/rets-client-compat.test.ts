// Acceptance: a third-party RETS client (npm rets-client, built on `request` + digest auth) works against the Demo
// MLS end to end — login, metadata, paged search, photos — and the photo bytes are real JPEGs.
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import jpeg from 'jpeg-js'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'

// rets-client's package.json points `typings` at a file it does not ship, so type the slice we use here.
interface RetsObject {
  headerInfo: Record<string, string>
  data?: Buffer
  error?: Error
  type?: string
}
interface RetsClient {
  systemData: Record<string, string>
  metadata: {
    getResources(): Promise<{ results: Array<{ metadata: Array<Record<string, string>> }> }>
    getClass(resource: string): Promise<{ results: Array<{ metadata: Array<Record<string, string>> }> }>
    getTable(resource: string, cls: string): Promise<{ results: Array<{ metadata: Array<Record<string, string>> }> }>
    getLookupTypes(
      resource: string,
      lookup: string
    ): Promise<{ results: Array<{ metadata: Array<Record<string, string>> }> }>
  }
  search: {
    query(
      resource: string,
      cls: string,
      query: string,
      options: Record<string, unknown>
    ): Promise<{ results: Array<Record<string, string>>; count: number; maxRowsExceeded: boolean }>
  }
  objects: {
    getAllObjects(
      resource: string,
      type: string,
      ids: string,
      options?: Record<string, unknown>
    ): Promise<{ objects: RetsObject[] }>
  }
}
interface RetsClientModule {
  getAutoLogoutClient<T>(settings: Record<string, unknown>, fn: (client: RetsClient) => Promise<T>): Promise<T>
}
const rets = createRequire(import.meta.url)('rets-client') as RetsClientModule

let mls: DemoMls

beforeAll(async () => {
  mls = await startDemoMls({ listings: 600, maxRows: 50, requireUaAuth: true })
})
afterAll(async () => {
  await mls.close()
})

const settings = () => ({
  loginUrl: `${mls.url}/rets/Login`,
  username: 'demo',
  password: 'demo-pass',
  version: 'RETS/1.7.2',
  userAgent: 'MLSWorkbench/1.0',
  userAgentPassword: 'demo-ua-pass'
})

describe('rets-client against the Demo MLS', () => {
  it('logs in with digest + UA-auth and reads the capability URLs', async () => {
    const data = await rets.getAutoLogoutClient(settings(), async (client) => client.systemData)
    expect(data.Search).toBe('/rets/Search')
    expect(data['X-ApiAccessSettings']).toBe('/rets/API')
    expect(data.MetadataVersion).toBe('01.00.00001')
  })

  it('reads resources, classes, a table and a lookup', async () => {
    const out = await rets.getAutoLogoutClient(settings(), async (client) => ({
      resources: (await client.metadata.getResources()).results[0]?.metadata ?? [],
      classes: (await client.metadata.getClass('Property')).results[0]?.metadata ?? [],
      table: (await client.metadata.getTable('Property', 'A')).results[0]?.metadata ?? [],
      status: (await client.metadata.getLookupTypes('Property', 'StandardStatus')).results[0]?.metadata ?? []
    }))
    expect(out.resources.map((r) => r.ResourceID)).toEqual([
      'Property',
      'ActiveAgent',
      'Agent',
      'Office',
      'Media',
      'OpenHouse'
    ])
    expect(out.resources[0]?.KeyField).toBe('LIST_1')
    expect(out.classes.map((c) => c.ClassName)).toEqual(['A', 'B', 'C'])
    const status = out.table.find((f) => f.SystemName === 'LIST_15')
    expect(status).toMatchObject({
      StandardName: 'StandardStatus',
      LookupName: 'StandardStatus',
      Interpretation: 'Lookup'
    })
    expect(out.status.find((v) => v.LongValue === 'Active')?.Value).toBe('OV61GOJ13C0')
  })

  it('searches with paging: two pages of the cap, no overlap, count and MAXROWS', async () => {
    const [p1, p2] = await rets.getAutoLogoutClient(settings(), async (client) => {
      const q = '(LIST_15=|OV61GOJ13C0)'
      const opts = { select: 'LIST_1,LIST_15,LIST_22', count: 1, format: 'COMPACT-DECODED' }
      return [
        await client.search.query('Property', 'A', q, { ...opts, limit: 'NONE', offset: 1 }),
        await client.search.query('Property', 'A', q, { ...opts, limit: 'NONE', offset: 51 })
      ] as const
    })
    const expected = [...mls.ctx.data.listings()].filter(
      (l) => l.PropertyType === 'Residential' && l.StandardStatus === 'Active'
    )
    expect(p1.count).toBe(expected.length)
    expect(p1.results).toHaveLength(50)
    expect(p1.maxRowsExceeded).toBe(true)
    expect(p1.results[0]).toMatchObject({ LIST_1: expected[0]?.ListingKey, LIST_15: 'Active' })
    expect(p2.results[0]?.LIST_1).toBe(expected[50]?.ListingKey)
    const keys = new Set([...p1.results, ...p2.results].map((r) => r.LIST_1))
    expect(keys.size).toBe(Math.min(100, expected.length))
  })

  it('fetches all photos of a listing as decodable JPEGs', async () => {
    const listing = [...mls.ctx.data.listings()].find((l) => l.PhotosCount >= 3 && Number(l.ListingKey) % 500 !== 1)
    expect(listing).toBeDefined()
    const result = await rets.getAutoLogoutClient(settings(), (client) =>
      client.objects.getAllObjects('Property', 'Photo', listing?.ListingKey ?? '', { alwaysGroupObjects: true })
    )
    const photos = result.objects.filter((o) => o.data !== undefined)
    expect(photos).toHaveLength(listing?.PhotosCount ?? -1)
    for (const [i, o] of photos.entries()) {
      expect(o.headerInfo.contentId).toBe(listing?.ListingKey)
      expect(o.headerInfo.objectId).toBe(String(i + 1))
      const img = jpeg.decode(o.data as Buffer)
      expect([img.width, img.height]).toEqual([160, 120])
    }
  })
})
