// Acceptance: a generic OData v4 client nobody here wrote — Apache Olingo's JavaScript client (npm ts-odatajs) —
// reads the Demo MLS RESO Web API: $metadata into its CSDL model, filtered and projected collections that it types
// against that model through their context URLs, $expand with nested options, $count (both forms) and nextLink
// paging until @odata.count rows have come, none twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oData, type Edm, type Edmx, type HttpOData } from 'ts-odatajs'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { Listing } from '../../../demo-mls/data/types'
import { demoAccessToken } from '../../support/demo-access-token'

let mls: DemoMls
let bearer: Record<string, string>
let model: Edmx.Edmx

interface Reply<T> {
  data: T
  response: HttpOData.Response
}

interface ReadOptions {
  handler?: unknown
  headers?: Record<string, string>
  /** hand the client the metadata model, so it types the payload (default true) */
  typed?: boolean
}

function read<T>(path: string, options: ReadOptions = {}): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    oData.read(
      { requestUri: `${mls.url}/Reso/OData${path}`, headers: { ...bearer, ...options.headers } },
      (data: T, response: HttpOData.Response) => resolve({ data, response }),
      (err: HttpOData.Error) =>
        reject(new Error(`${path}: ${err.response?.statusCode ?? ''} ${err.message} ${err.response?.body ?? ''}`)),
      options.handler as Parameters<typeof oData.read>[3],
      undefined,
      options.typed === false ? undefined : model
    )
  })
}

/** Full metadata: the client adds @odata.type / @odata.id itself, from the context URL and the model. */
const FULL = { Accept: 'application/json;odata.metadata=full' }

interface Page {
  value: Array<Record<string, unknown>>
  '@odata.count'?: number
  '@odata.nextLink'?: string
}

beforeAll(async () => {
  mls = await startDemoMls({ listings: 400 })
  bearer = { Authorization: `Bearer ${await demoAccessToken(mls.url, 'odata')}` }
  model = (await read<Edmx.Edmx>('/$metadata', { handler: oData.metadataHandler })).data
})
afterAll(async () => {
  await mls.close()
})

function listings(): Listing[] {
  return [...mls.ctx.data.listings()]
}

function entityType(name: string): Edm.EntityType {
  const schemas = model.dataServices.schema
  const type = schemas.flatMap((s) => s.entityType ?? []).find((t) => t.name === name)
  if (!type) throw new Error(`no entity type ${name}`)
  return type
}

describe('Olingo OData client (ts-odatajs) against the Demo MLS', () => {
  it('reads $metadata: entity sets, keys, facets, the Media navigation and the lookup enums', () => {
    const container = model.dataServices.schema.find((s) => s.entityContainer)?.entityContainer
    const sets = [container?.entitySet ?? []].flat().map((s) => s.name)
    expect(sets).toEqual(['Property', 'Member', 'Office', 'OpenHouse', 'Media', 'Lookup'])
    const property = entityType('Property')
    expect(JSON.stringify(property.key)).toContain('ListingKey')
    expect(property.property?.map((p) => p.name)).toEqual(mls.ctx.data.fields('Property').map((f) => f.standardName))
    expect(property.property?.find((p) => p.name === 'LivingArea')).toMatchObject({
      type: 'Edm.Decimal',
      precision: '14',
      scale: '2'
    })
    expect(property.navigationProperty?.[0]).toMatchObject({
      name: 'Media',
      type: 'Collection(org.reso.metadata.Media)'
    })
    const enums = model.dataServices.schema.flatMap((s) => s.enumType ?? []).map((e) => e.name)
    expect(enums).toContain('StandardStatus')
  })

  it('filters and projects; the client types every row from the context URL and the model', async () => {
    const filter = encodeURIComponent(
      "StandardStatus eq org.reso.metadata.enums.StandardStatus'Active' and ListPrice gt 300000"
    )
    const { data } = await read<Page>(
      `/Property?$filter=${filter}&$select=ListingKey,ListPrice&$orderby=ListPrice desc&$top=1000`,
      { headers: FULL }
    )
    const expected = listings()
      .filter((l) => l.StandardStatus === 'Active' && l.ListPrice > 300000)
      .sort((a, b) => b.ListPrice - a.ListPrice || (a.ListingKey < b.ListingKey ? -1 : 1))
    expect(expected.length).toBeGreaterThan(10)
    expect(data.value.map((r) => r.ListingKey)).toEqual(expected.map((l) => l.ListingKey))
    for (const row of data.value) {
      expect(row['@odata.type']).toBe('#org.reso.metadata.Property')
      expect(row['@odata.id']).toBe(`${mls.url}/Reso/OData/Property('${String(row.ListingKey)}')`)
      expect(row['ListPrice@odata.type']).toBe('#Decimal')
    }
  })

  it('$expand with nested $select, $orderby, $top and $count', async () => {
    const withPhotos = listings()
      .filter((l) => l.Media.length >= 3)
      .slice(0, 4)
    const keys = withPhotos.map((l) => `'${l.ListingKey}'`).join(',')
    const expand = encodeURIComponent('Media($select=MediaKey,Order;$orderby=Order desc;$top=2;$count=true)')
    // untyped: Olingo looks expanded navigation properties up among the structural ones only (its limitation)
    const { data } = await read<Page>(
      `/Property?$filter=${encodeURIComponent(`ListingKey in (${keys})`)}&$select=ListingKey&$expand=${expand}`,
      { typed: false }
    )
    expect(data.value).toHaveLength(withPhotos.length)
    for (const row of data.value) {
      const listing = withPhotos.find((l) => l.ListingKey === row.ListingKey)!
      const media = row.Media as Array<Record<string, unknown>>
      expect(media.map((m) => m.Order)).toEqual([listing.Media.length, listing.Media.length - 1])
      expect(media[0]?.MediaKey).toBe(listing.Media.at(-1)?.MediaKey)
      expect(row['Media@odata.count']).toBe(listing.Media.length)
    }
  })

  it('$count as a query option and as a path segment', async () => {
    const filter = encodeURIComponent("City eq 'Fargo'")
    const expected = listings().filter((l) => l.City === 'Fargo').length
    const { data } = await read<Page>(`/Property?$filter=${filter}&$count=true&$top=1`)
    expect(data['@odata.count']).toBe(expected)
    const segment = await read<string>(`/Property/$count?$filter=${filter}`)
    expect(segment.response.headers?.['Content-Type'] ?? segment.response.headers?.['content-type']).toMatch(
      /^text\/plain/
    )
    expect(Number(segment.data)).toBe(expected)
  })

  it('follows @odata.nextLink until @odata.count rows have come, none twice', async () => {
    let path: string | undefined = '/Property?$select=ListingKey&$count=true'
    const keys: string[] = []
    let count = -1
    let pages = 0
    while (path) {
      const reply: Reply<Page> = await read<Page>(path, { headers: { Prefer: 'odata.maxpagesize=70' } })
      const data: Page = reply.data
      if (pages === 0) count = data['@odata.count'] ?? -1
      keys.push(...data.value.map((r) => String(r.ListingKey)))
      pages++
      const next: string | undefined = data['@odata.nextLink']
      path = next ? next.slice(`${mls.url}/Reso/OData`.length) : undefined
    }
    expect(count).toBe(listings().length)
    expect(keys).toHaveLength(count)
    expect(new Set(keys).size).toBe(count)
    expect(pages).toBe(Math.ceil(count / 70))
  })

  it('reports the server refusals through its error callback', async () => {
    await expect(read('/Property?$search=pool')).rejects.toThrow(/: 501 .*NotImplemented/)
    await expect(read('/Property?$bogus=1')).rejects.toThrow(/: 400 .*BadRequest/)
  })
})
