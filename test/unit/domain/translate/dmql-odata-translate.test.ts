// DMQL2 ↔ OData $filter, one construct per row, both directions; and the parts that have no exact equivalent, each
// reported at its own range.
import { describe, expect, it } from 'vitest'
import { buildFieldMap } from '../../../../domain/mapping/field-map'
import { dmqlToOData } from '../../../../domain/query-languages/translate/dmql-to-odata'
import { odataToDmql } from '../../../../domain/query-languages/translate/odata-to-dmql'
import { resoProperty, retsProperty } from '../mapping/map-fixtures'

const map = buildFieldMap({ rets: retsProperty(), retsClass: 'A', reso: resoProperty() })
const E = 'org.reso.metadata.enums'

describe('DMQL → OData', () => {
  it.each([
    ['number', '(LIST_22=250000)', 'ListPrice eq 250000'],
    ['text on a text field (digits stay text)', '(LIST_43=02134)', "PostalCode eq '02134'"],
    ['quoted text', '(LIST_39="O\'Fallon")', "City eq 'O''Fallon'"],
    ['list', '(LIST_66=2,3)', 'BedroomsTotal eq 2 or BedroomsTotal eq 3'],
    ['range', '(LIST_22=100000-200000)', 'ListPrice ge 100000 and ListPrice le 200000'],
    ['at least', '(LIST_22=100000+)', 'ListPrice ge 100000'],
    ['at most', '(LIST_66=3-)', 'BedroomsTotal le 3'],
    ['standard names', '(ListPrice=1+)', 'ListPrice ge 1'],
    [
      'lookup-or',
      '(LIST_15=|OV1,OV2)',
      `StandardStatus eq ${E}.StandardStatus'Active' or StandardStatus eq ${E}.StandardStatus'Pending'`
    ],
    ['lookup-not', '(LIST_15=~OV3)', `not (StandardStatus eq ${E}.StandardStatus'Closed')`],
    [
      'multi lookup-or',
      '(LIST_200=|DW,MW)',
      `Appliances/any(x: x eq ${E}.Appliances'Dishwasher') or Appliances/any(x: x eq ${E}.Appliances'Microwave')`
    ],
    [
      'multi lookup-and',
      '(LIST_200=+DW,RANGE)',
      `Appliances/any(x: x eq ${E}.Appliances'Dishwasher') and Appliances/any(x: x eq ${E}.Appliances'GasRange')`
    ],
    ['multi lookup-not', '(LIST_200=~DW)', `not (Appliances/any(x: x eq ${E}.Appliances'Dishwasher'))`],
    ['prefix wildcard', '(LIST_39=Bo*)', "startswith(City,'Bo')"],
    ['suffix wildcard', '(LIST_39=*ville)', "endswith(City,'ville')"],
    ['contains wildcard', '(LIST_39=*wood*)', "contains(City,'wood')"],
    ['date', '(LIST_12=2024-01-31)', 'CloseDate eq 2024-01-31'],
    ['date range', '(LIST_12=2024-01-01-2024-01-31)', 'CloseDate ge 2024-01-01 and CloseDate le 2024-01-31'],
    [
      'a day on a date-time field',
      '(LIST_87=2024-03-05)',
      'ModificationTimestamp ge 2024-03-05T00:00:00Z and ModificationTimestamp lt 2024-03-06T00:00:00Z'
    ],
    [
      'days on a date-time field',
      '(LIST_87=2024-02-28-2024-02-29)',
      'ModificationTimestamp ge 2024-02-28T00:00:00Z and ModificationTimestamp lt 2024-03-01T00:00:00Z'
    ],
    ['date-time', '(LIST_87=2024-03-05T10:00:00+)', 'ModificationTimestamp ge 2024-03-05T10:00:00Z'],
    ['NOW', '(LIST_87=.NOW.-)', 'ModificationTimestamp le now()'],
    ['TODAY', '(LIST_12=.TODAY.+)', 'CloseDate ge date(now())'],
    ['EMPTY', '(LIST_12=.EMPTY.)', 'CloseDate eq null'],
    ['EMPTY multi', '(LIST_200=.EMPTY.)', 'not Appliances/any()'],
    ['ANY', '(LIST_12=.ANY.)', 'CloseDate ne null'],
    ['AND', '(LIST_22=1+),(LIST_66=3)', 'ListPrice ge 1 and BedroomsTotal eq 3'],
    [
      'OR inside AND',
      '((LIST_66=2)|(LIST_66=3)),(LIST_39=Boston)',
      "(BedroomsTotal eq 2 or BedroomsTotal eq 3) and City eq 'Boston'"
    ],
    [
      'AND inside OR',
      '(LIST_66=2),(LIST_39=X)|(LIST_66=4)',
      "BedroomsTotal eq 2 and City eq 'X' or BedroomsTotal eq 4"
    ],
    ['NOT', '~(LIST_39=Boston)', "not (City eq 'Boston')"],
    ['NOT of a group', 'NOT ((LIST_66=2)|(LIST_66=3))', 'not (BedroomsTotal eq 2 or BedroomsTotal eq 3)']
  ])('%s: %s', (_name, dmql, odata) => {
    expect(dmqlToOData(dmql, map)).toEqual({ text: odata, diagnostics: [] })
  })

  const at = (q: string, part: string): { from: number; to: number } => {
    const from = q.indexOf(part)
    return { from, to: from + part.length }
  }
  it.each([
    ['? wildcard', '(LIST_39=B?b),(LIST_22=1+)', 'B?b', /only text\*/],
    ['wildcard in the middle', '(LIST_39=B*b)', 'B*b', /startswith/],
    ['unknown field', '(LIST_22=1+),(NOPE=1)', 'NOPE', /not a field/],
    ['field without a RESO field', '(LIST_999=x)', 'LIST_999', /override/],
    ['lookup code without a RESO value', '(LIST_15=|OV1,OV9)', 'OV9', /no RESO value/],
    ['code not in the lookup', '(LIST_15=|ZZ)', 'ZZ', /not a value/],
    ['time of day', '(LIST_87=10:00:00+)', '10:00:00', /no exact OData/],
    ['TODAY on a date-time field', '(LIST_87=.TODAY.)', '.TODAY.', /no exact OData/],
    ['letters on a number field', '(LIST_22=abc)', 'abc', /not a number/],
    ['range on a lookup', '(LIST_15=1-5)', '1-5', /range/]
  ])('%s is a diagnostic at its range, with no output', (_name, dmql, part, message) => {
    const r = dmqlToOData(dmql, map)
    expect(r.text).toBeUndefined()
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject(at(dmql, part))
    expect(r.diagnostics[0]?.message).toMatch(message)
  })

  it('never passes a lookup code through when the lookup values are not loaded', () => {
    const rets = retsProperty()
    rets.lookups = rets.lookups.map((l) => ({ name: l.name, attrs: {} }))
    const unloaded = buildFieldMap({ rets, retsClass: 'A', reso: resoProperty() })
    const r = dmqlToOData('(LIST_15=|OV1)', unloaded)
    expect(r.text).toBeUndefined()
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ from: 10, to: 13, message: expect.stringMatching(/not loaded/) })
    ])
    expect(odataToDmql("StandardStatus eq 'Active'", unloaded).text).toBeUndefined()
  })

  it('reports every untranslatable part, and a syntax error where the parser stopped', () => {
    expect(dmqlToOData('(LIST_39=B?b),(NOPE=1)', map).diagnostics).toHaveLength(2)
    expect(dmqlToOData('(LIST_22=', map).diagnostics[0]?.from).toBeGreaterThan(0)
  })
})

describe('OData → DMQL', () => {
  it.each([
    ['eq number', 'ListPrice eq 250000', '(LIST_22=250000)'],
    ['eq text', "City eq 'Boston'", '(LIST_39="Boston")'],
    ['eq digits as text', "PostalCode eq '02134'", '(LIST_43="02134")'],
    ['ne', "City ne 'Boston'", '~(LIST_39="Boston")'],
    ['ge', 'ListPrice ge 100000', '(LIST_22=100000+)'],
    ['le', 'BedroomsTotal le 3', '(LIST_66=3-)'],
    ['gt', 'BedroomsTotal gt 3', '(LIST_66=3+),~(LIST_66=3)'],
    ['lt', 'ListPrice lt 5', '(LIST_22=5-),~(LIST_22=5)'],
    ['literal first', '100000 le ListPrice', '(LIST_22=100000+)'],
    ['in', 'BedroomsTotal in (2,3)', '(LIST_66=2,3)'],
    ['enum eq', `StandardStatus eq ${E}.StandardStatus'Active'`, '(LIST_15=OV1)'],
    ['plain string lookup value', "StandardStatus eq 'Pending'", '(LIST_15=OV2)'],
    ['enum in', "StandardStatus in ('Active','Closed')", '(LIST_15=|OV1,OV3)'],
    ['has', `Appliances has ${E}.Appliances'Dishwasher'`, '(LIST_200=+DW)'],
    ['has flags', `Appliances has ${E}.Appliances'Dishwasher,GasRange'`, '(LIST_200=+DW,RANGE)'],
    ['any', "Appliances/any(a: a eq 'Dishwasher' or a eq 'Microwave')", '(LIST_200=|DW,MW)'],
    ['any()', 'Appliances/any()', '(LIST_200=.ANY.)'],
    ['not any', "not Appliances/any(a: a eq 'Dishwasher')", '~(LIST_200=|DW)'],
    ['startswith', "startswith(City,'Bo')", '(LIST_39=Bo*)'],
    ['endswith', "endswith(City,'ville')", '(LIST_39=*ville)'],
    ['contains', "contains(City,'wood')", '(LIST_39=*wood*)'],
    ['date', 'CloseDate ge 2024-01-01', '(LIST_12=2024-01-01+)'],
    [
      'date-time',
      'ModificationTimestamp lt 2024-03-05T10:00:00Z',
      '(LIST_87=2024-03-05T10:00:00Z-),~(LIST_87=2024-03-05T10:00:00Z)'
    ],
    ['now()', 'ModificationTimestamp le now()', '(LIST_87=.NOW.-)'],
    ['date(now())', 'CloseDate ge date(now())', '(LIST_12=.TODAY.+)'],
    ['eq null', 'CloseDate eq null', '(LIST_12=.EMPTY.)'],
    ['ne null', 'CloseDate ne null', '(LIST_12=.ANY.)'],
    ['and', "ListPrice ge 1 and City eq 'X'", '(LIST_22=1+),(LIST_39="X")'],
    ['or', 'BedroomsTotal eq 2 or BedroomsTotal eq 3', '(LIST_66=2)|(LIST_66=3)'],
    [
      'or inside and',
      "(BedroomsTotal eq 2 or BedroomsTotal eq 3) and City eq 'X'",
      '((LIST_66=2)|(LIST_66=3)),(LIST_39="X")'
    ],
    ['not', "not (City eq 'X' or City eq 'Y')", '~((LIST_39="X")|(LIST_39="Y"))']
  ])('%s: %s', (_name, odata, dmql) => {
    expect(odataToDmql(odata, map)).toEqual({ text: dmql, diagnostics: [] })
  })

  const at = (q: string, part: string): { from: number; to: number } => {
    const from = q.indexOf(part)
    return { from, to: from + part.length }
  }
  it.each([
    ['a function with no equivalent', "tolower(City) eq 'x' and ListPrice ge 1", 'tolower(City)', /expression/],
    ['year()', 'year(CloseDate) eq 2024', 'year(CloseDate)', /expression/],
    ['all()', "Appliances/all(a: a eq 'Dishwasher')", "Appliances/all(a: a eq 'Dishwasher')", /all\(\)/],
    ['a field the map lacks', 'LotSizeAcres gt 1', 'LotSizeAcres', /no RETS field/],
    ['a value without a code', "StandardStatus eq 'Withdrawn'", "'Withdrawn'", /no RETS code/],
    ['wildcard text that needs quotes', "startswith(City,'San J')", "'San J'", /cannot be quoted/],
    ['eq on a multi-select', "Appliances eq 'Dishwasher'", "Appliances eq 'Dishwasher'", /several values/],
    ['a path', "Media/MediaCategory eq 'Photo'", 'Media/MediaCategory', /path/]
  ])('%s is a diagnostic at its range, with no output', (_name, odata, part, message) => {
    const r = odataToDmql(odata, map)
    expect(r.text).toBeUndefined()
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject(at(odata, part))
    expect(r.diagnostics[0]?.message).toMatch(message)
  })

  it('every translated DMQL query parses and translates back to the same OData', () => {
    const q = `(BedroomsTotal eq 2 or BedroomsTotal eq 3) and StandardStatus eq ${E}.StandardStatus'Active'`
    const dmql = odataToDmql(q, map).text!
    expect(dmqlToOData(dmql, map).text).toBe(q)
  })
})
