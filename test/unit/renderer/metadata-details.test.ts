import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MetadataDetails from '../../../src-renderer/features/metadata/MetadataDetails.vue'
import { useSessionStore } from '../../../src-renderer/features/metadata/session-store'
import { useTransport } from '../../../src-renderer/api/client'
import { detailRows } from '../../../src-renderer/features/metadata/details-rows'
import { snapshotLabel } from '../../../src-renderer/features/metadata/snapshot-label'
import { fakeApi } from './fake-api'
import { toastWhileJobRuns } from '../../../src-renderer/shell/job-toast'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import { useJobsStore } from '../../../src-renderer/shell/jobs-store'
import { flushPromises } from '@vue/test-utils'

describe('metadata details rows', () => {
  it('lists every attribute of a field once: the server names verbatim, derived properties only when new', () => {
    const field = {
      systemName: 'LIST_22',
      standardName: 'ListPrice',
      longName: 'List Price',
      dataType: 'Decimal',
      maxLength: 12,
      searchable: true,
      isKey: false,
      attrs: {
        SystemName: 'LIST_22',
        StandardName: 'ListPrice',
        LongName: 'List Price',
        DataType: 'Decimal',
        MaximumLength: '12',
        Searchable: '1',
        Default: '0'
      }
    }
    const rows = detailRows(field, field.attrs)
    const all = [...rows.props, ...rows.attrs].map(([k]) => k.toLowerCase())
    for (const name of ['systemname', 'standardname', 'longname', 'datatype', 'searchable'])
      expect(all.filter((k) => k === name)).toHaveLength(1)
    expect(all.filter((k) => k.includes('maxlength') || k.includes('maximumlength'))).toHaveLength(1)
    expect(rows.props).toEqual([['isKey', 'false']])
    expect(rows.attrs).toContainEqual(['Default', '0'])
  })
  it('keeps every property when the server sent no attributes (OData)', () => {
    expect(detailRows({ name: 'Property', keyField: 'ListingKey', classes: [] }, undefined, ['classes']).props).toEqual(
      [
        ['name', 'Property'],
        ['keyField', 'ListingKey']
      ]
    )
  })
  it('the details tab of a field shows each attribute once', () => {
    useTransport(fakeApi({}))
    const pinia = createPinia()
    setActivePinia(pinia)
    const field = {
      systemName: 'LIST_22',
      longName: 'List Price',
      dataType: 'Decimal',
      searchable: true,
      attrs: { SystemName: 'LIST_22', LongName: 'List Price', DataType: 'Decimal', Searchable: '1' }
    }
    useSessionStore().select('p', { kind: 'field', resource: 'Property', cls: 'RES', field, keyField: false })
    const w = mount(MetadataDetails, { global: { plugins: [pinia], stubs: { FieldUsage: true } } })
    const names = w.findAll('table.kv th').map((th) => th.text().toLowerCase())
    expect(names.filter((n) => n === 'systemname')).toHaveLength(1)
    expect(names.filter((n) => n === 'longname')).toHaveLength(1)
    expect(names.filter((n) => n === 'datatype')).toHaveLength(1)
  })
})

describe('metadata snapshot label', () => {
  it('reads the version and timestamp out of the snapshot id instead of showing it raw', () => {
    const label = snapshotLabel('01.00.00001@2026-05-02T00_00_00Z', '2026-12-03T10:00:00.000Z', 'en-GB')
    expect(label).not.toContain('@')
    expect(label).not.toContain('T00_00')
    expect(label).toMatch(/^version 01\.00\.00001 of 2 May 2026, 00:00 \(kept 3 Dec 2026, 10:00\)$/)
    expect(snapshotLabel('01.00.00001', 'bad', 'en-GB')).toBe('version 01.00.00001')
  })
})

describe('the metadata report toast', () => {
  it('says "Exporting…" only while the job runs, then what happened', async () => {
    const api = fakeApi({})
    useTransport(api)
    setActivePinia(createPinia())
    useJobsStore()
    toastWhileJobRuns('j1', 'Exporting the metadata…', 'Exported the metadata.')
    const titles = () => useToastStore().toasts.map((t) => t.title)
    expect(titles()).toEqual(['Exporting the metadata…'])
    const base = { jobId: 'j1', kind: 'metadata-report', title: 'Metadata report', unit: 'classes', done: 3 }
    api.emit('job:progress', { ...base, state: 'running' })
    await flushPromises()
    expect(titles()).toEqual(['Exporting the metadata…'])
    api.emit('job:progress', { ...base, state: 'done' })
    await flushPromises()
    expect(titles()).toEqual(['Exported the metadata.'])
  })
})
