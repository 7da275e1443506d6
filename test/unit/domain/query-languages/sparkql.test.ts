import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  evaluateSparkQL,
  parseSparkQL,
  sparkFieldsIn,
  tokenizeSparkQL,
  SparkQLSyntaxError,
  type SparkNode
} from '../../../../domain/query-languages/sparkql'
import { fieldResolver, recordFromObject } from '../../../../domain/query-languages'
import type { FieldMeta } from '../../../../domain/metadata/metadata-model'

function show(n: SparkNode): string {
  if (n.type === 'condition')
    return `${n.field} ${n.op} ${n.values.map((v) => ('value' in v ? String(v.value) : 'text' in v ? v.text : v.kind === 'function' ? `${v.name}(${v.arg ?? ''})` : v.kind)).join(',')}`
  if (n.type === 'not') return `Not[${show(n.item)}]`
  return `${n.type}(${n.items.map(show).join('; ')})`
}

function err(q: string): SparkQLSyntaxError {
  try {
    parseSparkQL(q)
  } catch (e) {
    expect(e).toBeInstanceOf(SparkQLSyntaxError)
    return e as SparkQLSyntaxError
  }
  throw new Error('parsed: ' + q)
}

describe('SparkQL tokenizer', () => {
  it('reads strings with escapes, custom field paths, dates, times', () => {
    const t = tokenizeSparkQL(`"Main"."Garage Stall" Eq 'O\\'Brien' Bt 2010-10-22T12:00:00 12:30 -1.5`)
    expect(t.map((x) => x.type)).toEqual(['quoted-field', 'ident', 'string', 'ident', 'datetime', 'time', 'number'])
    expect(t[0]!.value).toBe('Main.Garage Stall')
    expect(t[2]!.value).toBe("O'Brien")
  })
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        let last = 0
        for (const t of tokenizeSparkQL(s)) {
          expect(t.from).toBeGreaterThanOrEqual(last)
          expect(t.to).toBeGreaterThan(t.from)
          last = t.to
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe('SparkQL parser', () => {
  const cases: Array<[string, string]> = [
    ["City Eq 'Fargo'", 'City Eq Fargo'],
    ["City Eq 'Fargo','Moorhead'", 'City Eq Fargo,Moorhead'],
    ['ListPrice Bt 100000,200000', 'ListPrice Bt 100000,200000'],
    [
      "PropertyType Eq 'A' And ListPrice Ge 100000 Or City Ne 'X'",
      'or(and(PropertyType Eq A; ListPrice Ge 100000); City Ne X)'
    ],
    ["PropertyType Eq 'A' And (City Eq 'A' Or City Eq 'B')", 'and(PropertyType Eq A; or(City Eq A; City Eq B))'],
    ["Not City Eq 'Fargo'", 'Not[City Eq Fargo]'],
    ["PropertyType Eq 'A' Not City Eq 'Fargo'", 'and(PropertyType Eq A; Not[City Eq Fargo])'],
    ["city eq 'x' and beds gt 2", 'and(city Eq x; beds Gt 2)'],
    ['ListDate Ge 2024-01-01', 'ListDate Ge 2024-01-01'],
    ['ModificationTimestamp Gt 2024-01-01T10:00:00.123Z', 'ModificationTimestamp Gt 2024-01-01T10:00:00.123Z'],
    ['Waterfront Eq true', 'Waterfront Eq true'],
    ['CountyOrParish Eq Null', 'CountyOrParish Eq null'],
    ['ListDate Ge days(-7)', 'ListDate Ge days(-7)'],
    ['ModificationTimestamp Lt now()', 'ModificationTimestamp Lt now()'],
    [`"Main"."Style" Eq 'Multi Level'`, 'Main.Style Eq Multi Level']
  ]
  for (const [q, expected] of cases) it(q, () => expect(show(parseSparkQL(q))).toBe(expected))

  it('keeps ranges', () => {
    const n = parseSparkQL("  City Eq 'A','B'")
    if (n.type !== 'condition') throw new Error()
    expect(n.range).toEqual({ from: 2, to: 17 })
    expect(n.fieldRange).toEqual({ from: 2, to: 6 })
    expect(n.opRange).toEqual({ from: 7, to: 9 })
    expect(n.values[1]!.range).toEqual({ from: 14, to: 17 })
  })

  const errors: Array<[string, number, RegExp]> = [
    ['', 0, /empty/],
    ["City = 'Fargo'", 5, /writes '=' as Eq/],
    ["City Like 'F'", 5, /Expected an operator/],
    ['City Eq Fargo', 8, /need single quotes: 'Fargo'/],
    ["City Eq 'Fargo", 8, /Unterminated string/],
    ['ListPrice Bt 1', 13, /exactly two values/],
    ['ListPrice Gt 1,2', 13, /only Eq and Ne accept a list/],
    ["City Eq 'A' And", 15, /Expected a condition/],
    ["(City Eq 'A'", 12, /Missing '\)'/],
    ["City Eq 'A')", 11, /no matching/],
    ["City Eq 'A' City Eq 'B'", 12, /Expected And or Or/],
    ['ListDate Eq 2024-02-30', 12, /not a valid date/],
    ['ListDate Ge days()', 12, /needs a number/],
    ['City Eq', 7, /Expected a value/]
  ]
  for (const [q, offset, msg] of errors) {
    it(`error: ${JSON.stringify(q)}`, () => {
      const e = err(q)
      expect(e.message).toMatch(msg)
      expect(e.offset).toBe(offset)
    })
  }

  it('sparkFieldsIn', () => {
    expect(sparkFieldsIn(parseSparkQL('B Eq 1 And (A Eq 2 Or Not B Eq 3)'))).toEqual(['B', 'A'])
  })

  it('property: generated filters parse to the generated shape', () => {
    const cond = fc
      .tuple(
        fc.constantFrom('City', 'ListPrice', 'BedsTotal'),
        fc.oneof(
          fc.array(fc.stringMatching(/^[A-Za-z ']{0,8}$/), { minLength: 1, maxLength: 3 }).map((vs) => ({
            op: 'Eq',
            text: vs.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(','),
            shown: vs.join(',')
          })),
          fc
            .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 }))
            .map(([a, b]) => ({ op: 'Bt', text: `${a},${b}`, shown: `${a},${b}` })),
          fc.integer({ min: -50, max: 50 }).map((n) => ({ op: 'Ge', text: String(n), shown: String(n) }))
        )
      )
      .map(([f, v]) => ({ text: `${f} ${v.op} ${v.text}`, shape: `${f} ${v.op} ${v.shown}` }))
    type G = { text: string; shape: string }
    const tree: fc.Arbitrary<G> = fc.letrec<{ n: G }>((tie) => ({
      n: fc.oneof(
        { depthSize: 'small' },
        cond,
        fc.tuple(tie('n'), tie('n'), fc.constantFrom('And', 'Or')).map(([a, b, op]) => ({
          text: `(${a.text} ${op} ${b.text})`,
          shape: `${op.toLowerCase()}(${a.shape}; ${b.shape})`
        })),
        tie('n').map((a) => ({ text: `Not (${a.text})`, shape: `Not[${a.shape}]` }))
      )
    })).n
    fc.assert(
      fc.property(tree, (g) => {
        expect(show(parseSparkQL(g.text))).toBe(g.shape)
      }),
      { numRuns: 300 }
    )
  })
})

describe('SparkQL evaluator', () => {
  const fields: FieldMeta[] = [
    { systemName: 'ListPrice', dataType: 'Decimal', searchable: true, attrs: {} },
    { systemName: 'PostalCode', dataType: 'Character', searchable: true, attrs: {} },
    { systemName: 'ListDate', dataType: 'Date', searchable: true, attrs: {} },
    { systemName: 'ModificationTimestamp', dataType: 'Datetime', searchable: true, attrs: {} }
  ]
  const row = {
    City: 'Fargo',
    ListPrice: 1079900,
    PostalCode: '58103',
    BedsTotal: 8,
    ListDate: '2024-06-10',
    ModificationTimestamp: '2010-11-22T20:09:37Z',
    Waterfront: true,
    CountyOrParish: null,
    OpenTime: '09:30:00',
    Tags: ['Pool', 'Spa'],
    'Main.Style': 'Multi Level'
  }
  const now = new Date('2024-06-15T12:00:00Z')
  const table: Array<[string, boolean]> = [
    ["City Eq 'Fargo'", true],
    ["City Eq 'fargo'", true],
    ["City Eq 'Far*'", true],
    ["City Eq 'F?rgo'", false],
    ["City Eq 'Moorhead','Fargo'", true],
    ["City Ne 'Moorhead','Fargo'", false],
    ["City Ne 'Moorhead'", true],
    ['ListPrice Gt 1000000', true],
    ['ListPrice Bt 1000000,1079900', true],
    ['ListPrice Bt 1079901,2000000', false],
    ['ListPrice Le 1079899.99', false],
    ["ListPrice Eq '1079900'", true],
    ['PostalCode Eq 58103', true],
    ['BedsTotal Ge 8 And BedsTotal Lt 9', true],
    ['ListDate Eq 2024-06-10', true],
    ['ListDate Ge days(-7)', true],
    ['ListDate Ge days(-3)', false],
    ['ListDate Gt months(-1)', true],
    ['ModificationTimestamp Lt now()', true],
    ['ModificationTimestamp Gt 2010-11-22T20:09:36Z', true],
    ['ModificationTimestamp Eq 2010-11-22', true],
    ['Waterfront Eq true', true],
    ['Waterfront Eq false', false],
    ['CountyOrParish Eq Null', true],
    ['CountyOrParish Ne Null', false],
    ['City Ne Null', true],
    ['CountyOrParish Gt 5', false],
    ['OpenTime Ge 09:00', true],
    ['OpenTime Lt 09:30', false],
    ["Tags Eq 'spa'", true],
    ["Tags Ne 'Garage'", true],
    [`"Main"."Style" Eq 'Multi Level'`, true],
    ["Not City Eq 'Fargo'", false],
    ["City Eq 'X' Or BedsTotal Eq 8", true],
    ["City Eq 'Fargo' Not BedsTotal Eq 8", false],
    ["(City Eq 'X' Or BedsTotal Eq 8) And ListPrice Lt 5", false]
  ]
  for (const [q, expected] of table) {
    it(`${q} → ${expected}`, () =>
      expect(evaluateSparkQL(parseSparkQL(q), recordFromObject(row), fieldResolver(fields), { now })).toBe(expected))
  }
})
