import { describe, expect, it } from 'vitest'
import { odataDiagnose } from '../../../../domain/query-languages/odata'
import { sparkqlDiagnose } from '../../../../domain/query-languages/sparkql'
import type { EditorContext } from '../../../../domain/query-languages/editor/editor-types'

// OData $filter and Spark _filter are optional query options: an empty editor is a valid "no filter" query.
const ctx: EditorContext = {
  fields: [{ systemName: 'ListPrice', dataType: 'Edm.Decimal', searchable: true, attrs: {} }]
}

describe('optional filters', () => {
  for (const [name, diagnose, broken] of [
    ['odata', odataDiagnose, 'ListPrice gt'],
    ['sparkql', sparkqlDiagnose, 'ListPrice Gt']
  ] as const) {
    it(`${name}: empty and whitespace-only filters have no diagnostics`, () => {
      for (const text of ['', ' ', '\n\t  \n']) expect(diagnose(text, ctx)).toEqual([])
    })
    it(`${name}: a broken filter still reports an error`, () => {
      const d = diagnose(broken, ctx)
      expect(d.length).toBeGreaterThan(0)
      expect(d[0]!.severity).toBe('error')
    })
  }
})
