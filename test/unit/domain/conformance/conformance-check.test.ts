// Conformance against a generated Data Dictionary-like reference (one-line EDMX, read by the app's own EDMX
// reader) with planted variations, mismatches and local fields: every planted one found, nothing else above the
// threshold.
import { describe, expect, it } from 'vitest'
import { buildDdReference, ddReferenceEdmx, type DdReferenceSpec } from '../../../../bench/inputs/dd-reference'
import { checkConformance } from '../../../../domain/metadata/conformance/conformance-check'
import {
  boundedLevenshtein,
  DEFAULT_VARIATION_THRESHOLD,
  nameSimilarity
} from '../../../../domain/metadata/conformance/name-similarity'
import { foldName } from '../../../../domain/mapping/field-map'
import type { FieldMeta, MetadataModel } from '../../../../domain/metadata/metadata-model'
import { readEdmx } from '../../../../src-main/protocols/odata/edmx-reader'
import { edmxToModel } from '../../../../src-main/protocols/odata/edmx-to-model'

const SPEC: DdReferenceSpec = {
  entityTypes: 3,
  propertiesPerType: 120,
  enums: 20,
  membersPerEnum: 8,
  descriptionWords: 3
}

async function referenceModel(spec: DdReferenceSpec): Promise<MetadataModel> {
  return edmxToModel(await readEdmx(ddReferenceEdmx(buildDdReference(spec), spec)))
}

// the documented mutations: separators, case, one letter changed, one dropped, one added
const MUTATIONS: Array<(name: string) => string> = [
  (n) => n.replace(/([a-z])([A-Z])/, '$1_$2'),
  (n) => n.toLowerCase(),
  (n) => n.slice(0, -2) + (n.at(-2) === 'x' ? 'y' : 'x') + n.slice(-1),
  (n) => n.slice(0, 3) + n.slice(4),
  (n) => `${n}s`
]

describe('name similarity (the documented fuzzy match)', () => {
  it('scores separators and case as equal, one edit as 1 − 1/length', () => {
    expect(nameSimilarity('List_Price', 'ListPrice')).toBe(1)
    expect(nameSimilarity('listprice', 'ListPrice')).toBe(1)
    expect(nameSimilarity('ListPrise', 'ListPrice')).toBeCloseTo(1 - 1 / 9)
    expect(nameSimilarity('Lot', 'Log')).toBe(0) // short names match only exactly
    expect(nameSimilarity('Lot', 'LOT')).toBe(1)
    expect(boundedLevenshtein('kitten', 'sitting', 5)).toBe(3)
    expect(boundedLevenshtein('kitten', 'sitting', 1)).toBe(2) // gave up: more than the bound
  })
})

describe('Data Dictionary conformance', () => {
  it('finds every planted variation, mismatch, non-standard value and local field — and nothing else', async () => {
    const reference = await referenceModel(SPEC)
    const refProperty = reference.resources.find((r) => r.name === 'Property')!
    const standard = refProperty.classes[0]!.fields!
    const folded = standard.map((f) => foldName(f.systemName))
    // plant only on names at least 3 edits from every other standard name, so the intended match is the only one
    const isolated = standard
      .filter((_f, i) => folded.every((o, j) => j === i || boundedLevenshtein(folded[i]!, o, 2) > 2))
      .filter((f) => !f.lookupName && f.systemName.length >= 9)
    expect(isolated.length).toBeGreaterThan(30)
    const planted = isolated
      .slice(0, 20)
      .map((f, i) => ({ standard: f.systemName, local: MUTATIONS[i % 5]!(f.systemName) }))
    const missing = isolated.slice(20, 26).map((f) => f.systemName)
    const skip = new Set([...planted.map((p) => p.standard), ...missing])
    const fields: FieldMeta[] = standard.filter((f) => !skip.has(f.systemName)).map((f) => ({ ...f, attrs: {} }))
    for (const p of planted) fields.push({ systemName: p.local, dataType: 'Edm.String', searchable: true, attrs: {} })
    const locals = ['ZqxMlsOnlyRating', 'VendorInternalId', 'Qwerty12345', 'MlsAreaMinor2b', 'XyzTourUrl']
    for (const n of locals) fields.push({ systemName: n, dataType: 'Edm.String', searchable: true, attrs: {} })
    // a decimal held as Edm.Double, a string longer than the standard, a lookup with a value the standard lacks
    const decimal = fields.find((f) => f.dataType === 'Edm.Decimal')!
    decimal.dataType = 'Edm.Double'
    const text = fields.find((f) => f.dataType === 'Edm.String' && f.maxLength !== undefined)!
    text.maxLength = text.maxLength! + 100
    const lookupField = fields.find((f) => f.lookupName)!
    const refLookup = refProperty.lookups.find((l) => l.name === lookupField.lookupName)!
    const local: MetadataModel = {
      source: 'reso',
      system: { id: 'local', attrs: {} },
      resources: [
        {
          ...refProperty,
          classes: [{ name: 'Property', fields, attrs: {} }],
          lookups: [{ ...refLookup, values: [...refLookup.values!, { value: 'MlsSpecialValue', attrs: {} }] }]
        },
        { name: 'CustomThing', classes: [], lookups: [], objectTypes: [], attrs: {} }
      ],
      warnings: []
    }

    const report = checkConformance(local, reference)
    const property = report.resources.find((r) => r.resource === 'Property')!
    expect(property.variations.map(({ local, standard }) => ({ standard, local })).sort(byLocal)).toEqual(
      planted.sort(byLocal)
    )
    for (const v of property.variations) expect(v.score).toBeGreaterThanOrEqual(DEFAULT_VARIATION_THRESHOLD)
    expect(property.localFields.sort()).toEqual([...locals].sort())
    expect(property.missing.sort()).toEqual([...missing, ...planted.map((p) => p.standard)].sort())
    expect([...property.mismatches].sort((a, b) => a.problem.localeCompare(b.problem))).toEqual([
      {
        standard: text.systemName,
        local: text.systemName,
        problem: 'length',
        expected: String(text.maxLength! - 100),
        actual: String(text.maxLength)
      },
      {
        standard: decimal.systemName,
        local: decimal.systemName,
        problem: 'type',
        expected: 'Edm.Decimal',
        actual: 'Edm.Double'
      }
    ])
    // every field using the lookup (the reference shares enum types between fields)
    expect(property.nonStandardValues).toEqual(
      fields
        .filter((f) => f.lookupName === lookupField.lookupName)
        .map((f) => expect.objectContaining({ standard: f.systemName, values: ['MlsSpecialValue'] }))
    )
    expect(property.coverage).toBeCloseTo((100 * (standard.length - 26)) / standard.length, 1)
    expect(report.localResources).toEqual(['CustomThing'])
    // the other reference resources are missing entirely
    expect(report.resources.filter((r) => !r.local)).toHaveLength(SPEC.entityTypes - 1)
  })

  it('counts RETS fields under their StandardName, across the classes of a resource', async () => {
    const reference: MetadataModel = {
      source: 'reso',
      system: { id: 'ref', attrs: {} },
      resources: [
        {
          name: 'Property',
          classes: [
            {
              name: 'Property',
              attrs: {},
              fields: ['ListPrice', 'BedroomsTotal', 'City', 'LotSizeAcres'].map((n) => ({
                systemName: n,
                dataType: n === 'City' ? 'Edm.String' : n === 'BedroomsTotal' ? 'Edm.Int64' : 'Edm.Decimal',
                searchable: true,
                attrs: {}
              }))
            }
          ],
          lookups: [],
          objectTypes: [],
          attrs: {}
        }
      ],
      warnings: []
    }
    const f = (systemName: string, standardName: string | undefined, dataType: string): FieldMeta => ({
      systemName,
      dataType,
      searchable: true,
      attrs: {},
      ...(standardName ? { standardName } : {})
    })
    const local: MetadataModel = {
      source: 'rets',
      system: { id: 'rets', attrs: {} },
      resources: [
        {
          name: 'Property',
          classes: [
            { name: 'A', attrs: {}, fields: [f('LIST_22', 'ListPrice', 'Int'), f('LIST_66', 'BedroomsTotal', 'Int')] },
            {
              name: 'B',
              attrs: {},
              fields: [
                f('LIST_22', 'ListPrice', 'Int'),
                f('LIST_56', 'Lot_Size_Acres', 'Decimal'),
                f('LIST_7', undefined, 'Character')
              ]
            },
            { name: 'C', attrs: {} }
          ],
          lookups: [],
          objectTypes: [],
          attrs: {}
        }
      ],
      warnings: []
    }
    const [property] = checkConformance(local, reference).resources
    expect(property?.present).toEqual([
      { standard: 'ListPrice', local: 'LIST_22' },
      { standard: 'BedroomsTotal', local: 'LIST_66' }
    ])
    expect(property?.mismatches).toEqual([
      { standard: 'ListPrice', local: 'LIST_22', problem: 'type', expected: 'Edm.Decimal', actual: 'Int' }
    ])
    expect(property?.variations).toEqual([{ standard: 'LotSizeAcres', local: 'LIST_56', score: 1 }])
    expect(property?.localFields).toEqual(['LIST_7'])
    expect(property?.coverage).toBe(50)
    expect(checkConformance(local, reference).notCompared).toEqual(['Fields of Property:C not loaded'])
  })
})

function byLocal(a: { local: string }, b: { local: string }): number {
  return a.local.localeCompare(b.local)
}
