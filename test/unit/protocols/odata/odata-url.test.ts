import { describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../../domain/metadata/metadata-model'
import { buildODataUrl } from '../../../../src-main/protocols/odata/odata-url'
import { comparison, containsValue, formatODataLiteral } from '../../../../src-main/protocols/odata/odata-literal'
import { odataError } from '../../../../src-main/protocols/odata/odata-error'
import { parseODataPage } from '../../../../src-main/protocols/odata/odata-page'
import {
  parseRetryAfter,
  retryDelayMs,
  DEFAULT_RETRY_POLICY
} from '../../../../src-main/protocols/json-api/retry-policy'
import { quotaHeaders } from '../../../../src-main/protocols/json-api/quota-headers'

const field = (systemName: string, dataType: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({
  systemName,
  dataType,
  searchable: true,
  attrs: {},
  ...extra
})

describe('OData URLs and literals', () => {
  it('builds every query option, + encoded as %2B', () => {
    const url = buildODataUrl('http://h/Reso/OData', {
      resource: 'Property',
      filter: "ModificationTimestamp gt 2026-01-01T00:00:00+01:00 and City eq 'O''Hare'",
      select: ['ListingKey', 'City'],
      expand: ['Media'],
      orderby: ['ListPrice desc', 'ListingKey'],
      top: 50,
      skip: 10,
      count: true
    })
    expect(url).toBe(
      "http://h/Reso/OData/Property?$filter=ModificationTimestamp%20gt%202026-01-01T00:00:00%2B01:00%20and%20City%20eq%20'O''Hare'&$select=ListingKey,City&$expand=Media&$orderby=ListPrice%20desc,ListingKey&$top=50&$skip=10&$count=true"
    )
    expect(new URL(url).searchParams.get('$filter')).toContain('+01:00')
    expect(buildODataUrl('http://h/odata/', { resource: 'Property', key: "A'1" })).toBe(
      "http://h/odata/Property('A''1')"
    )
    expect(buildODataUrl('http://h/odata', { resource: 'Member', key: 42 })).toBe('http://h/odata/Member(42)')
  })

  it('formats literals from field types', () => {
    expect(formatODataLiteral("O'Hare", field('City', 'Edm.String'))).toBe("'O''Hare'")
    expect(formatODataLiteral('12.5', field('ListPrice', 'Edm.Decimal'))).toBe('12.5')
    expect(formatODataLiteral('2026-05-01T10:00:00', field('CloseDate', 'Edm.Date'))).toBe('2026-05-01')
    expect(formatODataLiteral('2026-05-01T10:00:00', field('T', 'Edm.DateTimeOffset'))).toBe('2026-05-01T10:00:00Z')
    expect(formatODataLiteral('2026-05-01T10:00:00+02:00', field('T', 'Edm.DateTimeOffset'))).toBe(
      '2026-05-01T10:00:00+02:00'
    )
    expect(formatODataLiteral('true', field('B', 'Edm.Boolean'))).toBe('true')
    expect(formatODataLiteral(null, field('City', 'Edm.String'))).toBe('null')
    const status = field('StandardStatus', 'org.reso.metadata.enums.StandardStatus', { lookupName: 'StandardStatus' })
    expect(formatODataLiteral('Active', status, 'qualified')).toBe("org.reso.metadata.enums.StandardStatus'Active'")
    expect(formatODataLiteral('Active', status, 'string')).toBe("'Active'")
    expect(comparison(status, 'ne', 'Closed', 'string')).toBe("StandardStatus ne 'Closed'")
    const appliances = field('Appliances', 'org.reso.metadata.enums.Appliances', { collection: true })
    expect(containsValue(appliances, 'Dryer', 'has')).toBe("Appliances has org.reso.metadata.enums.Appliances'Dryer'")
    expect(containsValue(field('Heating', 'Edm.String', { collection: true }), 'Radiant', 'any')).toBe(
      "Heating/any(v: v eq 'Radiant')"
    )
    expect(() => formatODataLiteral('abc', field('ListPrice', 'Edm.Decimal'))).toThrow(/not a number/)
  })

  it('reads OData error bodies (v4 and v3 message shapes) and plain-text errors', () => {
    const v4 = odataError(
      400,
      Buffer.from('{"error":{"code":"BadRequest","message":"$filter: bad","target":"$filter","details":[]}}'),
      'http://h/x'
    )
    expect(v4).toMatchObject({ code: 'ODATA_400', message: '$filter: bad' })
    expect(v4.detail).toContain('target: $filter')
    expect(v4.hint).toMatch(/filter/)
    expect(odataError(500, '{"error":{"code":"","message":{"lang":"en-US","value":"Boom"}}}', 'http://h').message).toBe(
      'Boom'
    )
    const plain = odataError(502, 'Bad gateway', 'http://h/x?access_token=abcdef123')
    expect(plain.code).toBe('ODATA_HTTP_502')
    expect(plain.message).not.toContain('abcdef123')
    expect(plain.detail).toContain('Request: http://h/x?access_token=')
    expect(plain.detail).not.toContain('abcdef123')
  })

  it('names a very long request URL in the message by its start and end, whole in the detail', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `ListingKey eq '${20000000 + i}'`).join(' or ')
    const url = `https://api.example.com/odata/Property?access_token=abcdef123&$filter=${encodeURIComponent(keys)}`
    const err = odataError(431, '', url)
    expect(err.message.length).toBeLessThan(400)
    expect(err.message).toMatch(
      /^HTTP 431 from https:\/\/api\.example\.com\/odata\/Property\?access_token=\[redacted\]/
    )
    expect(err.message).toMatch(/…\(\d+ more characters\)…/)
    expect(err.message.endsWith(url.slice(-60))).toBe(true)
    expect(err.detail).toContain(url.slice(url.indexOf('&$filter')))
    expect(err.hint).toMatch(/fewer keys/)
    // short URLs stay whole
    expect(odataError(414, '', 'http://h/x?$top=5').message).toBe('HTTP 414 from http://h/x?$top=5')
  })

  it('reads @odata.count as a number or a string', () => {
    expect(parseODataPage({ '@odata.count': '17', value: [] }).count).toBe(17)
    expect(parseODataPage({ '@odata.count': 5, value: [] }).count).toBe(5)
    expect(parseODataPage({ ListingKey: 'K' }).rows).toEqual([{ ListingKey: 'K' }])
  })

  it('Retry-After in seconds or as a date, capped backoff, quota headers', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 2, undefined)).toBe(2000)
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 0, '99999')).toBe(60_000)
    expect(quotaHeaders({ 'x-ratelimit-remaining': '5', 'content-type': 'x', 'hour-quota-available': '7' })).toEqual({
      'x-ratelimit-remaining': '5',
      'hour-quota-available': '7'
    })
  })
})
