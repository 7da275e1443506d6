import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { odataComplete, odataDiagnose, odataHover, odataTokens } from '../../../../domain/query-languages/odata'
import type { EditorContext } from '../../../../domain/query-languages/editor/editor-types'
import type { FieldMeta } from '../../../../domain/metadata/metadata-model'
import { lookups } from './field-fixtures'

const f = (systemName: string, dataType: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({
  systemName,
  dataType,
  searchable: true,
  attrs: {},
  ...extra
})
const ctx: EditorContext = {
  fields: [
    f('ListingKey', 'Edm.String', { isKey: true }),
    f('StandardStatus', 'Odata.Models.StandardStatus', { lookupName: 'Status', longName: 'Standard Status' }),
    f('ListPrice', 'Edm.Decimal'),
    f('City', 'Edm.String', { lookupName: 'City' }),
    f('Features', 'Odata.Models.Features', { lookupName: 'Features', collection: true }),
    f('PostalCode', 'Edm.String', { maxLength: 10 }),
    f('ListDate', 'Edm.Date'),
    f('ModificationTimestamp', 'Edm.DateTimeOffset'),
    f('WaterfrontYN', 'Edm.Boolean'),
    f('PrivateRemarks', 'Edm.String', { searchable: false })
  ],
  lookupValues: (n) => lookups[n]
}
const labels = (text: string, offset = text.length) => odataComplete(text, offset, ctx).items.map((i) => i.label)

describe('OData tokens', () => {
  it('classifies fields, operators, keywords, literals', () => {
    const text =
      "StandardStatus eq Odata.Models.StandardStatus'Active' and contains(City,'Far') or ListDate ge 2024-01-01 and not WaterfrontYN eq true"
    expect(odataTokens(text).map((t) => `${text.slice(t.from, t.to)}:${t.kind}`)).toEqual([
      'StandardStatus:field',
      'eq:operator',
      "Odata.Models.StandardStatus'Active':lookup-value",
      'and:keyword',
      'contains:keyword',
      '(:punctuation',
      'City:field',
      ',:punctuation',
      "'Far':string",
      '):punctuation',
      'or:keyword',
      'ListDate:field',
      'ge:operator',
      '2024-01-01:date',
      'and:keyword',
      'not:keyword',
      'WaterfrontYN:field',
      'eq:operator',
      'true:keyword'
    ])
    expect(odataTokens("City eq 'x").map((t) => t.kind)).toEqual(['field', 'operator', 'error'])
  })
  it('never throws', () => fc.assert(fc.property(fc.string(), (s) => void odataTokens(s))))
})

describe('OData completion', () => {
  it('fields (system and standard names), functions and not at an operand position', () => {
    const items = odataComplete('', 0, ctx).items
    expect(items.filter((i) => i.kind === 'field').map((i) => i.label)).toEqual(ctx.fields.map((x) => x.systemName))
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['contains', 'startswith', 'year', 'now', 'not']))
    expect(items.find((i) => i.label === 'now')!.insertText).toBe('now()')
    expect(labels("City eq 'A' and Li")).toContain('ListPrice')
    expect(odataComplete("City eq 'A' and Li", 18, ctx)).toMatchObject({ from: 16, to: 18 })
    expect(labels('contains(')).toContain('City')
  })
  it('operators after an operand', () => {
    expect(labels('City ')).toEqual(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has', 'in', 'and', 'or'])
    expect(labels("City eq 'A' ")).toContain('and')
    expect(labels('City e')).toContain('eq')
  })
  it('lookup values of the compared field, quoted, also while typing the string', () => {
    expect(labels('StandardStatus eq ')).toEqual(['A', 'P', 'S', 'X', 'null'])
    expect(odataComplete('StandardStatus eq ', 18, ctx).items[1]!.insertText).toBe("'P'")
    const c = odataComplete("StandardStatus eq 'P", 20, ctx)
    expect(c).toMatchObject({ from: 18, to: 20 })
    expect(c.items.map((i) => i.label)).toContain('P')
  })
  it('qualified enum literals after has, values inside in (…) and lambda bodies', () => {
    const has = odataComplete('Features has ', 13, ctx).items
    expect(has.find((i) => i.label === 'POOL')!.insertText).toBe("Odata.Models.Features'POOL'")
    expect(labels("City in ('FAR', ")).toEqual(['FAR', 'MOO', 'WF', 'null'])
    expect(labels('Features/any(f: f eq ')).toEqual(['POOL', 'SPA', 'GAR', 'null'])
    expect(labels('Features/')).toEqual(['any', 'all'])
  })
  it('now() for dates and true/false for booleans', () => {
    expect(labels('ModificationTimestamp gt ')).toEqual(['now()', 'null'])
    expect(labels('WaterfrontYN eq ')).toEqual(['true', 'false', 'null'])
  })
})

describe('OData diagnostics', () => {
  it('syntax error with position', () => {
    expect(odataDiagnose("City eq 'Fargo", ctx)).toEqual([
      { from: 8, to: 14, severity: 'error', message: expect.stringMatching(/Unterminated string/) }
    ])
  })
  it('unknown field and non-searchable field', () => {
    expect(odataDiagnose("Citty eq 'A'", ctx)).toEqual([
      { from: 0, to: 5, severity: 'error', message: "Unknown field 'Citty' in this class" }
    ])
    expect(odataDiagnose("contains(PrivateRemarks,'x')", ctx)).toEqual([
      { from: 9, to: 23, severity: 'warning', message: expect.stringMatching(/not searchable/) }
    ])
  })
  it('value not in lookup: plain, qualified enum, has, in, lambda', () => {
    const msgs = (q: string) => odataDiagnose(q, ctx).map((d) => `${d.from}-${d.to}:${d.severity}`)
    expect(msgs("StandardStatus eq 'Z'")).toEqual(['18-21:warning'])
    expect(msgs("StandardStatus eq Odata.Models.StandardStatus'Z'")).toEqual(['18-48:warning'])
    expect(msgs("StandardStatus eq Odata.Models.StandardStatus'Active'")).toEqual([])
    expect(msgs("Features has Odata.Models.Features'POOL,HOT'")).toEqual(['13-44:warning'])
    expect(msgs("City in ('FAR','ZZZ')")).toEqual(['15-20:warning'])
    expect(msgs("Features/any(f: f eq 'NOPE')")).toEqual(['21-27:warning'])
    expect(msgs("Features/any(f: f eq 'SPA')")).toEqual([])
  })
  it('wrong types', () => {
    expect(odataDiagnose("ListPrice gt 'cheap'", ctx)[0]).toMatchObject({
      from: 13,
      to: 20,
      severity: 'error',
      message: "ListPrice is numeric (Edm.Decimal): 'cheap' is not a number"
    })
    expect(odataDiagnose("ListPrice gt '100'", ctx)[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/without quotes/)
    })
    expect(odataDiagnose("ListDate ge '2024-01-01'", ctx)[0]).toMatchObject({
      severity: 'warning',
      message: 'OData writes dates without quotes: 2024-01-01'
    })
    expect(odataDiagnose('ListDate ge 5', ctx)[0]).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/expected a date/)
    })
    expect(odataDiagnose('PostalCode eq 58103', ctx)[0]).toMatchObject({
      severity: 'error',
      message: "PostalCode is text (Edm.String): quote the value ('58103')"
    })
    expect(odataDiagnose("WaterfrontYN eq 'maybe'", ctx)[0]!.message).toMatch(/not true\/false/)
  })
  it('warns when not negates a non-boolean field instead of a comparison', () => {
    expect(odataDiagnose("not City eq 'FAR'", ctx)).toEqual([
      { from: 0, to: 8, severity: 'warning', message: expect.stringMatching(/'not' applies to City alone/) }
    ])
    expect(odataDiagnose("not (City eq 'FAR')", ctx)).toEqual([])
    expect(odataDiagnose('not WaterfrontYN', ctx)).toEqual([])
  })
  it('a clean filter has none', () => {
    expect(
      odataDiagnose("StandardStatus eq 'A' and ListPrice ge 100000 and ListDate ge 2024-01-01 and Media/any()", ctx)
    ).toEqual([])
  })
})

describe('OData hover', () => {
  it('field, lambda variable, function, lookup value', () => {
    expect(odataHover("StandardStatus eq 'A'", 3, ctx)!.text).toContain('**StandardStatus** — Standard Status')
    expect(odataHover("Features/any(f: f eq 'SPA')", 16, ctx)!.text).toContain('**Features**')
    expect(odataHover("contains(City,'x')", 2, ctx)!.text).toContain('contains(Field')
    expect(odataHover("StandardStatus eq 'A'", 19, ctx)!.text).toContain('**A** — Active')
    expect(odataHover("Nope eq 'A'", 1, ctx)).toBeUndefined()
  })
})
