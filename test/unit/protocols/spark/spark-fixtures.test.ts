import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturesDir } from '../../../support/paths'
import { AppError } from '../../../../contract/app-error'
import { parseSparkEnvelope, unwrapSparkEnvelope } from '../../../../src-main/protocols/spark/envelope'
import {
  parseFieldList,
  parseStandardFields,
  valueAppliesTo
} from '../../../../src-main/protocols/spark/standard-fields'
import { parsePropertyTypes } from '../../../../src-main/protocols/spark/property-types'
import { parseSparkListing, parseSparkPhoto } from '../../../../src-main/protocols/spark/listing-record'
import { buildSparkMetadata } from '../../../../src-main/protocols/spark/spark-metadata'
import { parseTokenResponse } from '../../../../src-main/protocols/oauth/token-response'
import { sparkGrantBody } from '../../../../src-main/protocols/oauth/spark-grant'
import { parseODataPage } from '../../../../src-main/protocols/odata/odata-page'

const dir = path.join(fixturesDir, 'spark')
const load = (name: string): unknown => JSON.parse(readFileSync(path.join(dir, name), 'utf8'))

function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

describe('spark fixtures', () => {
  it('covers every fixture file in the folder', () => {
    const covered = [
      'SOURCES.md',
      'error-1000-auth-failure.json',
      'error-1020-session-expired.json',
      'error-1053-constraint.json',
      'listings-photos-index.json',
      'listings-with-photos.json',
      'oauth2-grant-request-authorization_code.json',
      'oauth2-token-response.json',
      'pagination-count.json',
      'property_page1.synthetic.json',
      'property_quirks.synthetic.json',
      'propertytypes.json',
      'standardfields-City.json',
      'standardfields.json'
    ]
    expect(readdirSync(dir).sort()).toEqual(covered.sort())
  })

  it('error 1000: auth failure with its hint', () => {
    const err = errorOf(() => unwrapSparkEnvelope(load('error-1000-auth-failure.json'), 401))
    expect(err.code).toBe('SPARK_1000')
    expect(err.message).toBe('Invalid API key and/or request signed improperly')
    expect(err.hint).toMatch(/API key/)
    expect(err.detail).toContain('HTTP 401')
  })

  it('error 1020: session expired, hint says re-authenticate', () => {
    const env = parseSparkEnvelope(load('error-1020-session-expired.json'))
    expect(env.success).toBe(false)
    expect(env.code).toBe(1020)
    const err = errorOf(() => unwrapSparkEnvelope(load('error-1020-session-expired.json')))
    expect(err.code).toBe('SPARK_1020')
    expect(err.message).toBe('Session token has expired')
    expect(err.hint).toMatch(/Re-authenticate/)
  })

  it('error 1053: constraint failure keeps the Details', () => {
    const env = parseSparkEnvelope(load('error-1053-constraint.json'))
    expect(env.code).toBe(1053)
    expect(env.details).toEqual([
      {
        ListPrice: [
          { RuleValue: 25, Value: 500000, RuleField: null, RuleFieldValue: null, RuleName: 'MaxIncreasePercent' }
        ]
      }
    ])
    const err = errorOf(() => unwrapSparkEnvelope(load('error-1053-constraint.json')))
    expect(err.message).toBe('The data you provided failed constraints')
    expect(err.detail).toContain('MaxIncreasePercent')
    expect(err.hint).toMatch(/constraints|Details/)
  })

  it('pagination-count: numbers read from D.Pagination, no results', () => {
    const env = unwrapSparkEnvelope(load('pagination-count.json'))
    expect(env.pagination).toEqual({ totalPages: 81, pageSize: 25, totalRows: 2001, currentPage: 1 })
    expect(env.results).toEqual([])
  })

  it('standardfields: 30 fields, types, searchable, HasList → lookups', () => {
    const env = unwrapSparkEnvelope(load('standardfields.json'))
    const { fields, lookups } = parseStandardFields(env.results)
    expect(fields).toHaveLength(30)
    const city = fields.find((f) => f.systemName === 'City')
    expect(city).toMatchObject({
      dataType: 'Character',
      searchable: true,
      lookupName: 'City',
      interpretation: 'Lookup'
    })
    expect(city?.attrs.ResourceUri).toBe('/v1/standardfields/City')
    expect(fields.find((f) => f.systemName === 'Longitude')).toMatchObject({ dataType: 'Decimal', searchable: false })
    expect(fields.find((f) => f.systemName === 'YearBuilt')?.dataType).toBe('Integer')
    expect(fields.find((f) => f.systemName === 'ModificationTimestamp')?.dataType).toBe('Datetime')
    expect(fields.filter((f) => f.searchable)).toHaveLength(22)
    expect(lookups.map((l) => l.name)).toHaveLength(8)
    expect(lookups.every((l) => l.values === undefined)).toBe(true)
  })

  it('standardfields-City: 235 values, names trimmed, Applies To kept', () => {
    const env = unwrapSparkEnvelope(load('standardfields-City.json'))
    const lookup = parseFieldList('City', env.results)
    expect(lookup.values).toHaveLength(235)
    const fargo = lookup.values?.[0]
    expect(fargo).toMatchObject({ value: 'Fargo', longValue: 'Fargo' })
    expect(fargo?.attrs.Name).toBe('  Fargo')
    expect(fargo?.attrs['Applies To']).toBe('A,G,I,J,K,M')
    expect(valueAppliesTo(fargo!, 'A')).toBe(true)
    expect(valueAppliesTo(fargo!, 'B')).toBe(false)
    expect(valueAppliesTo(lookup.values![1]!, 'B')).toBe(true) // Abercrombie: no Applies To → all types
    expect(lookup.values?.at(-1)).toMatchObject({ value: 'dylan value', longValue: 'dylan desc' })
  })

  it('propertytypes: 6 codes with names', () => {
    const lookup = parsePropertyTypes(unwrapSparkEnvelope(load('propertytypes.json')).results)
    expect(lookup.values?.map((v) => v.value)).toEqual(['A', 'B', 'C', 'D', 'E', 'F'])
    expect(lookup.values?.[5]?.longValue).toBe('Rental')
  })

  it('builds the model: one Property resource with loaded City values', () => {
    const model = buildSparkMetadata({
      standardFields: unwrapSparkEnvelope(load('standardfields.json')).results,
      fieldLists: [parseFieldList('City', unwrapSparkEnvelope(load('standardfields-City.json')).results)],
      propertyTypes: parsePropertyTypes(unwrapSparkEnvelope(load('propertytypes.json')).results)
    })
    expect(model.source).toBe('spark')
    expect(model.resources).toHaveLength(1)
    const res = model.resources[0]!
    expect(res.keyField).toBe('ListingKey')
    expect(res.classes[0]?.fields).toHaveLength(30)
    expect(res.lookups.find((l) => l.name === 'City')?.values).toHaveLength(235)
    expect(res.lookups.find((l) => l.name === 'PropertyType')?.values).toHaveLength(6)
  })

  it('listings-with-photos: one listing, 5 photos, scalar fields split from expansions', () => {
    const env = unwrapSparkEnvelope(load('listings-with-photos.json'))
    expect(env.results).toHaveLength(1)
    const listing = parseSparkListing(env.results[0])
    expect(listing.id).toBe((env.results[0] as { Id: string }).Id)
    expect(listing.photos).toHaveLength(5)
    expect(listing.standardFields.Photos).toBeUndefined()
    expect(Object.keys(listing.standardFields)).toHaveLength(25)
    expect(listing.photos.filter((p) => p.primary)).toHaveLength(1)
    expect(Object.keys(listing.photos[0]!.uris)).toEqual(expect.arrayContaining(['Thumb', '300', 'Large']))
    expect(listing.masked).toEqual([])
  })

  it('listings-photos-index: 33 photos, first is primary "Front"', () => {
    const env = unwrapSparkEnvelope(load('listings-photos-index.json'))
    const photos = env.results.map(parseSparkPhoto)
    expect(photos).toHaveLength(33)
    expect(photos[0]).toMatchObject({ id: '20050505220032167405000000', name: 'Front', primary: true, caption: '' })
    expect(photos[0]!.uris['800']).toBe(
      'http://cdn.resize.flexmls.com/fgo/800x600/true/20050505220032167405000000-o.jpg'
    )
    expect(photos.filter((p) => p.primary)).toHaveLength(1)
  })

  it('masked values are listed and custom fields flattened (the shape the Spark API documents)', () => {
    const listing = parseSparkListing({
      Id: 'X1',
      StandardFields: { ListingKey: 'X1', PrivateRemarks: '********', CloseDate: '********', City: 'Fargo' },
      CustomFields: [{ Main: [{ 'Contract Information': [{ 'Book Section': 'Residential' }, { Area: 'North' }] }] }]
    })
    expect(listing.masked).toEqual(['PrivateRemarks', 'CloseDate'])
    expect(listing.customFields).toEqual({
      '"Contract Information"."Book Section"': 'Residential',
      '"Contract Information"."Area"': 'North'
    })
  })

  it('oauth2-token-response: tokens and expiry', () => {
    const token = parseTokenResponse(load('oauth2-token-response.json'), 1_000_000)
    expect(token.accessToken).toBe('04u7h-4cc355-70k3n')
    expect(token.refreshToken).toBe('r3fr35h-70k3n')
    expect(token.expiresAt).toBe(1_000_000 + 86384 * 1000)
  })

  it('oauth2-grant-request: our Spark grant body has exactly the fixture keys', () => {
    const body = sparkGrantBody({
      clientId: 'example-id',
      clientSecret: 'example-password',
      grant: {
        type: 'authorization_code',
        code: 'my_code',
        redirectUri: 'https://exampleapp.fbsdata.com/oauth-callback'
      }
    })
    expect(body).toEqual(load('oauth2-grant-request-authorization_code.json'))
  })

  it('property_page1 (OData): 2 rows, nextLink with the base substituted', () => {
    const text = readFileSync(path.join(dir, 'property_page1.synthetic.json'), 'utf8').replaceAll(
      '{{BASE}}',
      'http://h/odata'
    )
    const page = parseODataPage(JSON.parse(text))
    expect(page.rows).toHaveLength(2)
    expect(page.nextLink).toBe('http://h/odata/Property?$skip=2')
    expect(page.rows[0]?.Media).toHaveLength(2)
    expect(page.rows[1]?.ClosePrice).toBe(295000)
  })

  it('property_quirks (OData): floats, TBD dates, string-or-array fields survive as given', () => {
    const text = readFileSync(path.join(dir, 'property_quirks.synthetic.json'), 'utf8').replaceAll(
      '{{BASE}}',
      'http://h'
    )
    const page = parseODataPage(JSON.parse(text))
    expect(page.nextLink).toBeUndefined()
    expect(page.rows[0]?.CloseDate).toBe('TBD')
    expect(page.rows[0]?.DaysOnMarket).toBe(12)
    expect(page.rows[0]?.Contingency).toEqual(['Attorney Review', 'Financing'])
    expect(page.rows[1]?.Contingency).toBe('A/R')
    expect(page.rows[0]?.MRD_BAS).toBe('Full')
  })
})
