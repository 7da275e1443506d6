import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseDmql, tokenizeDmql, DmqlSyntaxError, fieldsIn } from '../../../../domain/query-languages/dmql'
import type { DmqlCriterion, DmqlNode } from '../../../../domain/query-languages/dmql'

function criterion(q: string): DmqlCriterion {
  const n = parseDmql(q)
  if (n.type !== 'criterion') throw new Error(`not a criterion: ${n.type}`)
  return n
}

function syntaxError(q: string): DmqlSyntaxError {
  try {
    parseDmql(q)
  } catch (e) {
    expect(e).toBeInstanceOf(DmqlSyntaxError)
    return e as DmqlSyntaxError
  }
  throw new Error(`parsed without error: ${q}`)
}

function shape(n: DmqlNode): string {
  if (n.type === 'criterion') return n.field
  if (n.type === 'not') return `~${shape(n.item)}`
  return `${n.type}(${n.items.map(shape).join(' ')})`
}

describe('DMQL2 tokenizer', () => {
  it('switches to value mode after = so | , ~ are lookup operators and separators there', () => {
    const t = tokenizeDmql('(Status=|A,B),~(X=~C)')
    expect(t.map((x) => `${x.type}:${x.text}`)).toEqual([
      'lparen:(',
      'field:Status',
      'equals:=',
      'lookup-op:|',
      'value:A',
      'comma:,',
      'value:B',
      'rparen:)',
      'and:,',
      'not:~',
      'lparen:(',
      'field:X',
      'equals:=',
      'lookup-op:~',
      'value:C',
      'rparen:)'
    ])
  })
  it('keeps offsets and quoted items with commas and spaces inside', () => {
    const t = tokenizeDmql('(City="New York, NY" , Boston )')
    const values = t.filter((x) => x.type === 'value')
    expect(values.map((v) => [v.text, v.from, v.to])).toEqual([
      ['"New York, NY"', 6, 20],
      ['Boston', 23, 29]
    ])
  })
  it('reads AND / OR / NOT words as boolean operators', () => {
    expect(
      tokenizeDmql('(A=1) AND NOT (B=2) OR (C=3)')
        .map((x) => x.type)
        .filter((x) => /and|or|not/.test(x))
    ).toEqual(['and', 'not', 'or'])
  })
  it('marks an unterminated quote as an error token', () => {
    const t = tokenizeDmql('(A="abc')
    expect(t[t.length - 1]).toMatchObject({ type: 'error', from: 3, to: 7 })
  })
  it('never throws on arbitrary text and tokens stay inside the text in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'()=,|~+-"*?.AZaz09 T:\n'.split('')), maxLength: 60 }), (s) => {
        const toks = tokenizeDmql(s)
        let last = 0
        for (const t of toks) {
          expect(t.from).toBeGreaterThanOrEqual(last)
          expect(t.to).toBeLessThanOrEqual(s.length)
          expect(s.slice(t.from, t.to)).toBe(t.text)
          last = t.to
        }
      }),
      { numRuns: 500 }
    )
    fc.assert(fc.property(fc.string(), (s) => void tokenizeDmql(s)))
  })
})

describe('DMQL2 parser: values', () => {
  it('exact number and string', () => {
    expect(criterion('(Beds=3)').values).toEqual([{ kind: 'number', value: 3, text: '3', range: { from: 6, to: 7 } }])
    expect(criterion('(City=Fargo)').values[0]).toMatchObject({
      kind: 'string',
      value: 'Fargo',
      quoted: false,
      wildcard: false
    })
  })
  it('value list inside one criterion', () => {
    const c = criterion('(City=Fargo,Moorhead,"West Fargo")')
    expect(c.lookupOp).toBeUndefined()
    expect(c.values.map((v) => (v.kind === 'string' ? v.value : v.kind))).toEqual(['Fargo', 'Moorhead', 'West Fargo'])
    expect(c.values[2]).toMatchObject({ quoted: true, range: { from: 21, to: 33 } })
  })
  it('numeric ranges between / at least / at most, with decimals and negatives', () => {
    expect(criterion('(ListPrice=100000-200000)').values[0]).toMatchObject({
      kind: 'range',
      from: { value: 100000 },
      to: { value: 200000 }
    })
    expect(criterion('(ListPrice=100000+)').values[0]).toMatchObject({ kind: 'range', from: { value: 100000 } })
    expect(criterion('(ListPrice=100000+)').values[0]).not.toHaveProperty('to')
    expect(criterion('(ListPrice=250000-)').values[0]).toMatchObject({ kind: 'range', to: { value: 250000 } })
    expect(criterion('(Baths=1.5-2.75)').values[0]).toMatchObject({ from: { value: 1.5 }, to: { value: 2.75 } })
    expect(criterion('(Longitude=-96.8--96.7)').values[0]).toMatchObject({
      from: { value: -96.8, range: { from: 11, to: 16 } },
      to: { value: -96.7, range: { from: 17, to: 22 } }
    })
    expect(criterion('(Lat=-5)').values[0]).toMatchObject({ kind: 'number', value: -5 })
  })
  it('dates, date-times with optional seconds/ms/zone, and date ranges', () => {
    expect(criterion('(D=2024-01-31)').values[0]).toMatchObject({ kind: 'date', precision: 'date', text: '2024-01-31' })
    expect(criterion('(D=2024-01-31T10:20:30.123Z)').values[0]).toMatchObject({ kind: 'date', precision: 'datetime' })
    expect(criterion('(D=2024-01-31T10:20)').values[0]).toMatchObject({ kind: 'date', precision: 'datetime' })
    expect(criterion('(D=2024-01-31T10:20:30+05:00)').values[0]).toMatchObject({ kind: 'date', precision: 'datetime' })
    expect(criterion('(D=2024-01-01-2024-02-01)').values[0]).toMatchObject({
      kind: 'range',
      from: { text: '2024-01-01' },
      to: { text: '2024-02-01' }
    })
    expect(criterion('(D=2024-01-01T00:00:00+)').values[0]).toMatchObject({
      kind: 'range',
      from: { precision: 'datetime' }
    })
    expect(criterion('(D=2024-01-01T00:00:00-)').values[0]).toMatchObject({
      kind: 'range',
      to: { text: '2024-01-01T00:00:00' }
    })
    expect(criterion('(D=2024-02-30)').values[0]).toMatchObject({ kind: 'string' })
  })
  it('times (RETS partial-time) and open string ranges (RETS 1.8 greater/less with string-eq)', () => {
    expect(criterion('(T=10:30:00)').values[0]).toMatchObject({ kind: 'date', precision: 'time' })
    expect(criterion('(T=08:00:00-17:30:00.5)').values[0]).toMatchObject({
      kind: 'range',
      from: { precision: 'time' },
      to: { text: '17:30:00.5' }
    })
    expect(criterion('(T=25:00:00)').values[0]).toMatchObject({ kind: 'string' })
    expect(criterion('(T=2024-01-01-10:00:00)').values[0]).toMatchObject({ kind: 'string' })
    expect(criterion('(LastName=M+)').values[0]).toMatchObject({
      kind: 'range',
      from: { kind: 'string', value: 'M', range: { from: 10, to: 11 } }
    })
    expect(criterion('(LastName=Mc-)').values[0]).toMatchObject({ kind: 'range', to: { kind: 'string', value: 'Mc' } })
    expect(criterion('(LastName=A-C)').values[0]).toMatchObject({ kind: 'string', value: 'A-C' })
  })
  it('.TODAY. and .NOW. as values and range bounds', () => {
    expect(criterion('(D=.TODAY.)').values[0]).toMatchObject({ kind: 'date', relative: 'today', precision: 'date' })
    expect(criterion('(D=.NOW.-)').values[0]).toMatchObject({
      kind: 'range',
      to: { relative: 'now', precision: 'datetime' }
    })
    expect(criterion('(D=2024-01-01-.TODAY.)').values[0]).toMatchObject({
      kind: 'range',
      from: { text: '2024-01-01' },
      to: { relative: 'today' }
    })
  })
  it('wildcards, quoted strings keep * literally, hyphenated text', () => {
    expect(criterion('(City=Bo*)').values[0]).toMatchObject({ kind: 'string', wildcard: true })
    expect(criterion('(City=B?b)').values[0]).toMatchObject({ kind: 'string', wildcard: true })
    expect(criterion('(City="Bo*")').values[0]).toMatchObject({ kind: 'string', wildcard: false, value: 'Bo*' })
    expect(criterion('(ListingId=10-1796)').values[0]).toMatchObject({ kind: 'range' })
    expect(criterion('(ListingId="10-1796")').values[0]).toMatchObject({ kind: 'string', value: '10-1796' })
    expect(criterion('(ListingId=AB-12)').values[0]).toMatchObject({ kind: 'string', value: 'AB-12' })
  })
  it('lookup or / and / not, .ANY., .EMPTY.', () => {
    expect(criterion('(Status=|A,P)')).toMatchObject({ lookupOp: 'or', valueRange: { from: 8, to: 12 } })
    expect(criterion('(Features=+Pool,Spa)').lookupOp).toBe('and')
    expect(criterion('(Status=~S,X)').lookupOp).toBe('not')
    expect(criterion('(Status=.ANY.)').values[0]!.kind).toBe('any')
    expect(criterion('(Status=|A,.EMPTY.)').values.map((v) => v.kind)).toEqual(['string', 'empty'])
    expect(criterion('(Status=.empty.)').values[0]!.kind).toBe('empty')
  })
})

describe('DMQL2 parser: structure', () => {
  it('AND binds tighter than OR; NOT applies to one element', () => {
    expect(shape(parseDmql('(A=1)|(B=2),(C=3)'))).toBe('or(A and(B C))')
    expect(shape(parseDmql('((A=1)|(B=2)),(C=3)'))).toBe('and(or(A B) C)')
    expect(shape(parseDmql('~(A=1),(B=2)'))).toBe('and(~A B)')
    expect(shape(parseDmql('(A=1) AND NOT (B=2) OR (C=3)'))).toBe('or(and(A ~B) C)')
    expect(shape(parseDmql('~~(A=1)'))).toBe('~~A')
  })
  it('records ranges for nodes and a group spans its parentheses', () => {
    const n = parseDmql(' ((A=1)|(B=2)) ')
    expect(n.range).toEqual({ from: 1, to: 14 })
    const c = criterion('( Status = |A )')
    expect(c.fieldRange).toEqual({ from: 2, to: 8 })
    expect(c.range).toEqual({ from: 0, to: 15 })
  })
  it('fieldsIn lists each field once in order of use', () => {
    expect(fieldsIn(parseDmql('(B=1),((A=2)|~(B=3)),(C=.ANY.)'))).toEqual(['B', 'A', 'C'])
  })
})

describe('DMQL2 syntax errors carry a position and say what to do', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['', 0, /empty/],
    ['   ', 0, /empty/],
    ['(A=1', 4, /Missing '\)'.*at line 1, column 1/],
    ['(A=1)(B=2)', 5, /',' \(AND\) or '\|' \(OR\)/],
    ['(A=1))', 5, /no matching '\('/],
    ['(A=)', 3, /Missing value after 'A='/],
    ['(A=|)', 3, /Missing lookup value/],
    ['(A=1,,2)', 5, /Empty value in the list/],
    ['(A=1,)', 3, /Missing value/],
    ['A=1', 0, /Expected '\(' before 'A'/],
    ['(A>1)', 2, /Expected '=' after the field name 'A'/],
    ['()', 1, /Empty parentheses/],
    ['(A="abc)', 3, /Unterminated quoted string/],
    ['(A=1),', 6, /Expected a condition/],
    ['(A=.ANY.,B)', 3, /\.ANY\. .*stand alone/],
    ['(A=|1-5)', 4, /not a range/],
    ['((A=1)', 6, /Missing '\)' to close the '\(' at line 1, column 1/]
  ]
  for (const [q, offset, msg] of cases) {
    it(JSON.stringify(q), () => {
      const e = syntaxError(q)
      expect(e.message).toMatch(msg)
      expect(e.offset).toBe(offset)
      expect(e.language).toBe('dmql')
    })
  }
})

describe('DMQL2 property: generated well-formed queries parse back to the same structure', () => {
  const field = fc.constantFrom('ListPrice', 'Status', 'LIST_15', 'City', 'ModificationTimestamp')
  const value = fc.oneof(
    fc.integer({ min: 0, max: 10_000_000 }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}-${b}`),
    fc.integer({ min: 0, max: 999 }).map((a) => `${a}+`),
    fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}\*?$/),
    fc.stringMatching(/^[A-Za-z ,]{1,10}$/).map((s) => `"${s}"`),
    fc.constantFrom('.ANY.', '.EMPTY.', '.TODAY.', '.NOW.-')
  )
  const crit = fc
    .tuple(field, fc.constantFrom('', '|', '+', '~'), fc.array(value, { minLength: 1, maxLength: 3 }))
    .map(([f, op, vs]) => {
      const list = vs.includes('.ANY.')
        ? ['.ANY.']
        : op
          ? vs.filter((v) => !/\d[+-]|\d-\d/.test(v) || /^\d{4}-\d{2}-\d{2}/.test(v))
          : vs
      const safe = list.filter((v) => !(op && /[+-]$|^\d{4}.*-$/.test(v)))
      return { text: `(${f}=${op}${(safe.length ? safe : ['X']).join(',')})`, shape: f }
    })
  type Gen = { text: string; shape: string }
  const tree: fc.Arbitrary<Gen> = fc.letrec<{ node: Gen }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      crit,
      fc.tuple(tie('node'), tie('node'), fc.constantFrom(',', '|')).map(([a, b, op]) => ({
        text: `(${a.text}${op}${b.text})`,
        shape: `${op === ',' ? 'and' : 'or'}(${a.shape} ${b.shape})`
      })),
      tie('node').map((a) => ({ text: `~${a.text}`, shape: `~${a.shape}` }))
    )
  })).node
  it('parses', () => {
    fc.assert(
      fc.property(tree, (g) => {
        expect(shape(parseDmql(g.text))).toBe(g.shape)
      }),
      { numRuns: 400 }
    )
  })
})

describe('syntax errors say where as line and column', () => {
  it('counts lines and columns from 1, not a character offset', () => {
    expect(() => parseDmql('(A=1),\n  ((B=2)')).toThrow(/at line 2, column 3/)
    expect(() => parseDmql('(A=1),\n  ((B=2)')).not.toThrow(/offset/)
  })
})
