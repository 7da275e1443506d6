import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ProfileList from '../../../src-renderer/features/profiles/ProfileList.vue'
import ResultsGrid from '../../../src-renderer/features/results/ResultsGrid.vue'
import ExportForm from '../../../src-renderer/features/results/ExportForm.vue'
import { useAppStore } from '../../../src-renderer/shell/app-store'
import { useTransport } from '../../../src-renderer/api/client'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { useResultsStore } from '../../../src-renderer/features/results/results-store'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import { loadHistory } from '../../../src-renderer/features/query/query-history'
import type { ResultSummary } from '../../../contract/results-channels'
import { fakeApi, sampleSummary, type FakeApi } from './fake-api'

const TOTAL = 1_000_000
let api: FakeApi
let summary: ResultSummary

beforeEach(() => {
  localStorage.clear()
  summary = {
    resultId: 'res1',
    columns: [{ name: 'ListingKey' }, { name: 'Status', lookupName: 'Status' }, { name: 'OwnerPhone' }],
    total: TOTAL,
    complete: true,
    serverCount: 1_234_567,
    maxRowsReached: true,
    pages: 5000,
    warnings: [],
    wireIds: ['w1']
  }
  api = fakeApi({
    'profiles:list': () => [
      {
        id: 'demo-rets',
        name: 'Demo MLS (RETS)',
        kind: 'rets',
        builtin: true,
        url: 'http://127.0.0.1/rets',
        storedSecrets: []
      },
      { id: 'broken', name: 'Broken', kind: 'reso', builtin: false, url: 'http://127.0.0.1/odata', storedSecrets: [] }
    ],
    'session:connect': ({ profileId }) => {
      if (profileId === 'broken') throw new Error('Login failed: 401 Unauthorized')
      return { profileId, kind: 'rets', server: 'demo', capabilities: {}, connectedAt: 'now', notes: [] }
    },
    'metadata:summary': ({ profileId }) => sampleSummary(profileId),
    'metadata:fields': () => [],
    'metadata:lookup': () => [
      { value: 'A', longValue: 'Active', attrs: {} },
      { value: 'P', longValue: 'Pending', attrs: {} }
    ],
    'query:run': () => ({ jobId: 'job1', resultId: 'res1' }),
    'results:export': ({ path }) => ({ path, rows: 1_000_000, bytes: 12_345_678 }),
    'results:summary': () => summary,
    'results:page': ({ offset, limit }) => ({
      offset,
      rows: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, k) => [
        `L${offset + k}`,
        k % 2 ? 'A' : 'A,P',
        k % 3 ? '********' : '555-0100'
      ]),
      total: TOTAL,
      complete: true
    })
  })
  useTransport(api)
  setActivePinia(createPinia())
})

describe('profiles → query tab → run', () => {
  it('lists profiles with their kind badge, connects on click and opens a DMQL tab on Property/RES', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const w = mount(ProfileList, { global: { plugins: [pinia] } })
    await flushPromises()
    const demo = w.get('[data-testid="profile-demo-rets"]')
    expect(demo.text()).toContain('RETS')
    expect(demo.text()).toContain('Demo')
    expect(w.get('[data-testid="profile-broken"]').text()).toContain('RESO')
    expect(w.text()).toContain('Connect to Demo MLS to start')
    await demo.trigger('click')
    expect(demo.attributes('data-status')).toBe('connecting')
    await flushPromises()
    expect(w.get('[data-testid="profile-demo-rets"]').attributes('data-status')).toBe('connected')
    const tabs = useQueryTabsStore()
    expect(tabs.tabs).toHaveLength(1)
    expect(tabs.tabs[0]!.params).toMatchObject({ kind: 'dmql', resource: 'Property', class: 'RES' })
    expect(tabs.active).toBe(tabs.tabs[0]!.id)

    tabs.tabs[0]!.text = '(ListPrice=0+)'
    await tabs.run(tabs.tabs[0]!.id)
    const run = api.calls.find((c) => c.channel === 'query:run')!
    expect(run.args).toEqual({
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'RES',
        query: '(ListPrice=0+)',
        format: 'COMPACT-DECODED',
        limit: 100,
        count: 1,
        standardNames: false,
        fetchAll: false
      }
    })
    expect(tabs.tabs[0]!.resultId).toBe('res1')
    expect(loadHistory('demo-rets')[0]!.text).toBe('(ListPrice=0+)')
    expect(JSON.stringify(localStorage)).not.toMatch(/password|token|secret/i)

    await w.get('[data-testid="disconnect-demo-rets"]').trigger('click')
    await flushPromises()
    expect(api.calls.at(-1)!.channel).toBe('session:disconnect')
  })

  it('shows a failed connection as a toast with message and hint', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const w = mount(ProfileList, { global: { plugins: [pinia] } })
    await flushPromises()
    await w.get('[data-testid="profile-broken"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="profile-broken"]').attributes('data-status')).toBe('error')
    expect(useToastStore().toasts[0]).toMatchObject({
      kind: 'error',
      title: 'Login failed: 401 Unauthorized',
      hint: 'fake hint'
    })
  })

  it('does not send a query whose parameters are incomplete', async () => {
    const tabs = useQueryTabsStore()
    const tab = tabs.open({ id: 'demo-rets', name: 'Demo', kind: 'rets', builtin: true, url: '', storedSecrets: [] })!
    await tabs.run(tab.id)
    expect(tab.errors).toEqual(['Pick a resource.', 'Pick a class.', 'Write a DMQL query, e.g. (ListPrice=0+).'])
    expect(api.calls.some((c) => c.channel === 'query:run')).toBe(false)
  })
})

describe('ResultsGrid', () => {
  async function grid() {
    const pinia = createPinia()
    setActivePinia(pinia)
    useResultsStore().track({ resultId: 'res1', jobId: 'job1', profileId: 'demo-rets', resource: 'Property' })
    const w = mount(ResultsGrid, { props: { resultId: 'res1' }, global: { plugins: [pinia] } })
    await flushPromises()
    return w
  }
  const pageOffsets = () =>
    api.calls.filter((c) => c.channel === 'results:page').map((c) => (c.args as { offset: number }).offset)

  it('renders a window of a million rows and fetches pages of 200 only as they scroll into view', async () => {
    const w = await grid()
    expect(w.get('[data-testid="result-count"]').text()).toContain(
      '1,000,000 rows · partial · server COUNT 1,234,567 · more rows on the server'
    )
    expect(pageOffsets()).toEqual([0, 200])
    const rows = w.findAll('[data-testid="grid-row"]')
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.length).toBeLessThan(40)
    expect(rows[0]!.text()).toContain('L0')

    const viewport = w.get('.viewport')
    ;(viewport.element as HTMLElement).scrollTop = 24 * 500_000
    await viewport.trigger('scroll')
    await flushPromises()
    expect(pageOffsets()).toEqual([0, 200, 499_800, 500_000, 500_200])
    const idx = w.findAll('[data-testid="grid-row"]').map((r) => Number(r.attributes('data-index')))
    expect(idx).toContain(500_000)
    expect(w.findAll('[data-testid="grid-row"]').length).toBeLessThan(40)
    ;(viewport.element as HTMLElement).scrollTop = 24 * TOTAL
    await viewport.trigger('scroll')
    await flushPromises()
    expect(pageOffsets().at(-1)).toBe(999_800)
    expect(w.findAll('[data-testid="grid-row"]').at(-1)!.attributes('data-index')).toBe(String(TOTAL - 1))
  })

  it('windows the columns of a wide result (300 fields) as well as the rows', async () => {
    summary.columns = Array.from({ length: 300 }, (_, i) => ({ name: `F${i}` }))
    const w = await grid()
    const headers = () => w.findAll('.th').map((h) => h.text())
    expect(headers().length).toBeLessThan(20)
    expect(headers()[0]).toBe('F0')
    const viewport = w.get('.viewport')
    ;(viewport.element as HTMLElement).scrollLeft = 64 + 160 * 150
    await viewport.trigger('scroll')
    expect(headers()).toContain('F150')
    expect(headers()).not.toContain('F0')
    expect(w.get('.head .pad').attributes('style')).toContain(`width: ${148 * 160}px`)
    expect(w.get('.head').attributes('style')).toContain(`width: ${64 + 300 * 160}px`)
  })

  it('shows masked values greyed, lookup long values on hover, and sorts/filters loaded rows only', async () => {
    const w = await grid()
    const first = w.findAll('[data-testid="grid-row"]')[0]!
    const cells = first.findAll('.cell')
    expect(cells[2]!.text()).toBe('555-0100')
    const second = w.findAll('[data-testid="grid-row"]')[1]!.findAll('.cell')
    expect(second[2]!.classes()).toContain('masked')
    expect(second[2]!.text()).toBe('masked')
    await cells[1]!.trigger('mouseenter')
    await flushPromises()
    expect(w.findAll('[data-testid="grid-row"]')[0]!.findAll('.cell')[1]!.attributes('title')).toBe('Active, Pending')

    await w.get('[data-testid="grid-filter"]').setValue('L19')
    await flushPromises()
    expect(w.text()).toContain('11 of 400 loaded rows')
    const shown = w.findAll('[data-testid="grid-row"]').map((r) => r.findAll('.cell')[0]!.text())
    // L19, L190..L199 among the loaded pages 0-399
    expect(shown).toEqual(['L19', 'L190', 'L191', 'L192', 'L193', 'L194', 'L195', 'L196', 'L197', 'L198', 'L199'])
    await w.findAll('.th')[0]!.trigger('click')
    await w.findAll('.th')[0]!.trigger('click')
    expect(w.findAll('[data-testid="grid-row"]')[0]!.findAll('.cell')[0]!.text()).toBe('L199')
  })
})

describe('ExportForm', () => {
  it('exports to a full path in the data folder by default, switching the extension with the format', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    useAppStore().info = {
      name: 'MLS Workbench',
      version: '0',
      platform: 'linux',
      mode: 'web',
      userDataDir: '/home/u/.config/mlswb/',
      keychain: { kind: 'memory', persistent: false, summary: '' },
      demoMlsUrl: null,
      nativeDialogs: false
    }
    const w = mount(ExportForm, { props: { resultId: 'res1' }, global: { plugins: [pinia] } })
    await w.get('[data-testid="export-open"]').trigger('click')
    expect((w.get('[data-testid="export-path"]').element as HTMLInputElement).value).toBe(
      '/home/u/.config/mlswb/results.csv'
    )
    await w.get('[data-testid="export-format"]').setValue('json')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(api.calls.at(-1)).toEqual({
      channel: 'results:export',
      args: { resultId: 'res1', format: 'json', path: '/home/u/.config/mlswb/results.json' }
    })
    expect(useToastStore().toasts.at(-1)!.title).toBe(
      'Exported 1,000,000 rows (12,345,678 bytes) to /home/u/.config/mlswb/results.json'
    )
  })
})
