// Acceptance: a third-party RETS client (npm rets-client, built on `request` + digest auth) works against the Demo
// MLS through every RETS transaction — Login, GetMetadata of each type (COMPACT and STANDARD-XML), Search in every
// format with paging and each Count mode, GetObject in every mode, Logout — and the photo bytes are real JPEGs.
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import jpeg from 'jpeg-js'
import { XMLParser } from 'fast-xml-parser'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'

// rets-client's package.json points `typings` at a file it does not ship, so type the slice we use here.
interface RetsObject {
  headerInfo: Record<string, string>
  data?: Buffer
  error?: Error
  type?: string
}
type MetadataResult = Promise<{
  results: Array<{ info: Record<string, string>; metadata: Array<Record<string, string>> }>
}>
interface RetsClient {
  systemData: Record<string, string>
  logoutHeaderInfo?: Record<string, string>
  login(): Promise<unknown>
  logout(): Promise<unknown>
  metadata: {
    getSystem(): Promise<{ systemId: string; metadataVersion: string; comments?: string[] }>
    getResources(): MetadataResult
    getClass(resource: string): MetadataResult
    getTable(resource: string, cls: string): MetadataResult
    getLookups(resource: string): MetadataResult
    getLookupTypes(resource: string, lookup: string): MetadataResult
    getObject(resource: string): MetadataResult
    getForeignKeys(id: string): MetadataResult
    getMetadata(type: string, id: string, format?: string): Promise<{ body: string }>
  }
  search: {
    query(
      resource: string,
      cls: string,
      query: string,
      options: Record<string, unknown>
    ): Promise<{ results: Array<Record<string, string>>; count: number; maxRowsExceeded: boolean }>
    searchRets(options: Record<string, unknown>): Promise<{ text: string }>
  }
  objects: {
    getAllObjects(
      resource: string,
      type: string,
      ids: string,
      options?: Record<string, unknown>
    ): Promise<{ objects: RetsObject[] }>
    getObjects(
      resource: string,
      type: string,
      ids: string | Record<string, number[]>,
      options?: Record<string, unknown>
    ): Promise<{ objects?: RetsObject[]; headerInfo: Record<string, string>; data?: Buffer }>
    getPreferredObjects(
      resource: string,
      type: string,
      ids: string[],
      options?: Record<string, unknown>
    ): Promise<{ objects?: RetsObject[]; headerInfo: Record<string, string>; data?: Buffer }>
  }
}
interface RetsClientModule {
  Client: new (settings: Record<string, unknown>) => RetsClient
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
  it('GetMetadata of every type, in COMPACT and STANDARD-XML', async () => {
    const out = await rets.getAutoLogoutClient(settings(), async (client) => ({
      system: await client.metadata.getSystem(),
      lookups: (await client.metadata.getLookups('Property')).results[0]?.metadata ?? [],
      objects: (await client.metadata.getObject('Property')).results[0]?.metadata ?? [],
      foreignKeys: (await client.metadata.getForeignKeys('0')).results[0]?.metadata ?? [],
      memberTable: (await client.metadata.getTable('Agent', 'Agent')).results[0]?.metadata ?? [],
      standardXml: (await client.metadata.getMetadata('METADATA-TABLE', 'Property:A', 'STANDARD-XML')).body,
      dump: (await client.metadata.getMetadata('METADATA-SYSTEM', '*', 'STANDARD-XML')).body
    }))
    expect(out.system).toMatchObject({ systemId: 'DEMOMLS', metadataVersion: '01.00.00001' })
    expect(out.lookups.map((l) => l.LookupName)).toEqual(mls.ctx.data.lookups('Property').map((l) => l.name))
    expect(out.objects.map((o) => o.ObjectType)).toEqual(['Photo', 'HiRes'])
    expect(out.foreignKeys.some((k) => k.ChildResourceID === 'Media' && k.ParentSystemName === 'LIST_1')).toBe(true)
    expect(out.memberTable.map((f) => f.StandardName)).toEqual(mls.ctx.data.fields('Member').map((f) => f.standardName))
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' })
    const table = parser.parse(out.standardXml) as {
      RETS: { METADATA: { 'METADATA-TABLE': { Field: Array<Record<string, unknown>> } } }
    }
    const living = table.RETS.METADATA['METADATA-TABLE'].Field.find((f) => f.SystemName === 'LIST_48')
    expect(living).toMatchObject({ StandardName: 'LivingArea', DataType: 'Decimal', Precision: 2 })
    for (const type of ['SYSTEM', 'RESOURCE', 'CLASS', 'TABLE', 'LOOKUP', 'LOOKUP_TYPE', 'OBJECT', 'FOREIGNKEYS'])
      expect(out.dump).toContain(`<METADATA-${type} `)
  })

  it('Search in COMPACT, COMPACT-DECODED and STANDARD-XML gives the same records; Count=0, 1 and 2', async () => {
    const q = '(LIST_15=|OV61GOJ13C0,OV61GOJ13C3)'
    const select = 'LIST_1,LIST_15,LIST_22,LIST_39'
    const out = await rets.getAutoLogoutClient(settings(), async (client) => ({
      compact: await client.search.query('Property', 'A', q, { select, count: 0, format: 'COMPACT', limit: 20 }),
      decoded: await client.search.query('Property', 'A', q, {
        select,
        count: 1,
        format: 'COMPACT-DECODED',
        limit: 20
      }),
      countOnly: await client.search.query('Property', 'A', q, { select, count: 2, format: 'COMPACT' }),
      xml: (
        await client.search.searchRets({
          searchType: 'Property',
          class: 'A',
          query: q,
          select,
          format: 'STANDARD-XML',
          count: 1,
          limit: 20,
          offset: 21
        })
      ).text
    }))
    const expected = [...mls.ctx.data.listings()].filter(
      (l) => l.PropertyType === 'Residential' && (l.StandardStatus === 'Active' || l.StandardStatus === 'Closed')
    )
    expect(out.compact.results.map((r) => r.LIST_1)).toEqual(expected.slice(0, 20).map((l) => l.ListingKey))
    expect(out.compact.results[0]?.LIST_15).toMatch(/^OV61GOJ13C[03]$/)
    expect(out.decoded.results.map((r) => [r.LIST_1, r.LIST_15])).toEqual(
      expected.slice(0, 20).map((l) => [l.ListingKey, l.StandardStatus])
    )
    expect(out.decoded.count).toBe(expected.length)
    expect(out.countOnly.count).toBe(expected.length)
    expect(out.countOnly.results).toEqual([])
    const doc = new XMLParser({ parseTagValue: false }).parse(out.xml) as {
      RETS: { COUNT?: unknown; REData: { REProperties: { ResidentialProperty: Array<Record<string, string>> } } }
    }
    const page2 = doc.RETS.REData.REProperties.ResidentialProperty
    expect(page2.map((r) => r.ListingKey)).toEqual(expected.slice(20, 40).map((l) => l.ListingKey))
    expect(page2[0]).toMatchObject({ StandardStatus: expected[20]?.StandardStatus, City: expected[20]?.City })
  })

  it('GetObject in every mode: one object, several, all, preferred, Location=1, and a missing one', async () => {
    const listing = [...mls.ctx.data.listings()].find((l) => l.PhotosCount >= 3 && Number(l.ListingKey) % 500 !== 1)!
    const key = listing.ListingKey
    const out = await rets.getAutoLogoutClient(settings(), async (client) => ({
      single: await client.objects.getObjects('Property', 'HiRes', `${key}:2`),
      some: await client.objects.getObjects('Property', 'Photo', { [key]: [1, 3] }),
      preferred: await client.objects.getPreferredObjects('Property', 'Photo', [key]),
      location: await client.objects.getObjects('Property', 'Photo', `${key}:*`, { Location: 1 }),
      missing: await client.objects.getObjects('Property', 'Photo', 'NOPE:1').then(
        () => 'resolved',
        (err: { replyCode?: number }) => err.replyCode
      )
    }))
    expect(out.single.headerInfo.objectId).toBe('2')
    expect(out.single.data?.equals(mls.ctx.data.photo(key, 2, 'HiRes') as Buffer)).toBe(true)
    // a grouped result starts with the reply's own headerInfo entry
    const parts = (objects: RetsObject[] | undefined): RetsObject[] =>
      (objects ?? []).filter((o) => o.type !== 'headerInfo')
    expect(parts(out.some.objects).map((o) => o.headerInfo.objectId)).toEqual(['1', '3'])
    expect(parts(out.some.objects)[1]?.data?.equals(mls.ctx.data.photo(key, 3, 'Photo') as Buffer)).toBe(true)
    // one object asked: a plain image reply, no grouping
    expect(out.preferred.headerInfo).toMatchObject({ objectId: '0', preferred: '1', contentId: key })
    expect(out.preferred.data?.equals(mls.ctx.data.photo(key, 1, 'Photo') as Buffer)).toBe(true)
    const urls = parts(out.location.objects).map((o) => o.headerInfo.location)
    expect(urls).toHaveLength(listing.PhotosCount)
    const fetched = Buffer.from(await (await fetch(urls[0] ?? '')).arrayBuffer())
    expect(fetched.equals(mls.ctx.data.photo(key, 1, 'Photo') as Buffer)).toBe(true)
    expect(out.missing).toBe('20403')
  })

  it('Logout ends the session it opened', async () => {
    const client = new rets.Client(settings())
    await client.login()
    expect(mls.ctx.sessions.liveFor('demo')).toBeGreaterThan(0)
    const before = mls.ctx.sessions.liveFor('demo')
    await client.logout()
    expect(mls.ctx.sessions.liveFor('demo')).toBe(before - 1)
    expect(client.logoutHeaderInfo).toBeDefined()
  })
})
