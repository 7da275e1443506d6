// DMQL2 → SparkQL, one construct per row, and what Spark has no construct for.
import { describe, expect, it } from 'vitest'
import { buildFieldMap } from '../../../../domain/mapping/field-map'
import { dmqlToSparkQL } from '../../../../domain/query-languages/translate/dmql-to-sparkql'
import { parseSparkQL } from '../../../../domain/query-languages/sparkql'
import { resoProperty, retsProperty } from '../mapping/map-fixtures'

const map = buildFieldMap({ rets: retsProperty(), retsClass: 'A', reso: resoProperty() })

describe('DMQL → SparkQL', () => {
  it.each([
    ['number', '(LIST_22=250000)', 'ListPrice Eq 250000'],
    ['list', '(LIST_66=2,3)', 'BedroomsTotal Eq 2,3'],
    ['text', '(LIST_39="O\'Fallon")', "City Eq 'O\\'Fallon'"],
    ['range', '(LIST_22=100000-200000)', 'ListPrice Bt 100000,200000'],
    ['at least', '(LIST_22=100000+)', 'ListPrice Ge 100000'],
    ['at most', '(LIST_66=3-)', 'BedroomsTotal Le 3'],
    ['lookup-or', '(LIST_15=|OV1,OV2)', "StandardStatus Eq 'Active','Pending'"],
    ['lookup-not', '(LIST_15=~OV3)', "StandardStatus Ne 'Closed'"],
    ['lookup-and', '(LIST_200=+DW,MW)', "Appliances Eq 'Dishwasher' And Appliances Eq 'Microwave'"],
    ['wildcard', '(LIST_39=*ville)', "City Eq '*ville'"],
    ['date', '(LIST_12=2024-01-31)', 'CloseDate Eq 2024-01-31'],
    ['date range', '(LIST_12=2024-01-01-2024-01-31)', 'CloseDate Bt 2024-01-01,2024-01-31'],
    [
      'a day on a date-time',
      '(LIST_87=2024-03-05)',
      'ModificationTimestamp Ge 2024-03-05T00:00:00Z And ModificationTimestamp Lt 2024-03-06T00:00:00Z'
    ],
    [
      'days on a date-time',
      '(LIST_87=2024-03-01-2024-03-05)',
      'ModificationTimestamp Ge 2024-03-01T00:00:00Z And ModificationTimestamp Lt 2024-03-06T00:00:00Z'
    ],
    ['NOW', '(LIST_87=.NOW.-)', 'ModificationTimestamp Le now()'],
    ['EMPTY', '(LIST_12=.EMPTY.)', 'CloseDate Eq Null'],
    ['ANY', '(LIST_12=.ANY.)', 'CloseDate Ne Null'],
    [
      'AND / OR',
      '((LIST_66=2)|(LIST_66=3)),(LIST_39=Boston)',
      "(BedroomsTotal Eq 2 Or BedroomsTotal Eq 3) And City Eq 'Boston'"
    ],
    ['NOT', '~(LIST_39=Boston)', "Not (City Eq 'Boston')"]
  ])('%s: %s', (_name, dmql, spark) => {
    const r = dmqlToSparkQL(dmql, map)
    expect(r).toEqual({ text: spark, diagnostics: [] })
    expect(() => parseSparkQL(r.text!)).not.toThrow()
  })

  it.each([
    ['? wildcard', '(LIST_39=B?b)', 'B?b'],
    ['TODAY', '(LIST_12=.TODAY.)', '.TODAY.'],
    ['unmapped field', '(LIST_999=x)', 'LIST_999'],
    ['code without a standard value', '(LIST_15=|OV9)', 'OV9']
  ])('%s is a diagnostic at its range', (_name, dmql, part) => {
    const r = dmqlToSparkQL(dmql, map)
    expect(r.text).toBeUndefined()
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ from: dmql.indexOf(part), to: dmql.indexOf(part) + part.length })
    ])
  })
})
