// The export dialog follows its job: the form sends what the user chose, progress shows the engine's figures, and
// the summary with its thumbnails appears when the job ends.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useTransport } from '../../../src-renderer/api/client'
import PhotoExportDialog from '../../../src-renderer/features/photos/PhotoExportDialog.vue'
import { usePhotoExportStore } from '../../../src-renderer/features/photos/photo-export-store'
import { useAppStore } from '../../../src-renderer/shell/app-store'
import type { PhotoExportSummary } from '../../../contract/photo-channels'
import { fakeApi, type FakeApi } from './fake-api'

const summary: PhotoExportSummary = {
  destination: '/data/exports/photos',
  manifestCsv: '/data/exports/photos/manifest.csv',
  manifestJsonl: '/data/exports/photos/manifest.jsonl',
  listings: 2,
  written: 3,
  skipped: 0,
  failed: 1,
  missing: 1,
  unmatched: 0,
  unmatchedFolder: '',
  listingsNotDone: 0,
  bytesWritten: 12_288,
  bytesDownloaded: 12_500,
  durationMs: 1500,
  cancelled: false,
  errors: [{ listing: 'L2', type: 'Photo', objectId: '2', message: 'No object found (20403)', missing: true }],
  errorsOmitted: 0,
  firstFiles: ['L1/1.jpg', 'L1/2.jpg', 'L2/1.jpg']
}

let api: FakeApi
let summaryReady = false
beforeEach(() => {
  setActivePinia(createPinia())
  summaryReady = false
  api = fakeApi({
    'photos:options': () => ({
      kind: 'rets',
      resource: 'Property',
      types: [
        { value: 'Photo', label: 'Photo' },
        { value: 'HiRes', label: 'High resolution' }
      ],
      defaultTypes: ['Photo'],
      modes: ['multipart', 'location', 'single'],
      keyField: 'LIST_1',
      defaultPattern: '{ListingKey}/{ObjectId}.{ext}',
      tokens: ['ListingKey', 'ObjectId', 'ext']
    }),
    'photos:preview': ({ pattern }) => ({
      example: pattern.replace('{ListingKey}', '20000123'),
      errors: [],
      warnings: []
    }),
    'photos:export': () => ({ jobId: 'job-9', listings: 2 }),
    'photos:summary': () => (summaryReady ? summary : null),
    'photos:thumbnail': ({ file }) => ({ file, bytes: 4, dataUrl: 'data:image/jpeg;base64,AAAA' }),
    'job:cancel': () => ({ cancelled: true })
  })
  useTransport(api)
  useAppStore().info = { userDataDir: '/data', nativeDialogs: false } as never
})

describe('photo export dialog', () => {
  it('runs from a result: key column preselected from KeyField, progress, then summary and thumbnails', async () => {
    const w = mount(PhotoExportDialog, { attachTo: document.body })
    const store = usePhotoExportStore()
    await store.show({
      profileId: 'demo-rets',
      resultId: 'result-1',
      columns: ['LIST_22', 'LIST_1'],
      selectedRow: ['100', 'L1']
    })
    await flushPromises()
    expect((w.get('[data-testid="photo-key-column"]').element as HTMLSelectElement).value).toBe('LIST_1')
    expect(w.text()).toContain('The selected row (L1)')
    await new Promise((r) => setTimeout(r, 200))
    expect(w.get('[data-testid="photo-pattern-example"]').text()).toContain('20000123/{ObjectId}.{ext}')

    await w.get('[data-testid="photo-export-start"]').trigger('click')
    await flushPromises()
    expect(api.calls.find((c) => c.channel === 'photos:export')!.args).toEqual({
      profileId: 'demo-rets',
      resource: 'Property',
      mode: 'multipart',
      request: {
        destination: '/data/exports/photos',
        keysFrom: { resultId: 'result-1', column: 'LIST_1' },
        types: ['Photo'],
        objectIds: '*',
        namingPattern: '{ListingKey}/{ObjectId}.{ext}',
        concurrency: 4,
        batchSize: 10,
        resume: true
      }
    })
    api.emit('job:progress', {
      jobId: 'job-9',
      kind: 'photo-export',
      title: 'Export Photo of 2 listings',
      state: 'running',
      done: 2,
      unit: 'objects',
      message: '2 objects · 2 written · 8.0 KB · 4.0 KB/s · listing 1/2'
    })
    await flushPromises()
    const progress = w.get('[data-testid="photo-export-progress"]')
    expect(progress.text()).toContain('50%')
    expect(progress.text()).toContain('8.0 KB')
    await w.get('[data-testid="photo-export-cancel"]').trigger('click')
    expect(api.calls.at(-1)).toEqual({ channel: 'job:cancel', args: { jobId: 'job-9' } })

    summaryReady = true
    api.emit('job:progress', {
      jobId: 'job-9',
      kind: 'photo-export',
      title: '',
      state: 'done',
      done: 4,
      unit: 'objects'
    })
    await new Promise((r) => setTimeout(r, 20))
    await flushPromises()
    const done = w.get('[data-testid="photo-export-summary"]')
    expect(done.text()).toContain('Export finished')
    expect(done.text()).toContain('(1 missing)')
    expect(w.findAll('[data-testid="photo-thumbnails"] img')).toHaveLength(3)
    expect(w.get('[data-testid="photo-summary-errors"]').text()).toContain('No object found (20403)')
    w.unmount()
  })

  it('lists every problem of the form instead of starting', async () => {
    const w = mount(PhotoExportDialog, { attachTo: document.body })
    await usePhotoExportStore().show({ profileId: 'demo-rets' })
    await flushPromises()
    await w.get('[data-testid="photo-destination"]').setValue('relative/folder')
    await w.get('[data-testid="photo-export-start"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="photo-problems"]').text()).toContain('Give the full path of the destination folder.')
    expect(w.get('[data-testid="photo-problems"]').text()).toContain('Paste at least one listing key.')
    expect(api.calls.some((c) => c.channel === 'photos:export')).toBe(false)
    w.unmount()
  })
})
