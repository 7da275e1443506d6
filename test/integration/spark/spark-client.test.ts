import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { tokenRegistryFor } from '../../../demo-mls/oauth/token-registry'
import { apiSettingsFor } from '../../../demo-mls/web-api/api-settings'
import { SparkClient } from '../../../src-main/protocols/spark/spark-client'
import type { SparkListing } from '../../../src-main/protocols/spark/listing-record'
import { TokenHolder } from '../../../src-main/protocols/oauth/token-holder'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../../src-main/protocols/json-api/http-client-transport'
import type { Listing } from '../../../demo-mls/data/types'
import { CollectingResultWriter } from '../../support/collecting-result-writer'
import { MemorySecrets } from '../../support/memory-secrets'

// the app's one HTTP stack, without a profile's proxy or wire log
const plainTransport = httpClientTransport(new HttpClient())

let mls: DemoMls
const UA = 'MLSWorkbench/1.0'

beforeAll(async () => {
  mls = await startDemoMls({ listings: 120 })
})
afterAll(async () => {
  await mls.close()
})

function spark(opts: { clientId?: string; userAgent?: string } = {}): { client: SparkClient; holder: TokenHolder } {
  const clientId = opts.clientId ?? 'workbench'
  const holder = new TokenHolder(
    { flow: 'client_credentials', tokenUrl: `${mls.url}/oauth/token`, clientId, scheme: 'OAuth' },
    { store: new MemorySecrets({ clientSecret: `${clientId}-secret` }), transport: plainTransport }
  )
  const client = new SparkClient({
    baseUrl: mls.url,
    transport: plainTransport,
    auth: holder,
    userAgent: opts.userAgent ?? UA,
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 50 }
  })
  return { client, holder }
}

const residential = (): Listing[] => [...mls.ctx.data.listings()].filter((l) => l.PropertyType === 'Residential')

describe('Spark client against the Demo MLS', () => {
  it('metadata: standardfields, propertytypes, customfields, field lists → one Property resource', async () => {
    const model = await spark().client.metadata({ loadLists: ['StandardStatus'] })
    expect(model.source).toBe('spark')
    const res = model.resources[0]!
    expect(res.classes[0]!.fields).toHaveLength(mls.ctx.data.fields('Property').length)
    expect(res.classes[0]!.fields!.find((f) => f.systemName === 'BedroomsTotal')).toMatchObject({
      dataType: 'Integer',
      searchable: true
    })
    expect(res.classes[1]!.fields!.map((f) => f.systemName)).toEqual([
      '"Listing Details"."Days On Market"',
      '"Listing Details"."Photo Count"',
      '"Listing Details"."Has Open House"'
    ])
    expect(res.lookups.find((l) => l.name === 'StandardStatus')?.values?.map((v) => v.value)).toEqual(
      mls.ctx.data.lookup('StandardStatus')!.values.map((v) => v.standardValue)
    )
    expect(res.lookups.find((l) => l.name === 'PropertyType')?.values?.map((v) => v.value)).toEqual([
      'RES',
      'LND',
      'RNT'
    ])
  })

  it('_filter + _page paging: every match, 25 per page, Pagination read', async () => {
    const writer = new CollectingResultWriter()
    const summary = await spark().client.runListings(
      {
        filter: "PropertyType Eq 'RES' And ListPrice Gt 100000",
        select: ['ListingKey', 'ListPrice', 'PropertyType'],
        limit: 25
      },
      writer
    )
    const expected = residential().filter((l) => l.ListPrice > 100000)
    expect(writer.column('ListingKey')).toEqual(expected.map((l) => l.ListingKey))
    expect(new Set(writer.column('PropertyType'))).toEqual(new Set(['RES']))
    expect(summary.totalRows).toBe(expected.length)
    expect(summary.pages).toBe(Math.ceil(expected.length / 25))
    expect(summary.pages).toBeGreaterThan(1)
    expect(await spark().client.countListings("PropertyType Eq 'RES' And ListPrice Gt 100000")).toBe(expected.length)
  })

  it('_skiptoken paging returns the same listings, _orderby honoured', async () => {
    const byToken: string[] = []
    await spark().client.eachListing(
      { filter: "PropertyType Eq 'RES'", orderby: '-ListPrice', limit: 20, skiptoken: '' },
      (l) => void byToken.push(l.id)
    )
    const expected = residential().sort((a, b) => b.ListPrice - a.ListPrice || (a.ListingKey < b.ListingKey ? -1 : 1))
    expect(byToken).toEqual(expected.map((l) => l.ListingKey))
  })

  it('_limit above 25 is lowered with a warning; maxRows stops early', async () => {
    const got: string[] = []
    const summary = await spark().client.eachListing({ limit: 40 }, (l) => void got.push(l.id), { maxRows: 30 })
    expect(got).toHaveLength(30)
    expect(summary.pages).toBe(2)
    expect(summary.limitReached).toBe(true)
    expect(summary.warnings[0]).toMatch(/lowered to 25/)
  })

  it('_expand Photos / Rooms / OpenHouses / CustomFields on a single listing; photo URIs on the same server', async () => {
    const source = [...mls.ctx.data.listings()].find((l) => l.Media.length > 1 && l.Rooms.length > 0)!
    const listing: SparkListing = await spark().client.listing(source.ListingKey, [
      'Photos',
      'Rooms',
      'OpenHouses',
      'CustomFields'
    ])
    expect(listing.photos).toHaveLength(source.Media.length)
    expect(listing.photos[0]!.primary).toBe(true)
    expect(Object.keys(listing.photos[0]!.uris).sort()).toEqual([
      '1024',
      '1280',
      '1600',
      '2048',
      '300',
      '640',
      '800',
      'Large',
      'Thumb'
    ])
    expect(listing.photos[0]!.uris['300']!.startsWith(`${mls.url}/`)).toBe(true)
    const served = listing.photos.findIndex(
      (_p, i) => mls.ctx.data.photo(source.ListingKey, i + 1, 'HiRes') !== undefined
    )
    expect(served).toBeGreaterThanOrEqual(0)
    const jpeg = await fetch(listing.photos[served]!.uris.Large!)
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg')
    expect([...new Uint8Array(await jpeg.arrayBuffer()).subarray(0, 2)]).toEqual([0xff, 0xd8])
    expect(listing.rooms[0]!.fields['Room Type']).toBe(source.Rooms[0]!.RoomType)
    expect(listing.openHouses).toHaveLength(source.OpenHouses.length)
    expect(listing.customFields['"Listing Details"."Photo Count"']).toBe(source.PhotosCount)
  })

  it('without _select the columns are the standard fields; multi-select values are joined, not dropped', async () => {
    const writer = new CollectingResultWriter()
    await spark().client.runListings({ filter: "PropertyType Eq 'RES'", limit: 5 }, writer, { maxRows: 5 })
    expect(writer.columns.map((c) => c.name)).toEqual(mls.ctx.data.fields('Property').map((f) => f.standardName))
    const expected = residential().slice(0, 5)
    expect(writer.column('Appliances')).toEqual(expected.map((l) => l.Appliances.join(',')))
    expect(writer.column('ListingKey')).toEqual(expected.map((l) => l.ListingKey))
  })

  it('masked fields for an IDX role are reported', async () => {
    const writer = new CollectingResultWriter()
    const summary = await spark({ clientId: 'idx-app' }).client.runListings(
      { select: ['ListingKey', 'ClosePrice'], limit: 25 },
      writer,
      { maxRows: 10 }
    )
    expect(new Set(writer.column('ClosePrice'))).toEqual(new Set(['********']))
    expect(summary.masked).toBeGreaterThanOrEqual(10)
    expect(writer.info.warnings?.some((w) => /masked/.test(w))).toBe(true)
  })

  it('Spark 1020 mid-paging: re-authenticates once and goes on', async () => {
    const reg = tokenRegistryFor(mls.ctx)
    const { client } = spark()
    const before = reg.issued.client_credentials ?? 0
    let n = 0
    const summary = await client.eachListing({ limit: 25 }, () => {
      if (++n === 30) reg.expireAll()
    })
    expect(n).toBe(120)
    expect(summary.pages).toBe(5)
    expect(reg.issued.client_credentials).toBe(before + 2)
  })

  it('Spark 1550 (503 + Retry-After) is retried', async () => {
    const settings = apiSettingsFor(mls.ctx)
    const { client, holder } = spark()
    await holder.authHeaders()
    settings.retryAfterSeconds = 0
    settings.throttleNext = 2
    const env = await client.get('propertytypes')
    expect(env.results).toHaveLength(3)
    expect(settings.throttleNext).toBe(0)
  })

  it('missing X-SparkApi-User-Agent → SPARK_1016; bad token → SPARK_1000; bad filter → SPARK_1040', async () => {
    await expect(spark({ userAgent: '' }).client.get('standardfields')).rejects.toMatchObject({
      code: 'SPARK_1016',
      hint: expect.stringMatching(/user agent/)
    })
    const anonymous = new SparkClient({ baseUrl: mls.url, transport: plainTransport, userAgent: UA })
    await expect(anonymous.get('standardfields')).rejects.toMatchObject({
      code: 'SPARK_1000',
      message: 'Invalid API key and/or request signed improperly'
    })
    await expect(spark().client.eachListing({ filter: 'ListPrice Eq' }, () => undefined)).rejects.toMatchObject({
      code: 'SPARK_1040'
    })
  })
})
