// The IDX sync inspector end to end in the renderer: a click on an IDX profile connects and opens its sync tab,
// "Compare with snapshot" runs a plan job whose report becomes tiles and id lists, Apply fetches rows that appear
// in the bottom panel's grid, and a failed job shows main's message and hint.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useTransport } from '../../../src-renderer/api/client'
import { useIdxSyncStore } from '../../../src-renderer/features/idx/idx-sync-store'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { useResultsStore } from '../../../src-renderer/features/results/results-store'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import type { JobProgress } from '../../../contract/job-channels'
import type { IdxSyncReport } from '../../../contract/idx-channels'
import type { ProfileSummary } from '../../../contract/profile-channels'
import type { ResultSummary } from '../../../contract/results-channels'
import {
  bucketViews,
  jobLine,
  snapshotFacts,
  truncationNote,
  reportHeadline
} from '../../../src-renderer/features/idx/sync-report-view'
import { fakeApi, sampleSummary, type FakeApi } from './fake-api'

vi.mock('../../../src-renderer/features/query/MonacoEditor.vue', () => ({
  default: defineComponent({
    props: { modelValue: { type: String, default: '' }, testid: String },
    setup: (props) => () => h('textarea', { 'data-testid': props.testid, value: props.modelValue })
  })
}))

// the Welcome page imports the app icon from public/, which only the app build resolves
vi.mock('../../../src-renderer/shell/WelcomeView.vue', () => ({
  default: defineComponent({ setup: () => () => h('div', { 'data-testid': 'welcome' }) })
}))

const { default: ProfileList } = await import('../../../src-renderer/features/profiles/ProfileList.vue')
const { default: EditorArea } = await import('../../../src-renderer/shell/EditorArea.vue')
const { default: BottomPanel } = await import('../../../src-renderer/shell/BottomPanel.vue')

const IDX: ProfileSummary = {
  id: 'demo-idx',
  name: 'Demo IDX',
  kind: 'idx',
  builtin: true,
  url: 'http://127.0.0.1/idx/Login.svc/Login',
  storedSecrets: []
}

const bucket = (ids: string[], count = ids.length) => ({ count, ids, truncated: count > ids.length })

function planReport(): IdxSyncReport {
  return {
    profileId: 'demo-idx',
    searchType: 'Agent',
    action: 'plan',
    masterCount: 1203,
    snapshotCount: 1200,
    snapshotSyncedAt: '2026-11-22T08:30:00.000Z',
    plan: {
      new: bucket(['A-101', 'A-102', 'A-103', 'A-104', 'A-105']),
      updated: bucket(['A-7', 'A-9']),
      deleted: bucket(['A-3', 'A-4']),
      unchanged: bucket(['A-1', 'A-2'], 1194)
    },
    snapshotFile: '/data/idx-snapshots/demo-idx/Agent.json',
    durationMs: 1460,
    warnings: ['The master list reported 1204 records but returned 1203.']
  }
}

function applyReport(): IdxSyncReport {
  return {
    ...planReport(),
    action: 'apply',
    fetched: 6,
    missing: ['A-105'],
    resultId: 'rows-1',
    snapshotCountAfter: 1202
  }
}

const rowsSummary: ResultSummary = {
  resultId: 'rows-1',
  columns: [{ name: 'ID' }, { name: 'Name' }],
  total: 2,
  complete: true,
  pages: 1,
  warnings: [],
  wireIds: ['w9']
}

let api: FakeApi
let reports: Record<string, IdxSyncReport | null>
let syncArgs: unknown[]
let connectFails: boolean

const progress = (jobId: string, state: JobProgress['state'], extra: Partial<JobProgress> = {}): JobProgress => ({
  jobId,
  kind: 'idx-sync',
  title: 'IDX sync',
  state,
  done: 0,
  unit: 'records',
  ...extra
})

beforeEach(() => {
  localStorage.clear()
  reports = {}
  syncArgs = []
  connectFails = false
  api = fakeApi({
    'profiles:list': () => [IDX],
    'session:connect': ({ profileId }) => {
      if (connectFails) throw new Error('Login failed: 401 Unauthorized')
      return { profileId, kind: 'idx', server: 'demo', capabilities: {}, connectedAt: 'now', notes: [] }
    },
    'metadata:summary': ({ profileId }) => sampleSummary(profileId),
    'idx:sync': (args) => {
      syncArgs.push(args)
      return args.action === 'apply' ? { jobId: 'job-apply', resultId: 'rows-1' } : { jobId: 'job-plan' }
    },
    'idx:syncReport': ({ jobId }) => reports[jobId] ?? null,
    'job:cancel': () => ({ cancelled: true }),
    'results:summary': () => rowsSummary,
    'results:page': ({ offset }) => ({
      offset,
      rows: [
        ['A-101', 'Ada Agent'],
        ['A-7', 'Bo Broker']
      ],
      total: 2,
      complete: true
    }),
    'wire:list': () => []
  })
  useTransport(api)
  setActivePinia(createPinia())
})

async function openIdxTab(): Promise<{ list: VueWrapper; editor: VueWrapper; panel: VueWrapper }> {
  const pinia = createPinia()
  setActivePinia(pinia)
  const list = mount(ProfileList, { global: { plugins: [pinia] } })
  const editor = mount(EditorArea, { global: { plugins: [pinia] }, attachTo: document.body })
  const panel = mount(BottomPanel, { props: { height: 240 }, global: { plugins: [pinia] } })
  await flushPromises()
  await list.get('[data-testid="profile-demo-idx"]').trigger('click')
  await flushPromises()
  return { list, editor, panel }
}

describe('IDX sync inspector', () => {
  it('opens a sync tab (not the profile editor) when an IDX profile is clicked, and still offers + Query', async () => {
    const { list, editor } = await openIdxTab()
    expect(api.calls.filter((c) => c.channel === 'session:connect')).toHaveLength(1)
    expect(useQueryTabsStore().active).toBe('idx1')
    expect(editor.get('[data-testid="tab-idx1"]').text()).toContain('Demo IDX · Sync')
    expect(editor.find('[data-testid="idx-tab-idx1"]').exists()).toBe(true)
    expect(editor.get('[data-testid="idx-empty"]').text()).toContain('Property master list')
    expect(list.get('[data-testid="profile-demo-idx"]').attributes('data-status')).toBe('connected')
    await list.get('[data-testid="new-query-demo-idx"]').trigger('click')
    expect(useQueryTabsStore().tabs.map((t) => t.kind)).toEqual(['dmql'])
    // clicking the profile again brings the same sync tab back
    await list.get('[data-testid="profile-demo-idx"]').trigger('click')
    await flushPromises()
    expect(useIdxSyncStore().tabs).toHaveLength(1)
    expect(useQueryTabsStore().active).toBe('idx1')
  })

  it('plans: sends the choices, shows progress, then renders the report as tiles, id lists and snapshot facts', async () => {
    const { editor } = await openIdxTab()
    await editor.get('[data-testid="idx-search-type"]').setValue('Agent')
    await editor.get('[data-testid="idx-master-format"]').setValue('STANDARD-XML')
    await editor.get('[data-testid="idx-plan"]').trigger('click')
    await flushPromises()
    expect(syncArgs).toEqual([
      { profileId: 'demo-idx', searchType: 'Agent', action: 'plan', masterFormat: 'STANDARD-XML' }
    ])

    api.emit(
      'job:progress',
      progress('job-plan', 'running', { done: 400, total: 1203, message: 'Reading the master list' })
    )
    await flushPromises()
    expect(editor.get('[data-testid="idx-status"]').text()).toBe(
      'Running · 400 / 1,203 records · Reading the master list'
    )
    expect(editor.find('[data-testid="idx-progress"]').exists()).toBe(true)
    expect(editor.find('[data-testid="idx-plan"]').exists()).toBe(false)
    await editor.get('[data-testid="idx-cancel"]').trigger('click')
    expect(api.calls.at(-1)).toEqual({ channel: 'job:cancel', args: { jobId: 'job-plan' } })

    reports['job-plan'] = planReport()
    api.emit('job:progress', progress('job-plan', 'done', { done: 1203, total: 1203 }))
    await flushPromises()
    const tiles = (name: string) => editor.get(`[data-testid="idx-tile-${name}"] [data-testid="idx-tile-count"]`).text()
    expect([tiles('new'), tiles('updated'), tiles('deleted'), tiles('unchanged')]).toEqual(['5', '2', '2', '1,194'])
    expect(editor.get('[data-testid="idx-headline"]').text()).toContain('apply would fetch 7 and drop 2 records')
    const ids = (name: string) =>
      editor.findAll(`[data-testid="idx-ids-${name}"] [data-testid="idx-id"]`).map((li) => li.text())
    expect(ids('new')).toEqual(['A-101', 'A-102', 'A-103', 'A-104', 'A-105'])
    expect(ids('deleted')).toEqual(['A-3', 'A-4'])
    expect(editor.find('[data-testid="idx-ids-new-truncated"]').exists()).toBe(false)
    expect(editor.get('[data-testid="idx-ids-unchanged-truncated"]').text()).toBe('Showing the first 2 of 1,194 ids.')
    expect(editor.get('[data-testid="idx-snapshot-file"]').text()).toBe('/data/idx-snapshots/demo-idx/Agent.json')
    expect(editor.get('[data-testid="idx-fact-before"]').text()).toContain(
      '1,200 records · written 2026-11-22 08:30:00 UTC'
    )
    expect(editor.find('[data-testid="idx-fact-after"]').exists()).toBe(false)
    expect(editor.get('[data-testid="idx-warnings"]').text()).toContain('reported 1204 records but returned 1203')
    expect(editor.find('[data-testid="idx-show-rows"]').exists()).toBe(false)

    // a new run keeps the last report on screen, marked as the previous one, until its own arrives
    await editor.get('[data-testid="idx-apply"]').trigger('click')
    await flushPromises()
    expect(editor.get('[data-testid="idx-previous"]').text()).toContain('the previous run (plan, Agent)')
    expect(editor.get('[data-testid="idx-report"]').attributes('data-action')).toBe('plan')
    reports['job-apply'] = applyReport()
    api.emit('job:progress', progress('job-apply', 'done', { done: 6, total: 6 }))
    await flushPromises()
    expect(editor.find('[data-testid="idx-previous"]').exists()).toBe(false)
    expect(editor.get('[data-testid="idx-report"]').attributes('data-action')).toBe('apply')
  })

  it('applies: the fetched rows show in the results grid and the report gives the snapshot after', async () => {
    const { list, editor, panel } = await openIdxTab()
    await editor.get('[data-testid="idx-apply"]').trigger('click')
    await flushPromises()
    expect(syncArgs).toEqual([
      { profileId: 'demo-idx', searchType: 'Property', action: 'apply', masterFormat: 'COMPACT' }
    ])
    reports['job-apply'] = applyReport()
    api.emit('job:progress', progress('job-apply', 'done', { done: 6, total: 6 }))
    await flushPromises()

    expect(editor.get('[data-testid="idx-report"]').attributes('data-action')).toBe('apply')
    expect(editor.get('[data-testid="idx-fact-after"]').text()).toContain('1,202 records')
    expect(editor.get('[data-testid="idx-fact-fetched"]').text()).toContain('6 records')
    expect(editor.get('[data-testid="idx-missing"]').text()).toContain('A-105')
    expect(useResultsStore().opened).toBe('rows-1')
    const rows = panel.findAll('[data-testid="grid-row"]').map((r) => r.text())
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('Ada Agent')
    expect(rows[1]).toContain('A-7')

    // a query tab in front shows its own (empty) result; the sync tab brings its rows back
    await list.get('[data-testid="new-query-demo-idx"]').trigger('click')
    await flushPromises()
    expect(panel.find('[data-testid="grid-row"]').exists()).toBe(false)
    await editor.get('[data-testid="tab-idx1"]').trigger('click')
    await flushPromises()
    expect(useResultsStore().opened).toBe('rows-1')
    expect(panel.findAll('[data-testid="grid-row"]')).toHaveLength(2)
  })

  it('shows why a job failed, with main’s hint, and keeps the run buttons', async () => {
    const { editor } = await openIdxTab()
    await editor.get('[data-testid="idx-plan"]').trigger('click')
    await flushPromises()
    api.emit(
      'job:progress',
      progress('job-plan', 'failed', {
        error: {
          code: 'RETS_20036',
          message: 'Miscellaneous search error: master list unavailable',
          hint: 'Try COMPACT.'
        }
      })
    )
    await flushPromises()
    const err = editor.get('[data-testid="idx-error"]')
    expect(err.text()).toContain('Compare failed: Miscellaneous search error: master list unavailable')
    expect(err.text()).toContain('Try COMPACT.')
    expect(editor.get('[data-testid="idx-status"]').attributes('data-state')).toBe('failed')
    expect(editor.find('[data-testid="idx-plan"]').exists()).toBe(true)
  })

  it('when connecting fails: a toast with the hint, the tab opens on a "Connection failed" banner', async () => {
    connectFails = true
    const { editor } = await openIdxTab()
    const toast = useToastStore().toasts.at(-1)
    expect(toast?.title).toBe('Login failed: 401 Unauthorized')
    expect(toast?.hint).toBe('fake hint')
    const banner = editor.get('[data-testid="connection-banner"]')
    expect(banner.attributes('data-status')).toBe('error')
    expect(banner.text()).toContain('Connection failed')
    // a run first connects again; when that fails too, nothing is started
    await editor.get('[data-testid="idx-plan"]').trigger('click')
    await flushPromises()
    expect(syncArgs).toEqual([])
    connectFails = false
    await editor.get('[data-testid="banner-connect"]').trigger('click')
    await flushPromises()
    expect(editor.find('[data-testid="connection-banner"]').exists()).toBe(false)
  })
})

describe('sync report view (pure)', () => {
  it('says when a bucket list is cut and words the plan and the job line', () => {
    expect(truncationNote({ count: 3, ids: ['a', 'b', 'c'], truncated: false })).toBeUndefined()
    expect(truncationNote({ count: 12_345, ids: ['a'], truncated: true })).toBe('Showing the first 1 of 12,345 ids.')
    const views = bucketViews(planReport())
    expect(views.map((v) => [v.name, v.count, v.truncatedNote ?? null])).toEqual([
      ['new', 5, null],
      ['updated', 2, null],
      ['deleted', 2, null],
      ['unchanged', 1194, 'Showing the first 2 of 1,194 ids.']
    ])
    expect(snapshotFacts(applyReport()).map((f) => f.key)).toEqual(['master', 'before', 'after', 'fetched', 'duration'])
    expect(snapshotFacts(planReport()).at(-1)?.value).toBe('1.5 s')
    expect(reportHeadline(applyReport())).toBe('Agent: fetched 6, dropped 2; the snapshot now holds 1,202 records.')
    const empty = {
      ...planReport(),
      plan: { ...planReport().plan, new: bucket([]), updated: bucket([]), deleted: bucket([]) }
    }
    expect(reportHeadline(empty)).toBe('Agent: the snapshot is up to date with the master list.')
    expect(jobLine(progress('j', 'cancelled', { done: 12 }))).toBe('Cancelled · 12 records')
  })
})
