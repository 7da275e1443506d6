import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fieldPlaces, filterFields, specTargets } from '../../../../src-main/features/library/field-usage'
import { QueryLibrary } from '../../../../src-main/features/library/query-library'
import type { QuerySpec } from '../../../../contract/query-channels'

const dmql = (query: string, extra: Partial<Extract<QuerySpec, { kind: 'dmql' }>> = {}): QuerySpec => ({
  kind: 'dmql',
  resource: 'Property',
  class: 'RES',
  query,
  format: 'COMPACT-DECODED',
  count: 1,
  standardNames: false,
  fetchAll: false,
  ...extra
})
const odata = (filter: string, extra: Partial<Extract<QuerySpec, { kind: 'odata' }>> = {}): QuerySpec => ({
  kind: 'odata',
  resource: 'Property',
  filter,
  count: true,
  fetchAll: false,
  ...extra
})
const spark = (filter: string, extra: Partial<Extract<QuerySpec, { kind: 'spark' }>> = {}): QuerySpec => ({
  kind: 'spark',
  filter,
  fetchAll: false,
  ...extra
})

describe('fieldPlaces', () => {
  it('finds DMQL fields by parsing, not by text (a value that looks like a field does not count)', () => {
    expect(filterFields('dmql', '(LIST_22=100000+),(City="LIST_15")')).toEqual(['LIST_22', 'City'])
    expect(fieldPlaces(dmql('(LIST_22=100000+),(City="LIST_15")'), ['LIST_15'])).toEqual([])
    expect(fieldPlaces(dmql('(LIST_22=100000+)|(~(LIST_15=|A))'), ['LIST_15', 'Status'])).toEqual(['filter'])
    expect(fieldPlaces(dmql('(ListPrice=1+)', { select: ['ListingKey', 'LIST_15'] }), ['list_15'])).toEqual(['select'])
  })

  it('finds OData fields in $filter (lambda variables excluded, navigation by first segment), $select and $orderby', () => {
    const spec = odata("City eq 'BedroomsTotal' and Media/any(m: m/MediaCategory eq 'Photo')", {
      select: ['ListingKey'],
      orderby: 'ListPrice desc, ModificationTimestamp'
    })
    expect(fieldPlaces(spec, ['City'])).toEqual(['filter'])
    expect(fieldPlaces(spec, ['Media'])).toEqual(['filter'])
    expect(fieldPlaces(spec, ['BedroomsTotal'])).toEqual([])
    expect(fieldPlaces(spec, ['m'])).toEqual([])
    expect(fieldPlaces(spec, ['ListPrice'])).toEqual(['orderby'])
    expect(fieldPlaces(spec, ['ListingKey'])).toEqual(['select'])
    expect(
      fieldPlaces(odata('ListPrice ge 1', { select: ['ListPrice'], orderby: 'ListPrice' }), ['ListPrice'])
    ).toEqual(['filter', 'select', 'orderby'])
  })

  it('finds Spark fields in _filter, _select and _orderby (with its - prefix)', () => {
    const spec = spark("PropertyType Eq 'A' And ListPrice Bt 100000,200000 And City Eq 'ListAgentId'", {
      select: ['ListingId'],
      orderby: '-ListPrice,+City'
    })
    expect(fieldPlaces(spec, ['ListPrice'])).toEqual(['filter', 'orderby'])
    expect(fieldPlaces(spec, ['PropertyType'])).toEqual(['filter'])
    expect(fieldPlaces(spec, ['ListAgentId'])).toEqual([])
    expect(fieldPlaces(spec, ['ListingId'])).toEqual(['select'])
    expect(fieldPlaces(spark('"Main"."Style" Eq \'Ranch\''), ['Main.Style'])).toEqual(['filter'])
  })

  it('falls back to a whole-word match when the filter does not parse', () => {
    expect(filterFields('dmql', '(ListPrice=100000+),(Status=')).toBeUndefined()
    expect(fieldPlaces(dmql('(ListPrice=100000+),(Status='), ['Status'])).toEqual(['filter'])
    expect(fieldPlaces(dmql('(ListPrice=100000+),(Status='), ['Stat'])).toEqual([])
    expect(fieldPlaces(odata('City eq'), ['city'])).toEqual(['filter'])
    expect(fieldPlaces(spark('Main.Style Eq'), ['Style'])).toEqual([])
  })

  it('matches the resource (and the class for RETS); Spark has one resource', () => {
    expect(specTargets(dmql('(A=1)'), { resource: 'Property', cls: 'RES', names: [] })).toBe(true)
    expect(specTargets(dmql('(A=1)'), { resource: 'Property', cls: 'LND', names: [] })).toBe(false)
    expect(specTargets(odata(''), { resource: 'Member', names: [] })).toBe(false)
    expect(specTargets(odata(''), { resource: 'Property', cls: 'Property', names: [] })).toBe(true)
    expect(specTargets(spark(''), { resource: 'Property', cls: 'Listings', names: [] })).toBe(true)
  })
})

describe('QueryLibrary.usage', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mlswb-usage-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('counts the queries of this profile and the any-profile queries of its kind that mention the field', async () => {
    const library = new QueryLibrary(dir)
    await library.save({ name: 'By price', profileId: 'demo-rets', spec: dmql('(LIST_22=100000+)') })
    await library.save({ name: 'Price in select', folder: 'Team', spec: dmql('(LIST_15=|A)', { select: ['LIST_22'] }) })
    await library.save({ name: 'Land', spec: dmql('(LIST_22=1+)', { class: 'LND' }) })
    await library.save({ name: 'Other profile', profileId: 'acme', spec: dmql('(LIST_22=1+)') })
    await library.save({ name: 'No price', profileId: 'demo-rets', spec: dmql('(LIST_15=|A)') })
    await library.save({ name: 'RESO', spec: odata('ListPrice gt 5') })
    const usage = await library.usage({
      profileId: 'demo-rets',
      kind: 'dmql',
      field: { resource: 'Property', cls: 'RES', names: ['LIST_22', 'ListPrice'] }
    })
    expect(usage).toEqual({
      count: 2,
      queries: [
        { id: 'by-price', name: 'By price', places: ['filter'] },
        { id: 'team-price-in-select', name: 'Price in select', folder: 'Team', places: ['select'] }
      ]
    })
    const reso = await library.usage({
      profileId: 'demo-reso',
      kind: 'odata',
      field: { resource: 'Property', cls: 'Property', names: ['ListPrice'] }
    })
    expect(reso.queries.map((q) => q.name)).toEqual(['RESO'])
  })
})
