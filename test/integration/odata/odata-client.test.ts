import buildQuery from 'odata-query'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { tokenRegistryFor } from '../../../demo-mls/oauth/token-registry'
import { apiSettingsFor } from '../../../demo-mls/web-api/api-settings'
import { ODataClient } from '../../../src-main/protocols/odata/odata-client'
import type { ODataQuery } from '../../../src-main/protocols/odata/odata-url'
import { TokenHolder } from '../../../src-main/protocols/oauth/token-holder'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../../src-main/protocols/json-api/http-client-transport'
import type { Listing } from '../../../demo-mls/data/types'
import { CollectingResultWriter } from '../../support/collecting-result-writer'
import { MemorySecrets } from '../../support/memory-secrets'

// the app's one HTTP stack, without a profile's proxy or wire log
const plainTransport = httpClientTransport(new HttpClient())

let mls: DemoMls
const FAST_RETRY = { maxRetries: 4, baseDelayMs: 10, maxDelayMs: 50 }

beforeAll(async () => {
  mls = await startDemoMls({ listings: 300 })
})
afterAll(async () => {
  await mls.close()
})

function client(extra: Partial<ConstructorParameters<typeof ODataClient>[0]> = {}): {
  client: ODataClient
  holder: TokenHolder
} {
  const holder = new TokenHolder(
    { flow: 'client_credentials', tokenUrl: `${mls.url}/oauth/token`, clientId: 'workbench' },
    { store: new MemorySecrets({ clientSecret: 'workbench-secret' }), transport: plainTransport }
  )
  return {
    client: new ODataClient({
      serviceRoot: `${mls.url}/Reso/OData`,
      transport: plainTransport,
      auth: holder,
      retry: FAST_RETRY,
      ...extra
    }),
    holder
  }
}

function listings(): Listing[] {
  return [...mls.ctx.data.listings()]
}

/** odata-query's output (a raw query string) → our query object */
function fromOdataQuery(resource: string, qs: string): ODataQuery {
  const p = new URLSearchParams(qs.replace(/^\?/, '').replace(/\+/g, '%2B'))
  const q: ODataQuery = { resource }
  if (p.get('$filter')) q.filter = p.get('$filter')!
  if (p.get('$select')) q.select = p.get('$select')!.split(',')
  if (p.get('$orderby')) q.orderby = p.get('$orderby')!.split(',')
  if (p.get('$top')) q.top = Number(p.get('$top'))
  if (p.get('$count')) q.count = true
  return q
}

describe('OData client against the Demo MLS', () => {
  it('$metadata → model whose counts match the server catalogue', async () => {
    const model = await client().client.metadata()
    expect(model.resources.map((r) => r.name)).toEqual(['Property', 'Member', 'Office', 'OpenHouse', 'Media', 'Lookup'])
    for (const r of ['Property', 'Member', 'Office', 'OpenHouse', 'Media'] as const) {
      const res = model.resources.find((x) => x.name === r)!
      expect(res.classes[0]!.fields).toHaveLength(mls.ctx.data.fields(r).length)
      expect(res.keyField).toBe(mls.ctx.data.fields(r).find((f) => f.isKey)!.standardName)
    }
    const enumLookups = model.resources.flatMap((r) => r.lookups).filter((l) => l.attrs.EnumType)
    expect(new Set(enumLookups.map((l) => l.name))).toEqual(new Set(mls.ctx.data.lookups().map((l) => l.name)))
  })

  it('queries built with the odata-query package return the expected rows', async () => {
    const qs = buildQuery({
      filter: { StandardStatus: 'Active', ListPrice: { gt: 300000 } },
      select: ['ListingKey', 'ListPrice', 'StandardStatus'],
      orderBy: 'ListPrice desc',
      count: true
    })
    const writer = new CollectingResultWriter()
    const summary = await client().client.run(fromOdataQuery('Property', qs), writer)
    const expected = listings()
      .filter((l) => l.StandardStatus === 'Active' && l.ListPrice > 300000)
      .sort((a, b) => b.ListPrice - a.ListPrice || (a.ListingKey < b.ListingKey ? -1 : 1))
    expect(expected.length).toBeGreaterThan(5)
    expect(writer.columns.map((c) => c.name)).toEqual(['ListingKey', 'ListPrice', 'StandardStatus'])
    expect(writer.column('ListingKey')).toEqual(expected.map((l) => l.ListingKey))
    expect(writer.column('ListPrice')).toEqual(expected.map((l) => String(l.ListPrice)))
    expect(summary.serverCount).toBe(expected.length)
    expect(writer.info.serverCount).toBe(expected.length)
  })

  it('enum literals in the qualified style, multi-select with any(), dates unquoted', async () => {
    const { client: c } = client()
    const rows: Array<Record<string, unknown>> = []
    await c.each(
      {
        resource: 'Property',
        filter:
          "StandardStatus eq org.reso.metadata.enums.StandardStatus'Pending' and Appliances/any(a: a eq 'Dishwasher') and ListingContractDate ge 2025-06-01",
        select: ['ListingKey', 'Appliances', 'ListingContractDate']
      },
      (r) => void rows.push(r)
    )
    const expected = listings().filter(
      (l) =>
        l.StandardStatus === 'Pending' && l.Appliances.includes('Dishwasher') && l.ListingContractDate >= '2025-06-01'
    )
    expect(rows.map((r) => r.ListingKey)).toEqual(expected.map((l) => l.ListingKey))
  })

  it('follows @odata.nextLink over more than 3 pages, with Prefer: odata.maxpagesize', async () => {
    const settings = apiSettingsFor(mls.ctx)
    settings.maxPageSize = 200
    const { client: c } = client({ maxPageSize: 60 })
    const writer = new CollectingResultWriter()
    const summary = await c.run({ resource: 'Property', select: ['ListingKey'] }, writer)
    expect(summary.pages).toBe(5)
    expect(summary.preferenceApplied).toBe('odata.maxpagesize=60')
    expect(writer.rows).toHaveLength(300)
    expect(new Set(writer.column('ListingKey')).size).toBe(300)
    expect(writer.column('ListingKey')).toEqual(listings().map((l) => l.ListingKey))
  })

  it('$top across pages and the server cap: stops at $top, short last page accepted', async () => {
    const settings = apiSettingsFor(mls.ctx)
    settings.maxPageSize = 40
    try {
      const rows: unknown[] = []
      const summary = await client().client.each(
        { resource: 'Property', select: ['ListingKey'], top: 130, skip: 5 },
        (r) => void rows.push(r)
      )
      expect(rows).toHaveLength(130)
      expect(summary.pages).toBe(4)
      expect(summary.limitReached).toBe(false)
      expect((rows[0] as { ListingKey: string }).ListingKey).toBe(listings()[5]!.ListingKey)
    } finally {
      settings.maxPageSize = 200
    }
  })

  it('token expiry mid-paging: one renewal, no row lost', async () => {
    const reg = tokenRegistryFor(mls.ctx)
    const { client: c } = client({ maxPageSize: 50 })
    const before = reg.issued.client_credentials ?? 0
    const rows: unknown[] = []
    const summary = await c.each({ resource: 'Property', select: ['ListingKey'] }, (r) => void rows.push(r), {
      onPage: (s) => {
        if (s.pages === 2) reg.expireAll()
      }
    })
    expect(rows).toHaveLength(300)
    expect(summary.pages).toBe(6)
    expect(reg.issued.client_credentials).toBe(before + 2)
  })

  it('throttling: 429 + Retry-After retried, quota headers surfaced', async () => {
    const settings = apiSettingsFor(mls.ctx)
    settings.retryAfterSeconds = 0
    settings.throttleNext = 0
    const quotas: Array<Record<string, string>> = []
    const { client: c, holder } = client({ onQuota: (h) => quotas.push(h) })
    await holder.authHeaders()
    settings.throttleNext = 2
    const rows: unknown[] = []
    const summary = await c.each({ resource: 'Member', select: ['MemberKey'] }, (r) => void rows.push(r))
    expect(summary.retries).toBe(2)
    expect(rows).toHaveLength(mls.ctx.data.agents().length)
    expect(quotas.some((q) => q['x-ratelimit-remaining'] === '0' && q['retry-after'] === '0')).toBe(true)
    expect(quotas.at(-1)?.['x-ratelimit-remaining']).toBe('99')
  })

  it("Property('key') with $expand=Media: absolute media URLs on the same server", async () => {
    const withPhotos = listings().find((l) => l.Media.length > 1)!
    const entity = await client().client.entity('Property', withPhotos.ListingKey, ['Media'])
    expect(entity.ListingKey).toBe(withPhotos.ListingKey)
    const media = entity.Media as Array<{ MediaURL: string; Order: number }>
    expect(media).toHaveLength(withPhotos.Media.length)
    expect(media[0]!.MediaURL.startsWith(`${mls.url}/`)).toBe(true)
  })

  it('OData error bodies become AppErrors with the server message', async () => {
    await expect(
      client().client.each({ resource: 'Property', filter: 'NoSuchField eq 1 and' }, () => undefined)
    ).rejects.toMatchObject({
      code: 'ODATA_400',
      message: expect.stringContaining('$filter')
    })
    await expect(client().client.entity('Property', 'missing-key')).rejects.toMatchObject({ code: 'ODATA_404' })
    await expect(
      client().client.each({ resource: 'Property', select: ['Nope'] }, () => undefined)
    ).rejects.toMatchObject({ message: expect.stringContaining("'Nope'") })
  })

  it('DD 2.x string lookups: Lookup resource paged, @odata.count as a string, values filled', async () => {
    const settings = apiSettingsFor(mls.ctx)
    settings.lookupStyle = 'string'
    settings.countAsString = true
    settings.maxPageSize = 10
    try {
      const model = await client().client.metadata({ withLookups: true })
      expect(model.warnings).toEqual([])
      const property = model.resources.find((r) => r.name === 'Property')!
      expect(property.classes[0]!.fields!.find((f) => f.systemName === 'StandardStatus')).toMatchObject({
        dataType: 'Edm.String',
        lookupName: 'StandardStatus'
      })
      // DD 2.0 string lookups carry the human-friendly value ("Active Under Contract")
      expect(property.lookups.find((l) => l.name === 'StandardStatus')?.values?.map((v) => v.value)).toEqual(
        mls.ctx.data.lookup('StandardStatus')!.values.map((v) => v.longValue)
      )
      const { rows, serverCount } = await client().client.lookupRows()
      expect(serverCount).toBe(mls.ctx.data.lookups().reduce((n, l) => n + l.values.length, 0))
      expect(rows).toHaveLength(serverCount!)
      // string style: plain string literals filter lookups
      const keys: unknown[] = []
      await client().client.each(
        { resource: 'Property', filter: "StandardStatus eq 'Closed'", select: ['ListingKey'] },
        (r) => void keys.push(r.ListingKey)
      )
      expect(keys).toEqual(
        listings()
          .filter((l) => l.StandardStatus === 'Closed')
          .map((l) => l.ListingKey)
      )
    } finally {
      settings.lookupStyle = 'enum'
      settings.countAsString = false
      settings.maxPageSize = 200
    }
  })
})
