// The Sync tab's count tiles: on a plan, a changed bucket opens its keys (the report's first ones, "and N more" when
// the bucket has more) with a Copy that puts the listed keys on the clipboard one per line; unchanged, an empty
// bucket and a run's report only count.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { SyncReport } from '../../../contract/sync-channels'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import SyncBuckets from '../../../src-renderer/features/sync/SyncBuckets.vue'

const writeText = vi.fn(async (_text: string) => undefined)

const PLAN: SyncReport = {
  action: 'plan',
  target: 'Property:A',
  counts: { new: 1250, updated: 0, unchanged: 4000, deleted: 2 },
  sample: { new: ['N-1', 'N-2', 'N-3'], updated: [], deleted: ['D-9', 'D-4'] },
  masterCount: 5250,
  storeCount: 4002
}

beforeEach(() => {
  setActivePinia(createPinia())
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  writeText.mockClear()
})

const tile = (b: string): string => `[data-testid="sync-count-${b}"]`

describe('SyncBuckets', () => {
  it('opens a changed bucket to its keys and copies them one per line', async () => {
    const w = mount(SyncBuckets, { props: { report: PLAN } })
    expect(w.get(tile('deleted')).element.tagName).toBe('BUTTON')
    expect(w.get(tile('deleted')).attributes('aria-expanded')).toBe('false')
    // nothing to list: an empty bucket and unchanged only count
    expect(w.get(tile('updated')).element.tagName).toBe('DIV')
    expect(w.get(tile('unchanged')).element.tagName).toBe('DIV')
    expect(w.find('[data-testid^="sync-keys-"]').exists()).toBe(false)

    await w.get(tile('deleted')).trigger('click')
    const deleted = w.get('[data-testid="sync-keys-deleted"]')
    expect(w.get(tile('deleted')).attributes('aria-controls')).toBe(deleted.attributes('id'))
    expect(deleted.findAll('li').map((li) => li.text())).toEqual(['D-9', 'D-4'])
    expect(deleted.text()).toContain('2 keys')
    expect(w.find('[data-testid="sync-keys-more-deleted"]').exists()).toBe(false)
    await deleted.get('[data-testid="sync-keys-copy-deleted"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenLastCalledWith('D-9\nD-4')
    expect(useToastStore().toasts.at(-1)?.title).toBe('Copied 2 deleted keys')

    await w.get(tile('deleted')).trigger('click')
    expect(w.find('[data-testid="sync-keys-deleted"]').exists()).toBe(false)
  })

  it('says how many more a truncated bucket has, and copies only the listed keys', async () => {
    const w = mount(SyncBuckets, { props: { report: PLAN } })
    await w.get(tile('new')).trigger('click')
    const keys = w.get('[data-testid="sync-keys-new"]')
    expect(keys.findAll('li').map((li) => li.text())).toEqual(['N-1', 'N-2', 'N-3'])
    expect(keys.text()).toContain('first 3 of 1,250 keys')
    expect(w.get('[data-testid="sync-keys-more-new"]').text()).toBe('and 1,247 more')
    await keys.get('[data-testid="sync-keys-copy-new"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenLastCalledWith('N-1\nN-2\nN-3')
    expect(useToastStore().toasts.at(-1)?.title).toBe('Copied the first 3 of 1,250 new keys')
  })

  it('only counts on a run report, and follows the reports that replace each other', async () => {
    const run: SyncReport = {
      action: 'run',
      target: 'Property:A',
      runId: 3,
      status: 'done',
      counts: { new: 4, updated: 1, unchanged: 0, deleted: 2 },
      resumed: false,
      durationMs: 800,
      warnings: []
    }
    const w = mount(SyncBuckets, { props: { report: PLAN } })
    await w.get(tile('new')).trigger('click')
    await w.setProps({ report: run })
    expect(w.findAll('button')).toHaveLength(0)
    expect(w.find('[data-testid^="sync-keys-"]').exists()).toBe(false)
    const counts = (): string[] => w.findAll('.tile .n').map((n) => n.text())
    expect(counts()).toEqual(['4', '1', '2', '0'])
    // the next plan: nothing new (its tile only counts now), one deleted
    const quiet = { ...PLAN, counts: { new: 0, updated: 0, unchanged: 7, deleted: 1 } }
    await w.setProps({ report: { ...quiet, sample: { new: [], updated: [], deleted: ['D-1'] } } })
    expect(counts()).toEqual(['0', '0', '1', '7'])
    expect(w.findAll('button').map((b) => b.attributes('data-testid'))).toEqual(['sync-count-deleted'])
  })
})
