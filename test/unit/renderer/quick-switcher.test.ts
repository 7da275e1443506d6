// The quick switcher (Ctrl+P) lists profiles, saved queries, classes and loaded fields of the connected profile,
// filters them fuzzily, moves with the arrow keys and opens what Enter picks.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import QuickSwitcher from '../../../src-renderer/shell/QuickSwitcher.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useProfilesStore } from '../../../src-renderer/features/profiles/profiles-store'
import { useSessionStore } from '../../../src-renderer/features/metadata/session-store'
import { useLibraryStore } from '../../../src-renderer/features/library/library-store'
import { DETAILS_TAB, useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { fuzzyFilter, fuzzyScore } from '../../../src-renderer/ui/picker'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { fakeApi, field, sampleSummary, type FakeApi } from './fake-api'

const profiles: ProfileSummary[] = [
  { id: 'demo-rets', name: 'Demo RETS', kind: 'rets', builtin: true, url: 'http://x/rets', storedSecrets: [] },
  { id: 'demo-reso', name: 'Demo RESO', kind: 'reso', builtin: true, url: 'http://x/reso', storedSecrets: [] }
]
const STAMP = '2026-11-23T10:00:00.000Z'

let api: FakeApi
let pinia: Pinia

beforeEach(async () => {
  localStorage.clear()
  api = fakeApi({
    'profiles:list': () => profiles,
    'session:connect': ({ profileId }) => ({
      profileId,
      kind: 'rets',
      server: 'demo',
      capabilities: {},
      connectedAt: 'now',
      notes: []
    }),
    'metadata:summary': ({ profileId }) => sampleSummary(profileId),
    'metadata:fields': ({ class: cls }) =>
      cls === 'RES'
        ? [field('ListPrice', { longName: 'List Price', dataType: 'Decimal' }), field('City')]
        : [field('LotSizeArea')],
    'library:list': () => ({
      queries: [
        {
          id: 'fargo',
          name: 'Fargo listings',
          folder: 'Daily',
          spec: {
            kind: 'dmql',
            resource: 'Property',
            class: 'RES',
            query: '(City=Fargo)',
            format: 'COMPACT-DECODED',
            count: 0,
            standardNames: false,
            fetchAll: false
          },
          createdAt: STAMP,
          updatedAt: STAMP
        }
      ],
      problems: []
    })
  })
  useTransport(api)
  pinia = createPinia()
  setActivePinia(pinia)
  await useProfilesStore().load()
  await useLibraryStore().load()
})

const ctrlP = (): boolean =>
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, cancelable: true }))

async function openSwitcher() {
  const w = mount(QuickSwitcher, { global: { plugins: [pinia] }, attachTo: document.body })
  expect(ctrlP()).toBe(false) // default prevented: not the browser's Print dialog
  await flushPromises()
  return w
}
const titles = (w: Awaited<ReturnType<typeof openSwitcher>>): string[] =>
  w.findAll('[data-testid="switch-item"]').map((li) => li.find('.title').text())

describe('fuzzy match', () => {
  it('matches letters in order, word starts and runs first', () => {
    expect(fuzzyScore('lp', 'ListPrice')).toBeDefined()
    expect(fuzzyScore('pl', 'ListPrice')).toBeUndefined()
    expect(fuzzyFilter(['Lot Pool Area', 'ListPrice', 'Polo'], 'lp', (s) => s)).toEqual(['ListPrice', 'Lot Pool Area'])
    expect(fuzzyFilter(['CityRegion', 'City'], 'city', (s) => s)).toEqual(['City', 'CityRegion'])
  })
})

describe('quick switcher', () => {
  it('without a connection lists profiles and saved queries; Enter on a profile connects it', async () => {
    const w = await openSwitcher()
    expect(titles(w)).toEqual(['Demo RETS', 'Demo RESO', 'Fargo listings'])
    await w.get('[data-testid="switch-query"]').setValue('reso')
    expect(titles(w)).toEqual(['Demo RESO'])
    await w.get('[data-testid="switch-query"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(api.calls.filter((c) => c.channel === 'session:connect').map((c) => c.args)).toEqual([
      { profileId: 'demo-reso' }
    ])
    expect(w.find('[data-testid="quick-switcher"]').exists()).toBe(false)
    w.unmount()
  })

  it('lists classes and the loaded fields of the connected profile; a field opens its details', async () => {
    await useProfilesStore().connect('demo-rets')
    const w = await openSwitcher()
    await flushPromises()
    expect(titles(w)).toEqual(
      expect.arrayContaining(['Property · RES', 'Property · LND', 'Agent', 'ListPrice', 'City', 'LotSizeArea'])
    )
    await w.get('[data-testid="switch-query"]').setValue('list price')
    expect(titles(w)[0]).toBe('ListPrice')
    await w.get('[data-testid="switch-query"]').trigger('keydown', { key: 'Enter' })
    const session = useSessionStore()
    expect(session.selected?.node).toMatchObject({ kind: 'field', resource: 'Property', cls: 'RES' })
    expect(useQueryTabsStore().active).toBe(DETAILS_TAB)
    w.unmount()
  })

  it('arrow keys move the choice; Enter on a class opens a query tab on it; Enter on a saved query opens it', async () => {
    await useProfilesStore().connect('demo-rets')
    const w = await openSwitcher()
    await w.get('[data-testid="switch-query"]').setValue('property')
    const [first, second] = titles(w)
    expect([first, second].sort()).toEqual(['Property · LND', 'Property · RES'])
    const box = w.get('[data-testid="switch-query"]')
    await box.trigger('keydown', { key: 'ArrowDown' })
    expect(w.findAll('[data-testid="switch-item"]')[1]?.attributes('aria-selected')).toBe('true')
    await box.trigger('keydown', { key: 'Enter' })
    const tabs = useQueryTabsStore()
    expect(tabs.byId(tabs.active)?.params).toMatchObject({
      kind: 'dmql',
      resource: 'Property',
      class: second?.split(' · ')[1]
    })

    ctrlP()
    await flushPromises()
    await w.get('[data-testid="switch-query"]').setValue('fargo')
    await w.get('[data-testid="switch-query"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(tabs.byId(tabs.active)?.savedId).toBe('fargo')

    ctrlP()
    await flushPromises()
    await w.get('[data-testid="switch-query"]').trigger('keydown', { key: 'Escape' })
    expect(w.find('[data-testid="quick-switcher"]').exists()).toBe(false)
    w.unmount()
  })
})
