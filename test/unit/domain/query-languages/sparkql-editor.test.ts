import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  parseSparkQL,
  sparkqlComplete,
  sparkqlDiagnose,
  sparkqlHover,
  sparkqlTokens
} from '../../../../domain/query-languages/sparkql'
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
    f('MlsStatus', 'Character', { lookupName: 'Status' }),
    f('ListPrice', 'Decimal'),
    f('City', 'Character', { lookupName: 'City' }),
    f('PostalCode', 'Character'),
    f('ListingContractDate', 'Date'),
    f('ModificationTimestamp', 'Datetime'),
    f('Waterfront', 'Boolean'),
    f('Main.Style', 'Character'),
    f('PrivateRemarks', 'Character', { searchable: false })
  ],
  lookupValues: (n) => lookups[n]
}
const labels = (text: string, offset = text.length) => sparkqlComplete(text, offset, ctx).items.map((i) => i.label)

describe('SparkQL tokens', () => {
  it('classifies', () => {
    const text = `MlsStatus Eq 'A','P' And ListPrice Bt 1,2 Or Not ("Main"."Style" Eq 'X' And ListingContractDate Ge days(-7)) And Waterfront Eq true`
    expect(sparkqlTokens(text).map((t) => `${text.slice(t.from, t.to)}:${t.kind}`)).toEqual([
      'MlsStatus:field',
      'Eq:operator',
      "'A':string",
      ',:punctuation',
      "'P':string",
      'And:keyword',
      'ListPrice:field',
      'Bt:operator',
      '1:number',
      ',:punctuation',
      '2:number',
      'Or:keyword',
      'Not:keyword',
      '(:punctuation',
      '"Main"."Style":field',
      'Eq:operator',
      "'X':string",
      'And:keyword',
      'ListingContractDate:field',
      'Ge:operator',
      'days:keyword',
      '(:punctuation',
      '-7:number',
      '):punctuation',
      '):punctuation',
      'And:keyword',
      'Waterfront:field',
      'Eq:operator',
      'true:keyword'
    ])
  })
  it('never throws', () => fc.assert(fc.property(fc.string(), (s) => void sparkqlTokens(s))))
})

describe('SparkQL completion', () => {
  it('fields at the start and after conjunctions; custom fields get quoted', () => {
    const items = sparkqlComplete('', 0, ctx).items
    expect(items.map((i) => i.label)).toEqual([...ctx.fields.map((x) => x.systemName), 'Not'])
    expect(items.find((i) => i.label === 'Main.Style')!.insertText).toBe('Main.Style ')
    const c = sparkqlComplete("City Eq 'FAR' And Li", 20, ctx)
    expect(c).toMatchObject({ from: 18, to: 20 })
    expect(c.items.map((i) => i.label)).toContain('ListPrice')
  })
  it('operators after a field', () => {
    expect(labels('ListPrice ')).toEqual(['Eq', 'Ne', 'Gt', 'Ge', 'Lt', 'Le', 'Bt'])
    expect(labels('ListPrice B')).toContain('Bt')
  })
  it('lookup values after the operator and after a comma in a list', () => {
    expect(labels('MlsStatus Eq ')).toEqual(['A', 'P', 'S', 'X', 'Null'])
    expect(sparkqlComplete('MlsStatus Eq ', 13, ctx).items[0]!.insertText).toBe("'A'")
    expect(labels("City Eq 'FAR',")).toEqual(['FAR', 'MOO', 'WF', 'Null'])
    expect(sparkqlComplete("City Eq 'MO", 11, ctx)).toMatchObject({ from: 8, to: 11 })
  })
  it('relative dates for dates, booleans for booleans; conjunctions after a value', () => {
    expect(labels('ListingContractDate Ge ')).toEqual(['days(-7)', 'now()', 'Null'])
    expect(labels('Waterfront Eq ')).toEqual(['true', 'false', 'Null'])
    expect(labels("City Eq 'FAR' ")).toEqual(['And', 'Or', 'Not'])
    expect(labels('Waterfront Eq true ')).toEqual(['And', 'Or', 'Not'])
  })
})

describe('SparkQL diagnostics', () => {
  it('syntax error position', () => {
    expect(sparkqlDiagnose("City = 'FAR'", ctx)).toEqual([
      { from: 5, to: 6, severity: 'error', message: "SparkQL writes '=' as Eq" }
    ])
  })
  it('unknown / non-searchable fields', () => {
    expect(sparkqlDiagnose("Cty Eq 'FAR'", ctx)[0]).toMatchObject({
      from: 0,
      to: 3,
      severity: 'error',
      message: "Unknown field 'Cty' in this class"
    })
    expect(sparkqlDiagnose("PrivateRemarks Eq 'x'", ctx)[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/not searchable/)
    })
    expect(sparkqlDiagnose(`"Main"."Style" Eq 'X'`, ctx)).toEqual([])
  })
  it('value not in lookup', () => {
    expect(sparkqlDiagnose("MlsStatus Eq 'A','Q'", ctx)).toEqual([
      { from: 17, to: 20, severity: 'warning', message: expect.stringMatching(/'Q' is not a value of lookup Status/) }
    ])
    expect(sparkqlDiagnose("City Eq 'F*'", ctx)).toEqual([])
  })
  it('wrong types', () => {
    expect(sparkqlDiagnose("ListPrice Gt 'lots'", ctx)[0]).toMatchObject({
      from: 13,
      to: 19,
      severity: 'error',
      message: "ListPrice is numeric (Decimal): 'lots' is not a number"
    })
    expect(sparkqlDiagnose("ListingContractDate Ge 'soon'", ctx)[0]!.message).toMatch(/is not a date/)
    expect(sparkqlDiagnose('ListingContractDate Ge 20240101', ctx)[0]!.message).toMatch(/expected a date/)
    expect(sparkqlDiagnose('PostalCode Eq 58103', ctx)[0]).toMatchObject({
      severity: 'warning',
      message: "PostalCode is text: quote the value ('58103')"
    })
    expect(sparkqlDiagnose('Waterfront Eq 5', ctx)[0]!.message).toMatch(/not true\/false/)
  })
  it('clean filter', () => {
    const q =
      "MlsStatus Eq 'A' And ListPrice Bt 100000,200000 And ListingContractDate Ge days(-30) And Waterfront Eq true"
    expect(() => parseSparkQL(q)).not.toThrow()
    expect(sparkqlDiagnose(q, ctx)).toEqual([])
  })
})

describe('SparkQL hover', () => {
  it('field and lookup value', () => {
    expect(sparkqlHover("MlsStatus Eq 'A','P'", 2, ctx)!.text).toContain('**MlsStatus**')
    expect(sparkqlHover("MlsStatus Eq 'A','P'", 18, ctx)!.text).toContain('**P** — Pending')
    expect(sparkqlHover("MlsStatus Eq 'A'", 11, ctx)).toBeUndefined()
  })
})
