import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  evaluateODataFilter,
  parseODataFilter,
  parseODataOrderBy,
  parseODataSelect,
  tokenizeOData,
  ODataSyntaxError,
  type ODataExpr
} from '../../../../domain/query-languages/odata'
import { fieldResolver, recordFromObject } from '../../../../domain/query-languages'
import type { FieldMeta } from '../../../../domain/metadata/metadata-model'

function show(e: ODataExpr): string {
  switch (e.type) {
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`
    case 'not':
      return `not ${show(e.operand)}`
    case 'in':
      return `(${show(e.left)} in [${e.list.map(show).join(',')}])`
    case 'literal':
      return e.valueType === 'enum' ? `${e.enumType}:${String(e.value)}` : `${e.valueType}:${String(e.value)}`
    case 'property':
      return e.path.join('/')
    case 'call':
      return `${e.name}(${e.args.map(show).join(',')})`
    case 'lambda':
      return `${show(e.collection)}/${e.op}(${e.variable ?? ''}${e.body ? ':' + show(e.body) : ''})`
  }
}

function err(q: string): ODataSyntaxError {
  try {
    parseODataFilter(q)
  } catch (e) {
    expect(e).toBeInstanceOf(ODataSyntaxError)
    return e as ODataSyntaxError
  }
  throw new Error('parsed: ' + q)
}

describe('OData tokenizer', () => {
  it('recognises literal shapes', () => {
    const t = tokenizeOData(
      "2024-01-01 2024-01-01T10:00:00.5+01:00 -12.5e3 1e1b2c3d-0000-4000-8000-00000000abcd 'O''Brien' Odata.Models.StandardStatus'Active' duration'P1D' X"
    )
    expect(t.map((x) => x.type)).toEqual(['date', 'datetime', 'number', 'guid', 'string', 'enum', 'typed', 'ident'])
    expect(t[4]!.value).toBe("O'Brien")
    expect(t[5]).toMatchObject({ enumType: 'Odata.Models.StandardStatus', value: 'Active', from: 95, to: 130 })
  })
  it('never throws and keeps tokens in order inside the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        let last = 0
        for (const t of tokenizeOData(s)) {
          expect(t.from).toBeGreaterThanOrEqual(last)
          expect(t.to).toBeGreaterThan(t.from)
          expect(t.to).toBeLessThanOrEqual(s.length)
          last = t.to
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe('OData $filter parser', () => {
  const cases: Array<[string, string]> = [
    [
      "City eq 'Portland' and BedroomsTotal ge 3 and StandardStatus eq 'Active'",
      '(((City eq string:Portland) and (BedroomsTotal ge number:3)) and (StandardStatus eq string:Active))'
    ],
    ['A eq 1 or B eq 2 and C eq 3', '((A eq number:1) or ((B eq number:2) and (C eq number:3)))'],
    ['(A eq 1 or B eq 2) and C eq 3', '(((A eq number:1) or (B eq number:2)) and (C eq number:3))'],
    ["not contains(City,'port')", 'not contains(City,string:port)'],
    ["NOT (City EQ 'x')", 'not (City eq string:x)'],
    ['Price gt -5.5', '(Price gt number:-5.5)'],
    ['ListDate ge 2024-01-01', '(ListDate ge date:2024-01-01)'],
    ['ModificationTimestamp gt 2024-01-01T00:00:00Z', '(ModificationTimestamp gt datetime:2024-01-01T00:00:00Z)'],
    ["StandardStatus eq Odata.Models.StandardStatus'Active'", '(StandardStatus eq Odata.Models.StandardStatus:Active)'],
    ["Features has Ns.Features'Pool'", '(Features has Ns.Features:Pool)'],
    ["Features/any(f: f eq 'Pool')", 'Features/any(f:(f eq string:Pool))'],
    ['Rooms/all(r: r/Area gt 10)', 'Rooms/all(r:(r/Area gt number:10))'],
    ['Media/any()', 'Media/any()'],
    ["City in ('Fargo', 'Moorhead')", '(City in [string:Fargo,string:Moorhead])'],
    [
      'year(ListDate) eq 2024 and month(ListDate) le 6',
      '((year(ListDate) eq number:2024) and (month(ListDate) le number:6))'
    ],
    ['ModificationTimestamp lt now()', '(ModificationTimestamp lt now())'],
    ["tolower(City) eq 'fargo'", '(tolower(City) eq string:fargo)'],
    ['Waterfront eq true and Garage ne null', '((Waterfront eq boolean:true) and (Garage ne null:null))'],
    ['Key eq 1e1b2c3d-0000-4000-8000-00000000abcd', '(Key eq guid:1e1b2c3d-0000-4000-8000-00000000abcd)'],
    ["Media/MediaCategory eq 'Photo'", '(Media/MediaCategory eq string:Photo)']
  ]
  for (const [q, expected] of cases) it(q, () => expect(show(parseODataFilter(q))).toBe(expected))

  it('records ranges', () => {
    const e = parseODataFilter(" City eq 'A' ")
    expect(e.range).toEqual({ from: 1, to: 12 })
    if (e.type !== 'binary') throw new Error()
    expect(e.opRange).toEqual({ from: 6, to: 8 })
    expect(e.right.range).toEqual({ from: 9, to: 12 })
    expect(parseODataFilter('(A eq 1)').range).toEqual({ from: 0, to: 8 })
  })

  const errors: Array<[string, number, RegExp]> = [
    ['', 0, /empty/],
    ["City eq 'Fargo", 8, /Unterminated string/],
    ['City eq', 7, /Expected a value/],
    ["City = 'x'", 5, /Expected an operator/],
    ["City eq 'x' and", 15, /Expected a value/],
    ['(A eq 1', 7, /Missing '\)'/],
    ['A eq 1)', 6, /no matching/],
    ['foo(City)', 0, /Unknown function 'foo'/],
    ['contains(City)', 0, /takes 2 arguments, got 1/],
    ['eq 5', 0, /field name or a value before 'eq'/],
    ["Features/any(f eq 'A')", 15, /Expected ':'/],
    ["City in 'A'", 8, /Expected '\(' after 'in'/],
    ['A eq 1 B eq 2', 7, /Expected an operator .* before 'B'/]
  ]
  for (const [q, offset, msg] of errors) {
    it(`error: ${JSON.stringify(q)}`, () => {
      const e = err(q)
      expect(e.message).toMatch(msg)
      expect(e.offset).toBe(offset)
    })
  }
})

describe('OData $filter evaluator', () => {
  const fields: FieldMeta[] = [
    { systemName: 'ListPrice', dataType: 'Edm.Decimal', searchable: true, attrs: {} },
    { systemName: 'PostalCode', dataType: 'Edm.String', searchable: true, attrs: {} },
    { systemName: 'ListDate', dataType: 'Edm.Date', searchable: true, attrs: {} },
    { systemName: 'ModificationTimestamp', dataType: 'Edm.DateTimeOffset', searchable: true, attrs: {} },
    { systemName: 'Waterfront', dataType: 'Edm.Boolean', searchable: true, attrs: {} }
  ]
  const row = {
    City: 'Fargo',
    ListPrice: 250000,
    PostalCode: '02134',
    StandardStatus: 'Active',
    QualifiedStatus: "Odata.Models.StandardStatus'Pending'",
    Features: ['Pool', 'Spa'],
    FlagFeatures: 'Pool,Garage',
    ListDate: '2024-06-15',
    ModificationTimestamp: '2024-06-14T23:30:00Z',
    Waterfront: false,
    Remarks: "O'Brien's place",
    Nothing: null
  }
  const now = new Date('2024-06-15T12:00:00Z')
  const truth: Array<[string, boolean]> = [
    ["City eq 'Fargo'", true],
    ["City eq 'fargo'", true],
    ["City ne 'Fargo'", false],
    ['ListPrice gt 200000', true],
    ['ListPrice ge 250000 and ListPrice le 250000', true],
    ['ListPrice lt 250000', false],
    ["PostalCode eq '02134'", true],
    ["PostalCode gt '0'", true],
    ["StandardStatus eq 'Active'", true],
    ["StandardStatus eq Odata.Models.StandardStatus'Active'", true],
    ["QualifiedStatus eq 'Pending'", true],
    ["QualifiedStatus eq Odata.Models.StandardStatus'Pending'", true],
    ["QualifiedStatus eq 'Active'", false],
    ["Features has Ns.Features'Pool'", true],
    ["Features has Ns.Features'Pool,Spa'", true],
    ["Features has Ns.Features'Garage'", false],
    ["FlagFeatures has Ns.Features'Garage'", true],
    ["Features/any(f: f eq 'Spa')", true],
    ["Features/any(f: f eq 'Garage')", false],
    ["Features/all(f: f ne 'Garage')", true],
    ["Features/all(f: startswith(f, 'P'))", false],
    ['Features/any()', true],
    ['Nothing/any()', false],
    ["City in ('Moorhead','Fargo')", true],
    ["City in ('Moorhead')", false],
    ['ListDate eq 2024-06-15', true],
    ['ListDate gt 2024-06-15', false],
    ['ModificationTimestamp ge 2024-06-14T23:30:00Z', true],
    ['ModificationTimestamp gt 2024-06-15T00:00:00+01:00', true],
    ['ModificationTimestamp lt 2024-06-14', false],
    ['ModificationTimestamp eq 2024-06-14', true],
    ['ModificationTimestamp lt now()', true],
    ['date(ModificationTimestamp) eq 2024-06-14', true],
    ['year(ListDate) eq 2024 and month(ListDate) eq 6 and day(ListDate) eq 15', true],
    ['hour(ModificationTimestamp) eq 23 and minute(ModificationTimestamp) eq 30', true],
    ["contains(City,'AR')", true],
    ["startswith(City,'Far') and endswith(City,'go')", true],
    ["contains(Remarks,'O''Brien')", true],
    ["tolower(City) eq 'fargo' and toupper(City) eq 'FARGO'", true],
    ['length(City) eq 5', true],
    ['Waterfront eq false', true],
    ['Waterfront eq true', false],
    ['Nothing eq null', true],
    ['Missing eq null', true],
    ['City eq null', false],
    ['City ne null', true],
    ['Nothing gt 5', false],
    ["not (City eq 'Fargo')", false],
    ["City eq 'x' or ListPrice gt 1", true],
    ["City eq 'x' or ListPrice gt 1 and Waterfront eq true", false],
    ["contains(Nothing,'a')", false]
  ]
  for (const [q, expected] of truth) {
    it(`${q} → ${expected}`, () => {
      expect(evaluateODataFilter(parseODataFilter(q), recordFromObject(row), fieldResolver(fields), { now })).toBe(
        expected
      )
    })
  }
})

describe('$orderby and $select', () => {
  it('parses order items with directions and ranges', () => {
    expect(parseODataOrderBy('ListPrice desc, City,ModificationTimestamp ASC')).toEqual([
      { field: 'ListPrice', direction: 'desc', range: { from: 0, to: 14 } },
      { field: 'City', direction: 'asc', range: { from: 16, to: 20 } },
      { field: 'ModificationTimestamp', direction: 'asc', range: { from: 21, to: 46 } }
    ])
    expect(parseODataOrderBy('')).toEqual([])
  })
  it('rejects bad directions and empty items with positions', () => {
    expect(() => parseODataOrderBy('ListPrice down')).toThrow(/expected asc or desc/)
    try {
      parseODataOrderBy('A,,B')
    } catch (e) {
      expect((e as ODataSyntaxError).offset).toBe(2)
    }
  })
  it('parses $select lists and *', () => {
    expect(parseODataSelect('ListingKey, City,Media/MediaURL').map((s) => s.field)).toEqual([
      'ListingKey',
      'City',
      'Media/MediaURL'
    ])
    expect(parseODataSelect('*')[0]!.field).toBe('*')
    expect(() => parseODataSelect('City eq')).toThrow(/not a property name/)
  })
})

describe('odataFieldsIn', () => {
  it('lists properties once, without lambda variables', async () => {
    const { odataFieldsIn } = await import('../../../../domain/query-languages/odata')
    expect(
      odataFieldsIn(
        parseODataFilter("City eq 'A' and Features/any(f: f eq 'x' and f ne City) or year(ListDate) eq 2024")
      )
    ).toEqual(['City', 'Features', 'ListDate'])
  })
})
