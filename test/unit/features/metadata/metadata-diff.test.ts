import { describe, expect, it } from 'vitest'
import { diffMetadata } from '../../../../domain/metadata/metadata-diff'
import type { FieldMeta, MetadataModel } from '../../../../domain/metadata/metadata-model'

const field = (systemName: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({
  systemName,
  dataType: 'Character',
  searchable: true,
  attrs: {},
  ...extra
})

function model(version: string, edit: (m: MetadataModel) => void = () => undefined): MetadataModel {
  const m: MetadataModel = {
    source: 'rets',
    system: { id: 'MLS', version, attrs: {} },
    warnings: [],
    resources: [
      {
        name: 'Property',
        attrs: {},
        objectTypes: [],
        classes: [
          { name: 'RE', attrs: {}, fields: [field('LN', { isKey: true }), field('ST', { lookupName: 'Status' })] },
          { name: 'LD', attrs: {} }
        ],
        lookups: [
          {
            name: 'Status',
            attrs: {},
            values: [
              { value: 'A', longValue: 'Active', attrs: {} },
              { value: 'P', longValue: 'Pending', attrs: {} }
            ]
          }
        ]
      },
      { name: 'Agent', attrs: {}, objectTypes: [], classes: [], lookups: [] }
    ]
  }
  edit(m)
  return m
}

describe('metadata diff', () => {
  it('says exactly what an integrator has to fix, level by level', () => {
    const older = model('1.0')
    const newer = model('1.1', (m) => {
      const p = m.resources[0]!
      p.classes[0]!.fields = [
        field('LN', { isKey: true }),
        field('ST', { lookupName: 'Status', searchable: false }),
        field('PR', { dataType: 'Decimal' })
      ]
      p.lookups[0]!.values = [
        { value: 'A', longValue: 'Active Listing', attrs: {} },
        { value: 'C', longValue: 'Closed', attrs: {} }
      ]
      m.resources.splice(1, 1, { name: 'Office', attrs: {}, objectTypes: [], classes: [], lookups: [] })
    })
    const diff = diffMetadata(older, newer)
    expect(diff.changes).toEqual([
      { kind: 'changed', level: 'field', path: 'Property:RE.ST', details: ['searchable: true → false'] },
      { kind: 'added', level: 'field', path: 'Property:RE.PR' },
      { kind: 'changed', level: 'value', path: 'Property/Status=A', details: ['longValue: Active → Active Listing'] },
      { kind: 'added', level: 'value', path: 'Property/Status=C' },
      { kind: 'removed', level: 'value', path: 'Property/Status=P' },
      { kind: 'added', level: 'resource', path: 'Office' },
      { kind: 'removed', level: 'resource', path: 'Agent' }
    ])
    expect(diff.counts).toEqual({ added: 3, removed: 2, changed: 2 })
    expect(diff.notCompared).toEqual(['fields of Property:LD']) // not loaded in either snapshot
    expect(diff.from).toEqual({ version: '1.0' })
    expect(diff.to).toEqual({ version: '1.1' })
  })

  it('finds nothing between a snapshot and itself', () => {
    expect(diffMetadata(model('1'), model('1')).changes).toEqual([])
  })
})
