// The record inspector: the selected row as every field with its long name and decoded lookup, nested JSON as a
// tree, photo links picked out of RESO Media / Spark Photos records.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import RecordInspector from '../../../src-renderer/features/inspector/RecordInspector.vue'
import { photoUrls, recordFields } from '../../../src-renderer/features/inspector/record-fields'
import type { FieldMeta } from '../../../domain/metadata/metadata-model'

const columns = [{ name: 'LIST_15', lookupName: 'Status' }, { name: 'LIST_22' }, { name: 'Media' }]
const media = JSON.stringify([
  { MediaURL: 'http://mls.example/m/1.jpg', Order: 1 },
  { MediaURL: 'http://mls.example/m/2.jpg', Order: 2 }
])
const cells = ['A,P', '349000', media]
const fieldOf = (name: string): FieldMeta | undefined =>
  name === 'LIST_15'
    ? { systemName: 'LIST_15', longName: 'Listing Status', dataType: 'Character', searchable: true, attrs: {} }
    : undefined
const longs: Record<string, string> = { A: 'Active', P: 'Pending' }
const longOf = (lookup: string | undefined) => (lookup === 'Status' ? (c: string) => longs[c] : undefined)

describe('record inspector', () => {
  it('gives every field its long name, decoded lookup and parsed JSON', () => {
    const f = recordFields(columns, cells, fieldOf, longOf)
    expect(f[0]).toMatchObject({
      name: 'LIST_15',
      longName: 'Listing Status',
      value: 'A,P',
      decoded: 'Active, Pending'
    })
    expect(f[1]).toEqual({ name: 'LIST_22', value: '349000' })
    expect(Array.isArray(f[2]!.json)).toBe(true)
    expect(photoUrls(f)).toEqual(['http://mls.example/m/1.jpg', 'http://mls.example/m/2.jpg'])
  })

  it('renders the record, nested JSON as a tree, and finds a field by its long name', async () => {
    const w = mount(RecordInspector, { props: { columns, cells, rowNumber: 4, fieldOf, longOf } })
    expect(w.text()).toContain('Record #5')
    expect(w.findAll('[data-testid="inspector-field"]')).toHaveLength(3)
    expect(w.get('[data-testid="inspector-decoded"]').text()).toBe('Active, Pending')
    expect(w.findAll('details').length).toBeGreaterThan(1) // the Media array and its records
    expect(w.get('[data-testid="inspector-photos"]').text()).toContain('2 photo links')
    await w.get('[data-testid="inspector-filter"]').setValue('listing status')
    expect(w.findAll('[data-testid="inspector-field"]').map((d) => d.attributes('data-field'))).toEqual(['LIST_15'])
  })
})
