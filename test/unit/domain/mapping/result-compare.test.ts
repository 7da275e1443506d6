import { describe, expect, it } from 'vitest'
import { buildFieldMap } from '../../../../domain/mapping/field-map'
import { columnPairs, compareResults, comparisonCsvLines } from '../../../../domain/mapping/result-compare'
import { resoProperty, retsProperty } from './map-fixtures'

const map = buildFieldMap({ rets: retsProperty(), retsClass: 'A', reso: resoProperty() })
const rets = {
  columns: ['LIST_1', 'LIST_22', 'LIST_15', 'LIST_87', 'LIST_200', 'LIST_12', 'LIST_999'],
  rows: [
    ['K1', '250000.00', 'OV1', '2024-03-05T10:00:00', 'DW,MW', '2024-01-02', 'x'],
    ['K2', '100000.00', 'OV2', '2024-03-05T10:00:00Z', '', '', 'y'],
    ['K3', '1.00', 'OV3', '', 'RANGE', '', 'z'],
    ['K4', '5', 'OV1', '', '', '', ''],
    ['K6', '7', 'Closed', '', 'Gas Range,DW', '', '']
  ]
}
const reso = {
  columns: ['ListingKey', 'ListPrice', 'StandardStatus', 'ModificationTimestamp', 'Appliances', 'CloseDate'],
  rows: [
    ['K1', '250000', 'Active', '2024-03-05T10:00:00.000Z', 'Microwave,Dishwasher', '2024-01-02'],
    ['K2', '100000.5', 'Active', '2024-03-05T10:00:00+00:00', '', ''],
    ['K3', '1', 'Closed', '', 'GasRange', ''],
    ['K5', '1', 'Closed', '', '', ''],
    ['K6', '7', 'Closed', '', 'GasRange,Dishwasher', '']
  ]
}

describe('comparing results across protocols', () => {
  const pairs = columnPairs(map, rets.columns, reso.columns)

  it('pairs the columns through the map (a RETS field without a RESO one is left out)', () => {
    expect(pairs.map((p) => `${p.a}=${p.b}`)).toEqual([
      'LIST_1=ListingKey',
      'LIST_22=ListPrice',
      'LIST_15=StandardStatus',
      'LIST_87=ModificationTimestamp',
      'LIST_200=Appliances',
      'LIST_12=CloseDate'
    ])
  })

  it('joins by key and reports only the values that differ after normalisation', () => {
    const c = compareResults(rets, reso, { keyA: 'LIST_1', keyB: 'ListingKey', pairs })
    // K6 is COMPACT-DECODED: long values map as codes do
    expect(c).toMatchObject({ rowsA: 5, rowsB: 5, matched: 4, onlyA: ['K4'], onlyB: ['K5'], rowsDiffering: 1 })
    expect(c.differences).toEqual([
      { key: 'K2', columnA: 'LIST_22', columnB: 'ListPrice', valueA: '100000.00', valueB: '100000.5' },
      { key: 'K2', columnA: 'LIST_15', columnB: 'StandardStatus', valueA: 'OV2', valueB: 'Active' }
    ])
    expect(comparisonCsvLines(c)).toHaveLength(1 + 2 + 2)
  })

  it('caps the lists but keeps the counts', () => {
    const c = compareResults(rets, reso, { keyA: 'LIST_1', keyB: 'ListingKey', pairs, limit: 1 })
    expect(c.differences).toHaveLength(1)
    expect(c.rowsDiffering).toBe(1)
    expect(c.truncatedAt).toBe(1)
  })

  it('says which key column is missing', () => {
    expect(() => compareResults(rets, reso, { keyA: 'NOPE', keyB: 'ListingKey', pairs })).toThrow(/NOPE/)
  })
})
