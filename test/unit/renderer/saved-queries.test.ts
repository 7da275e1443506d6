import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import SavedQueriesPane from '../../../src-renderer/features/library/SavedQueriesPane.vue'
import QuerySaveControl from '../../../src-renderer/features/library/QuerySaveControl.vue'
import MetadataDetails from '../../../src-renderer/features/metadata/MetadataDetails.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useLibraryStore } from '../../../src-renderer/features/library/library-store'
import { useProfilesStore } from '../../../src-renderer/features/profiles/profiles-store'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { useSessionStore } from '../../../src-renderer/features/metadata/session-store'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import { paramsFromSpec } from '../../../src-renderer/features/library/saved-query-tab'
import { buildQuerySpec } from '../../../src-renderer/features/query/query-params'
import type { ArgsOf } from '../../../contract/ipc-contract'
import type { SavedQuery } from '../../../contract/library-channels'
import type { ProfileSummary } from '../../../contract/profile-channels'
import type { QuerySpec } from '../../../contract/query-channels'
import { fakeApi, field, sampleSummary, type FakeApi } from './fake-api'

const STAMP = '2026-11-23T10:00:00.000Z'
const dmqlSpec: QuerySpec = {
  kind: 'dmql',
  resource: 'Property',
  class: 'RES',
  query: '(ListPrice=100000+)',
  format: 'COMPACT-DECODED',
  limit: 50,
  count: 1,
  standardNames: false,
  fetchAll: false,
  maxRows: 5000
}
const odataSpec: QuerySpec = {
  kind: 'odata',
  resource: 'Property',
  filter: "City eq 'Fargo'",
  count: true,
  fetchAll: false
}

const profiles: ProfileSummary[] = [
  {
    id: 'demo-rets',
    name: 'Demo MLS (RETS)',
    kind: 'rets',
    builtin: true,
    url: 'http://127.0.0.1/rets',
    storedSecrets: []
  },
  {
    id: 'demo-reso',
    name: 'Demo MLS (RESO)',
    kind: 'reso',
    builtin: true,
    url: 'http://127.0.0.1/odata',
    storedSecrets: []
  }
]

let api: FakeApi
let stored: SavedQuery[]
let pinia: Pinia

function saved(id: string, name: string, spec: QuerySpec, extra: Partial<SavedQuery> = {}): SavedQuery {
  return { id, name, spec, createdAt: STAMP, updatedAt: STAMP, ...extra }
}

beforeEach(async () => {
  localStorage.clear()
  stored = [
    saved('fargo', 'Fargo', odataSpec),
    saved('daily-by-price', 'By price', dmqlSpec, { folder: 'Daily', profileId: 'demo-rets', tags: ['weekly'] }),
    saved('daily-new', 'New today', { ...dmqlSpec, query: '(ListDate=.TODAY.)' }, { folder: 'Daily' })
  ]
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
    'metadata:fields': () => [],
    'library:list': () => ({
      queries: stored,
      problems: [{ file: 'broken.json', message: 'broken.json is not valid JSON.' }]
    }),
    'library:save': ({ queryId, query }) => {
      if (!queryId && stored.some((q) => q.name === query.name && q.folder === query.folder)) {
        throw new Error(`A saved query named "${query.name}" already exists.`)
      }
      const id = queryId ?? query.name.toLowerCase().replace(/\W+/g, '-')
      const next = { ...query, id, createdAt: STAMP, updatedAt: '2026-11-23T11:00:00.000Z' } as SavedQuery
      stored = [...stored.filter((q) => q.id !== id), next]
      return next
    },
    'library:rename': ({ queryId, name }) => ({ ...stored.find((q) => q.id === queryId)!, name }),
    'library:duplicate': ({ queryId }) => {
      const q = stored.find((s) => s.id === queryId)!
      return { ...q, id: `${q.id}-copy`, name: `${q.name} (copy)` }
    },
    'library:delete': () => ({ deleted: true }),
    'library:usage': () => ({
      count: 2,
      queries: [
        { id: 'daily-by-price', name: 'By price', folder: 'Daily', places: ['filter'] },
        { id: 'fargo', name: 'Fargo', places: ['select', 'orderby'] }
      ]
    })
  })
  useTransport(api)
  pinia = createPinia()
  setActivePinia(pinia)
  await useProfilesStore().load()
})

const callsTo = (channel: string): unknown[] => api.calls.filter((c) => c.channel === channel).map((c) => c.args)

async function pane() {
  const w = mount(SavedQueriesPane, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return w
}

function pressCtrlS(): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true })
  window.dispatchEvent(e)
  return e
}

describe('saved queries sidebar', () => {
  it('lists queries grouped by folder (top level first), filters them and lists unreadable files', async () => {
    const w = await pane()
    const groups = w.findAll('[data-testid="library-folder"]')
    expect(groups.map((g) => g.attributes('data-folder'))).toEqual(['', 'Daily'])
    expect(groups[1]!.findAll('[data-testid^="saved-query-daily"]').map((r) => r.attributes('data-name'))).toEqual([
      'By price',
      'New today'
    ])
    expect(w.get('[data-testid="library-problems"]').text()).toContain('1 file could not be read')
    expect(w.get('[data-testid="library-problems"]').text()).toContain('broken.json is not valid JSON.')

    await w.get('[data-testid="library-filter"]').setValue('weekly')
    expect(w.findAll('[data-testid="saved-query-open"]').map((r) => r.text())).toEqual(['By priceDMQL'])
    await w.get('[data-testid="library-filter"]').setValue('today')
    expect(w.findAll('[data-testid="saved-query-open"]').map((r) => r.text())).toEqual(['New todayDMQL'])
    await w.get('[data-testid="library-filter"]').setValue('nothing like this')
    expect(w.text()).toContain('Nothing matches the filter.')
    w.unmount()
  })

  it('opens a saved query in a tab linked to it: saved, then modified, then Ctrl+S updates it (keeping maxRows)', async () => {
    const w = await pane()
    await w.get('[data-testid="saved-query-daily-by-price"] [data-testid="saved-query-open"]').trigger('click')
    await flushPromises()
    expect(callsTo('session:connect')).toEqual([{ profileId: 'demo-rets' }])
    const tabs = useQueryTabsStore()
    const library = useLibraryStore()
    const tab = tabs.tabs[0]!
    expect(tab).toMatchObject({
      profileId: 'demo-rets',
      title: 'By price',
      savedId: 'daily-by-price',
      text: '(ListPrice=100000+)'
    })
    expect(tab.params).toMatchObject({ kind: 'dmql', resource: 'Property', class: 'RES', limit: '50' })
    expect(library.savedState(tab)).toBe('saved')

    // opening it again brings the same tab forward
    await library.open('daily-by-price')
    expect(tabs.tabs).toHaveLength(1)

    const ctl = mount(QuerySaveControl, { props: { tabId: tab.id }, global: { plugins: [pinia] } })
    expect(ctl.get('[data-testid="saved-state"]').attributes('data-state')).toBe('saved')
    tab.text = '(ListPrice=200000+)'
    await flushPromises()
    expect(library.savedState(tab)).toBe('modified')
    expect(ctl.get('[data-testid="saved-state"]').text()).toBe('Modified')

    const e = pressCtrlS()
    expect(e.defaultPrevented).toBe(true)
    await flushPromises()
    expect(callsTo('library:save')).toEqual([
      {
        queryId: 'daily-by-price',
        query: {
          name: 'By price',
          folder: 'Daily',
          profileId: 'demo-rets',
          tags: ['weekly'],
          spec: { ...dmqlSpec, query: '(ListPrice=200000+)' }
        }
      }
    ])
    expect(library.savedState(tab)).toBe('saved')
    expect(ctl.find('[data-testid="save-query-form"]').exists()).toBe(false)
    ctl.unmount()
    w.unmount()
  })

  it('renames in place, duplicates, and deletes only after the inline confirmation', async () => {
    const w = await pane()
    const library = useLibraryStore()
    const opened = (await library.open('fargo'))!
    expect(opened.profileId).toBe('demo-reso')
    const row = () => w.get('[data-testid="saved-query-fargo"]')
    await row().get('[data-testid="saved-query-rename"]').trigger('click')
    await row().get('[data-testid="saved-query-rename-input"]').setValue('Fargo homes')
    await row().get('form').trigger('submit')
    await flushPromises()
    expect(callsTo('library:rename')).toEqual([{ queryId: 'fargo', name: 'Fargo homes' }])
    expect(row().attributes('data-name')).toBe('Fargo homes')
    expect(opened.title).toBe('Fargo homes')

    await row().get('[data-testid="saved-query-duplicate"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="saved-query-fargo-copy"]').exists()).toBe(true)

    await row().get('[data-testid="saved-query-delete"]').trigger('click')
    expect(callsTo('library:delete')).toEqual([])
    await row().get('[data-testid="saved-query-cancel-delete"]').trigger('click')
    await row().get('[data-testid="saved-query-delete"]').trigger('click')
    await row().get('[data-testid="saved-query-confirm-delete"]').trigger('click')
    await flushPromises()
    expect(callsTo('library:delete')).toEqual([{ queryId: 'fargo' }])
    expect(w.find('[data-testid="saved-query-fargo"]').exists()).toBe(false)
    // the open tab keeps its query but is no longer linked
    expect(opened.savedId).toBeUndefined()
    expect(library.savedState(opened)).toBe('unsaved')
    w.unmount()
  })
})

describe('saving a new query tab', () => {
  it('Ctrl+S opens the name/folder prompt; a clash keeps it open with a toast; a free name saves and links the tab', async () => {
    const tabs = useQueryTabsStore()
    const library = useLibraryStore()
    await library.load()
    const tab = tabs.open(profiles[1]!)!
    tab.params = { ...tab.params, resource: 'Property' } as typeof tab.params
    tab.text = "City eq 'Minot'"
    const ctl = mount(QuerySaveControl, {
      props: { tabId: tab.id },
      global: { plugins: [pinia] },
      attachTo: document.body
    })
    expect(ctl.find('[data-testid="saved-state"]').exists()).toBe(false)

    pressCtrlS()
    await flushPromises()
    expect(callsTo('library:save')).toEqual([])
    const form = ctl.get('[data-testid="save-query-form"]')
    expect(document.activeElement).toBe(ctl.get('[data-testid="save-query-name"]').element)

    await form.get('[data-testid="save-query-name"]').setValue('Fargo')
    await form.trigger('submit')
    await flushPromises()
    expect(useToastStore().toasts.at(-1)?.title).toBe('A saved query named "Fargo" already exists.')
    expect(ctl.find('[data-testid="save-query-form"]').exists()).toBe(true)

    await ctl.get('[data-testid="save-query-name"]').setValue('Minot')
    await ctl.get('[data-testid="save-query-folder"]').setValue('North')
    await ctl.get('[data-testid="save-query-profile-only"]').setValue(false)
    await ctl.get('[data-testid="save-query-form"]').trigger('submit')
    await flushPromises()
    const args = callsTo('library:save').at(-1) as ArgsOf<'library:save'>
    expect(args).toEqual({
      query: {
        name: 'Minot',
        folder: 'North',
        spec: { kind: 'odata', resource: 'Property', filter: "City eq 'Minot'", top: 100, count: true, fetchAll: false }
      }
    })
    expect(ctl.find('[data-testid="save-query-form"]').exists()).toBe(false)
    expect(tab).toMatchObject({ savedId: 'minot', title: 'Minot' })
    expect(ctl.get('[data-testid="saved-state"]').attributes('data-state')).toBe('saved')
    expect(library.queries.map((q) => q.name)).toContain('Minot')
    ctl.unmount()
  })

  it('ignores Ctrl+S while another tab is in front and shows parameter errors instead of saving', async () => {
    const tabs = useQueryTabsStore()
    const library = useLibraryStore()
    const a = tabs.open(profiles[0]!)!
    const ctl = mount(QuerySaveControl, { props: { tabId: a.id }, global: { plugins: [pinia] } })
    tabs.activate('welcome')
    const e = pressCtrlS()
    expect(e.defaultPrevented).toBe(false)
    expect(library.promptFor).toBeNull()
    tabs.activate(a.id)
    await library.saveAs(a.id, { name: 'Empty', folder: '', profileOnly: true })
    expect(a.errors).toEqual(['Pick a resource.', 'Pick a class.', 'Write a DMQL query, e.g. (ListPrice=0+).'])
    expect(callsTo('library:save')).toEqual([])
    ctl.unmount()
  })
})

describe('metadata details', () => {
  it('shows "used in N saved queries" for a field, with the places, and opens one on click', async () => {
    const session = useSessionStore()
    await useLibraryStore().load()
    session.selected = {
      profileId: 'demo-rets',
      node: {
        kind: 'field',
        resource: 'Property',
        cls: 'RES',
        field: field('LIST_22', { standardName: 'ListPrice', dataType: 'Decimal' }),
        keyField: false
      }
    }
    const w = mount(MetadataDetails, { global: { plugins: [pinia] } })
    await flushPromises()
    expect(callsTo('library:usage')).toEqual([
      { profileId: 'demo-rets', resource: 'Property', class: 'RES', field: 'LIST_22', standardName: 'ListPrice' }
    ])
    const usage = w.get('[data-testid="field-usage"]')
    expect(usage.attributes('data-count')).toBe('2')
    expect(usage.text()).toContain('Used in 2 saved queries')
    expect(usage.text()).toContain('Daily / By price')
    expect(usage.text()).toContain('select, order by')
    await w.get('[data-testid="field-usage-open-daily-by-price"]').trigger('click')
    await flushPromises()
    expect(useQueryTabsStore().tabs[0]).toMatchObject({ savedId: 'daily-by-price', title: 'By price' })
  })
})

describe('spec ↔ tab parameters', () => {
  it('round-trips every query language through the parameter bar', () => {
    const specs: QuerySpec[] = [
      { ...dmqlSpec, select: ['ListingKey'], offset: 3, standardNames: true, count: 2, maxRows: undefined },
      { ...odataSpec, select: ['City'], top: 10, skip: 20, orderby: 'ListPrice desc', expand: 'Media' },
      { kind: 'spark', filter: "City Eq 'Fargo'", orderby: '-ListPrice', limit: 25, page: 2, fetchAll: true }
    ]
    for (const spec of specs) {
      const { params, text } = paramsFromSpec(spec)
      const built = buildQuerySpec(params, text)
      const { maxRows: _drop, ...expected } = spec
      expect(built).toEqual({ ok: true, spec: JSON.parse(JSON.stringify(expected)) })
    }
  })
})
