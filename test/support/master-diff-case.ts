// One case for both local stores' store-side master comparison (LocalStore.masterDiff): new, updated, deleted,
// "back after a delete", a stamp in another shape that is the same instant, and a repeated key (the first wins) —
// the result must be what the in-memory plan (planSync) says.
import { expect } from 'vitest'
import type { LocalStore, SourceShape, SyncRecord } from '../../src-main/features/sync/sync-types'

export const masterDiffShape: SourceShape = {
  target: 'Thing',
  keyField: 'Key',
  stampField: 'Stamp',
  fields: [
    { systemName: 'Key', dataType: 'Character', searchable: true, isKey: true, attrs: {} },
    { systemName: 'Stamp', dataType: 'DateTime', searchable: true, attrs: {} }
  ]
}

export const thing = (key: string, stamp: string): SyncRecord => ({ key, stamp, values: { Key: key, Stamp: stamp } })

export async function expectMasterDiffPlan(store: LocalStore): Promise<void> {
  const info = await store.ensureTable(masterDiffShape)
  const run = await store.startRun('Thing', undefined)
  const stamp = '2026-01-01T00:00:00Z'
  await store.applyBatch(
    info,
    run,
    ['same', 'changed', 'gone', 'back'].map((k) => thing(k, stamp)),
    'x'
  )
  await store.markDeleted(info, run, ['back'])
  const diff = await store.masterDiff!(info)
  await diff.add([
    { id: 'same', lastUpdated: '2026-01-01T00:00:00' },
    { id: 'changed', lastUpdated: '2026-02-01T00:00:00Z' },
    { id: 'back', lastUpdated: stamp }
  ])
  await diff.add([
    { id: 'fresh', lastUpdated: stamp },
    { id: 'same', lastUpdated: '2030-01-01T00:00:00Z' } // a repeated key: the first entry wins
  ])
  const plan = await diff.result()
  await diff.close()
  expect({ ...plan, new: plan.new.sort() }).toEqual({
    new: ['back', 'fresh'],
    updated: ['changed'],
    deleted: ['gone'],
    unchanged: 1 // 'same' (its stamp in another shape), counted once
  })
}
