import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { dmqlComplete, dmqlDiagnose, dmqlHover, dmqlTokens } from '../../../../domain/query-languages/dmql'
import { ctx } from './field-fixtures'

const labels = (text: string, offset = text.length) => dmqlComplete(text, offset, ctx).items.map((i) => i.label)

describe('DMQL2 tokens for colouring', () => {
  it('gives each piece a kind', () => {
    const text = '(LIST_15=|A,P),(LIST_22=100000+)|~(ListDate=2024-01-01),(City="Fargo") AND (X=.EMPTY.)'
    const kinds = dmqlTokens(text, ctx).map((t) => `${text.slice(t.from, t.to)}:${t.kind}`)
    expect(kinds).toEqual([
      '(:punctuation',
      'LIST_15:field',
      '=:operator',
      '|:operator',
      'A:lookup-value',
      ',:punctuation',
      'P:lookup-value',
      '):punctuation',
      ',:operator',
      '(:punctuation',
      'LIST_22:field',
      '=:operator',
      '100000+:range',
      '):punctuation',
      '|:operator',
      '~:operator',
      '(:punctuation',
      'ListDate:field',
      '=:operator',
      '2024-01-01:date',
      '):punctuation',
      ',:operator',
      '(:punctuation',
      'City:field',
      '=:operator',
      '"Fargo":string',
      '):punctuation',
      'AND:keyword',
      '(:punctuation',
      'X:field',
      '=:operator',
      '.EMPTY.:keyword',
      '):punctuation'
    ])
  })
  it('without context plain values are value/number and bad input is error', () => {
    const text = '(Beds=3),(City=Fargo) >'
    expect(dmqlTokens(text).map((t) => t.kind)).toEqual([
      'punctuation',
      'field',
      'operator',
      'number',
      'punctuation',
      'operator',
      'punctuation',
      'field',
      'operator',
      'value',
      'punctuation',
      'error'
    ])
  })
  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void dmqlTokens(s, ctx)))
  })
})

describe('DMQL2 completion', () => {
  it('offers SystemName and StandardName after ( and inserts the name only (typing = then gives one =)', () => {
    const c = dmqlComplete('(', 1, ctx)
    expect(c.from).toBe(1)
    const names = c.items.map((i) => i.label)
    expect(names).toEqual(
      expect.arrayContaining(['LIST_15', 'StandardStatus', 'LIST_22', 'ListPrice', 'City', 'ModificationTimestamp'])
    )
    expect(c.items.find((i) => i.label === 'ListPrice')).toMatchObject({ kind: 'field', insertText: 'ListPrice' })
    expect(c.items.filter((i) => i.kind === 'field')).toHaveLength(16)
  })
  it('with StandardNames off offers SystemNames only and flags a StandardName the server would refuse', () => {
    const sys = { ...ctx, names: 'system' as const }
    const names = dmqlComplete('(', 1, sys).items.map((i) => i.label)
    expect(names).toContain('LIST_22')
    expect(names).not.toContain('ListPrice')
    expect(names).not.toContain('ListingKey')
    expect(dmqlDiagnose('(ListPrice=1+)', sys)).toEqual([
      expect.objectContaining({ from: 1, to: 10, severity: 'error', message: expect.stringContaining('LIST_22') })
    ])
    expect(dmqlDiagnose('(LIST_22=1+)', sys)).toEqual([])
  })
  it('with StandardNames on offers StandardNames only and flags a SystemName', () => {
    const std = { ...ctx, names: 'standard' as const }
    const names = dmqlComplete('(', 1, std).items.map((i) => i.label)
    expect(names).toEqual(expect.arrayContaining(['ListPrice', 'ListingKey', 'BedroomsTotal']))
    expect(names).not.toContain('LIST_22')
    expect(names).not.toContain('City')
    expect(dmqlDiagnose('(LIST_22=1+)', std)[0]?.message).toContain('ListPrice')
    expect(dmqlDiagnose('(ListPrice=1+)', std)).toEqual([])
  })
  it('replaces the partial field name and does not double the =', () => {
    const c = dmqlComplete('(LIS=1)', 4, ctx)
    expect(c).toMatchObject({ from: 1, to: 4 })
    expect(c.items.find((i) => i.label === 'LIST_1')!.insertText).toBe('LIST_1')
  })
  it('at the start offers whole conditions', () => {
    const c = dmqlComplete('Li', 2, ctx)
    expect(c.from).toBe(0)
    expect(c.items.find((i) => i.label === 'ListPrice')!.insertText).toBe('(ListPrice')
    expect(labels('')).toContain('~')
  })
  it('offers the lookup values of the field before the cursor, and lookup operators right after =', () => {
    expect(labels('(LIST_15=')).toEqual(['A', 'P', 'S', 'X', '|', '+', '~', '.EMPTY.', '.ANY.'])
    expect(labels('(StandardStatus=|')).toEqual(['A', 'P', 'S', 'X', '.EMPTY.'])
    expect(labels('(LIST_1=1),(LIST_15=|A,')).toEqual(['A', 'P', 'S', 'X', '.EMPTY.'])
    const c = dmqlComplete('(City=|Fa', 9, ctx)
    expect(c).toMatchObject({ from: 7, to: 9 })
    expect(c.items.find((i) => i.label === 'WF')).toMatchObject({
      kind: 'lookup-value',
      detail: 'West Fargo',
      insertText: 'WF'
    })
  })
  it('offers .TODAY. and .NOW. for dates', () => {
    expect(labels('(ListDate=')).toEqual(['.TODAY.', '.NOW.', '.EMPTY.', '.ANY.'])
  })
  it('offers AND/OR after a closed condition, and works mid-text', () => {
    expect(labels('(Beds=1) ')).toEqual([',', '|', 'AND', 'OR'])
    const text = '(Beds=1),(LIST_15=)'
    expect(dmqlComplete(text, 18, ctx).items.map((i) => i.label)).toContain('P')
  })
})

describe('DMQL2 diagnostics', () => {
  it('reports a syntax error with its position', () => {
    expect(dmqlDiagnose('(LIST_15=A', ctx)).toEqual([
      { from: 10, to: 10, severity: 'error', message: expect.stringMatching(/Missing '\)'/) }
    ])
  })
  it('unknown field, with a suggestion', () => {
    expect(dmqlDiagnose('(ListPric=1)', ctx)).toEqual([
      { from: 1, to: 9, severity: 'error', message: "Unknown field 'ListPric' in this class (did you mean ListPrice?)" }
    ])
  })
  it('non-searchable field', () => {
    expect(dmqlDiagnose('(PrivateRemarks=x*)', ctx)).toEqual([
      {
        from: 1,
        to: 15,
        severity: 'warning',
        message: 'PrivateRemarks is not searchable: the server will reject this condition'
      }
    ])
  })
  it('value not in lookup (codes and long values both accepted)', () => {
    const d = dmqlDiagnose('(LIST_15=|A,Active,Z)', ctx)
    expect(d).toHaveLength(1)
    expect(d[0]).toMatchObject({ from: 19, to: 20, severity: 'warning' })
    expect(d[0]!.message).toMatch(/'Z' is not a value of lookup Status \(LIST_15\); known values: A, P, S, X/)
  })
  it('wrong types: letters for a number, bad date, number for a date', () => {
    expect(dmqlDiagnose('(ListPrice=abc)', ctx)).toEqual([
      { from: 11, to: 14, severity: 'error', message: "LIST_22 is numeric (Decimal): 'abc' is not a number" }
    ])
    expect(dmqlDiagnose('(Beds=2-x)', ctx)[0]!.message).toMatch(/is not a number/)
    expect(dmqlDiagnose('(ListDate=2024-13-01)', ctx)).toEqual([
      { from: 10, to: 20, severity: 'error', message: expect.stringMatching(/'2024-13-01' is not a valid date/) }
    ])
    expect(dmqlDiagnose('(ListDate=5+)', ctx)[0]).toMatchObject({ from: 10, to: 11, severity: 'error' })
    expect(dmqlDiagnose('(ModTime=.TODAY.-)', ctx)).toEqual([])
  })
  it('numeric range on a text field is flagged as info', () => {
    expect(dmqlDiagnose('(PostalCode=10-1796)', ctx)).toEqual([
      { from: 12, to: 19, severity: 'info', message: expect.stringContaining('"10-1796"') }
    ])
  })
  it('a clean query has no diagnostics', () => {
    expect(
      dmqlDiagnose(
        '(StandardStatus=|A,P),(ListPrice=100000+),(City=Far*),(ModificationTimestamp=2024-01-01T00:00:00+)',
        ctx
      )
    ).toEqual([])
  })
  it('no metadata → only syntax checks', () => {
    expect(dmqlDiagnose('(Anything=abc)', { fields: [] })).toEqual([])
  })
})

describe('DMQL2 hover', () => {
  it('describes the field under the cursor', () => {
    const h = dmqlHover('(ListPrice=1)', 3, ctx)!
    expect(h).toMatchObject({ from: 1, to: 10 })
    expect(h.text).toContain('**LIST_22** — List Price')
    expect(h.text).toContain('Current asking price')
    expect(dmqlHover('(LIST_15=A)', 2, ctx)!.text).toContain('Values: `A` Active, `P` Pending')
  })
  it('describes a lookup value and keywords', () => {
    expect(dmqlHover('(LIST_15=|A,P)', 12, ctx)!.text).toContain('**P** — Pending')
    expect(dmqlHover('(X=.EMPTY.)', 5, ctx)!.text).toContain('no value')
    expect(dmqlHover('(Nope=1)', 2, ctx)).toBeUndefined()
  })
})
