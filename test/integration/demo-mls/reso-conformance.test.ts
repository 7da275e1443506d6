// The Demo MLS RESO Web API against the letter of OData v4 (Part 1 Protocol, Part 2 URL Conventions) and the RESO
// Data Dictionary 2.0, over real HTTP: system query options it does not support, the /$count segment, nested
// options inside $expand, the context URL of projections, DD 2.0 lookup values in string mode and the EDMX facets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XMLParser } from 'fast-xml-parser'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { apiSettingsFor } from '../../../demo-mls/web-api/api-settings'
import type { Listing } from '../../../demo-mls/data/types'
import { demoAccessToken } from '../../support/demo-access-token'

let mls: DemoMls
let token = ''

beforeAll(async () => {
  mls = await startDemoMls({ listings: 300 })
  token = await demoAccessToken(mls.url)
})
afterAll(async () => {
  await mls.close()
})

const root = (): string => `${mls.url}/Reso/OData`
const get = (path: string): Promise<Response> =>
  fetch(`${root()}${path}`, { headers: { Authorization: `Bearer ${token}` } })

async function getJson(path: string): Promise<Record<string, unknown>> {
  const r = await get(path)
  expect(r.status, `${path}: ${r.status}`).toBe(200)
  return (await r.json()) as Record<string, unknown>
}

function listings(): Listing[] {
  return [...mls.ctx.data.listings()]
}

describe('system query options the Demo MLS does not support', () => {
  it('answers 501 for $search, $apply and $compute, 400 for an unknown $ option, and ignores custom options', async () => {
    for (const option of [
      '$search=pool',
      '$apply=aggregate(ListPrice with sum as Total)',
      '$compute=ListPrice mul 2 as Twice'
    ]) {
      const r = await get(`/Property?${option}`)
      expect(r.status, option).toBe(501)
      const body = (await r.json()) as { error: { code: string; message: string } }
      expect(body.error.message).toContain(option.slice(0, option.indexOf('=')))
    }
    const bogus = await get('/Property?$bogus=1')
    expect(bogus.status).toBe(400)
    expect(((await bogus.json()) as { error: { message: string } }).error.message).toContain('$bogus')
    // custom query options (no $) are the service's own business; unknown ones are ignored
    expect((await get('/Property?$top=1&trace=on')).status).toBe(200)
  })
})

describe('the /$count path segment', () => {
  it('returns the number of matching entities as text/plain', async () => {
    const all = await get('/Property/$count')
    expect(all.status).toBe(200)
    expect(all.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await all.text()).toBe(String(listings().length))
    const active = await get(`/Property/$count?$filter=${encodeURIComponent("StandardStatus eq 'Active'")}`)
    expect(await active.text()).toBe(String(listings().filter((l) => l.StandardStatus === 'Active').length))
    const media = await get('/Media/$count')
    expect(await media.text()).toBe(String(listings().reduce((n, l) => n + l.Media.length, 0)))
  })
})

describe('$expand with nested options', () => {
  it('applies $top, $select, $orderby, $filter and $count inside $expand=Media(…)', async () => {
    const withPhotos = listings().filter((l) => l.Media.length >= 3)
    const keys = withPhotos.slice(0, 5).map((l) => `'${l.ListingKey}'`)
    const filter = encodeURIComponent(`ListingKey in (${keys.join(',')})`)
    const top = await getJson(`/Property?$filter=${filter}&$select=ListingKey&$expand=Media($top=1)`)
    for (const row of top.value as Array<{ Media: unknown[] }>) expect(row.Media).toHaveLength(1)

    const ordered = await getJson(
      `/Property?$filter=${filter}&$select=ListingKey&$expand=Media($select=MediaKey,Order;$orderby=Order desc;$count=true)`
    )
    const rows = ordered.value as Array<{ ListingKey: string; Media: Array<Record<string, unknown>> }>
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      const listing = withPhotos.find((l) => l.ListingKey === row.ListingKey)!
      expect(row.Media.map((m) => m.Order)).toEqual(listing.Media.map((m) => m.Order).reverse())
      for (const m of row.Media) expect(Object.keys(m).sort()).toEqual(['MediaKey', 'Order'])
      expect((row as Record<string, unknown>)['Media@odata.count']).toBe(listing.Media.length)
    }
    const second = await getJson(
      `/Property('${withPhotos[0]!.ListingKey}')?$expand=${encodeURIComponent('Media($filter=Order eq 2;$select=Order)')}`
    )
    expect(second.Media).toEqual([{ Order: 2 }])
  })

  it('rejects an unknown option inside $expand with 400', async () => {
    expect((await get('/Property?$expand=Media($bogus=1)')).status).toBe(400)
    expect((await get('/Property?$expand=Media($select=Nope)')).status).toBe(400)
  })
})

describe('@odata.context of projections', () => {
  it('carries the select list, with expanded navigation properties and their nested select', async () => {
    const base = `${root()}/$metadata#`
    expect((await getJson('/Property?$top=1'))['@odata.context']).toBe(`${base}Property`)
    expect((await getJson('/Property?$top=1&$select=ListingKey,ListPrice'))['@odata.context']).toBe(
      `${base}Property(ListingKey,ListPrice)`
    )
    expect((await getJson('/Property?$top=1&$select=ListingKey&$expand=Media'))['@odata.context']).toBe(
      `${base}Property(ListingKey,Media())`
    )
    expect(
      (await getJson('/Property?$top=1&$select=ListingKey&$expand=Media($select=MediaKey,Order)'))['@odata.context']
    ).toBe(`${base}Property(ListingKey,Media(MediaKey,Order))`)
    const key = listings()[0]!.ListingKey
    expect((await getJson(`/Property('${key}')?$select=ListPrice`))['@odata.context']).toBe(
      `${base}Property(ListPrice)/$entity`
    )
  })
})

describe('Data Dictionary 2.0 string lookups', () => {
  it('records, filters and the Lookup resource use the human-friendly value; the enum name is the legacy one', async () => {
    const settings = apiSettingsFor(mls.ctx)
    settings.lookupStyle = 'string'
    try {
      const underContract = listings().filter((l) => l.StandardStatus === 'ActiveUnderContract')
      expect(underContract.length).toBeGreaterThan(0)
      const filter = encodeURIComponent("StandardStatus eq 'Active Under Contract'")
      const page = await getJson(`/Property?$filter=${filter}&$select=ListingKey,StandardStatus&$top=1000`)
      const rows = page.value as Array<{ ListingKey: string; StandardStatus: string }>
      expect(rows.map((r) => r.ListingKey)).toEqual(underContract.map((l) => l.ListingKey))
      expect(new Set(rows.map((r) => r.StandardStatus))).toEqual(new Set(['Active Under Contract']))

      const gasRange = listings().filter((l) => l.Appliances.includes('GasRange'))
      const multi = await getJson(
        `/Property?$filter=${encodeURIComponent("Appliances/any(a: a eq 'Gas Range')")}&$select=ListingKey,Appliances&$top=1000`
      )
      const multiRows = multi.value as Array<{ Appliances: string[] }>
      expect(multiRows).toHaveLength(gasRange.length)
      for (const r of multiRows) expect(r.Appliances).toContain('Gas Range')

      const lookup = await getJson(`/Lookup?$filter=${encodeURIComponent("LookupName eq 'StandardStatus'")}&$top=1000`)
      const row = (lookup.value as Array<Record<string, string>>).find(
        (r) => r.LegacyODataValue === 'ActiveUnderContract'
      )
      expect(row).toMatchObject({
        LookupName: 'StandardStatus',
        LookupValue: 'Active Under Contract',
        StandardLookupValue: 'Active Under Contract'
      })
    } finally {
      settings.lookupStyle = 'enum'
    }
  })
})

describe('$metadata facets and annotations follow the Data Dictionary', () => {
  it('LivingArea is Decimal(14,2), coordinates have scale 8, StandardName holds the DD display name', async () => {
    const r = await get('/$metadata')
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await r.text()) as {
      'edmx:Edmx': { 'edmx:DataServices': { Schema: Array<{ EntityType?: unknown }> | { EntityType?: unknown } } }
    }
    const schemas = [doc['edmx:Edmx']['edmx:DataServices'].Schema].flat()
    const types = schemas.flatMap((s) => [s.EntityType ?? []].flat()) as Array<{
      Name: string
      Property: Array<{ Name: string; Type: string; Precision?: string; Scale?: string; Annotation: unknown }>
    }>
    const property = types.find((t) => t.Name === 'Property')!
    const prop = (name: string) => property.Property.find((p) => p.Name === name)!
    const standardName = (name: string): string | undefined =>
      ([prop(name).Annotation].flat() as Array<{ Term: string; String: string }>).find(
        (a) => a.Term === 'RESO.OData.Metadata.StandardName'
      )?.String
    expect(prop('LivingArea')).toMatchObject({ Type: 'Edm.Decimal', Precision: '14', Scale: '2' })
    expect(prop('Latitude')).toMatchObject({ Type: 'Edm.Decimal', Precision: '12', Scale: '8' })
    expect(prop('Longitude')).toMatchObject({ Type: 'Edm.Decimal', Precision: '12', Scale: '8' })
    expect(standardName('ListingId')).toBe('Listing ID')
    expect(standardName('LivingArea')).toBe('Living Area')
    expect(standardName('PostalCode')).toBe('Postal Code')
    expect(standardName('CountyOrParish')).toBe('County Or Parish')
    expect(standardName('BedroomsTotal')).toBe('Bedrooms Total')
    const member = types.find((t) => t.Name === 'Member')!
    const mlsId = member.Property.find((p) => p.Name === 'MemberMlsId')!
    expect(
      ([mlsId.Annotation].flat() as Array<{ Term: string; String: string }>).find(
        (a) => a.Term === 'RESO.OData.Metadata.StandardName'
      )?.String
    ).toBe('Member MLS ID')
  })
})
