// An IDX API profile in the renderer: a click connects and opens its Sync tab (the sync engine's, as for every
// kind), whose target picker offers the IDX SearchTypes; plan and run go out as sync:plan / sync:run on that
// SearchType, their reports become count tiles, and a failed job shows main's message and hint.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useTransport } from '../../../src-renderer/api/client'
import { useSyncStore } from '../../../src-renderer/features/sync/sync-store'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import type { JobProgress } from '../../../contract/job-channels'
import type { ProfileSummary } from '../../../contract/profile-channels'
import type { SyncReport } from '../../../contract/sync-channels'
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

const IDX: ProfileSummary = {
  id: 'demo-idx',
  name: 'Demo IDX',
  kind: 'idx',
  builtin: true,
  url: 'http://127.0.0.1/idx/Login.svc/Login',
  storedSecrets: []
}

const PLAN: SyncReport = {
  action: 'plan',
  target: 'Agent',
  counts: { new: 5, updated: 2, unchanged: 1194, deleted: 2 },
  sample: { new: ['A-101'], updated: ['A-7', 'A-9'], deleted: ['A-3', 'A-4'] },
  masterCount: 1201,
  storeCount: 1198,
  highWaterMark: '2026-11-22T08:30:00Z'
}

let api: FakeApi
let reports: Record<string, SyncReport | null>
let started: Array<{ channel: string; args: unknown }>
let connectFails: boolean

const progress = (jobId: string, state: JobProgress['state'], extra: Partial<JobProgress> = {}): JobProgress => ({
  jobId,
  kind: 'sync-plan',
  title: 'Sync plan: Agent',
  state,
  done: 0,
  unit: 'records',
  ...extra
})

beforeEach(() => {
  localStorage.clear()
  reports = {}
  started = []
  connectFails = false
  api = fakeApi({
    'profiles:list': () => [IDX],
    'session:connect': ({ profileId }) => {
      if (connectFails) throw new Error('Login failed: 401 Unauthorized')
      return { profileId, kind: 'idx', server: 'demo', capabilities: {}, connectedAt: 'now', notes: [] }
    },
    'metadata:summary': ({ profileId }) => sampleSummary(profileId),
    'sync:plan': (args) => (started.push({ channel: 'sync:plan', args }), { jobId: 'job-plan' }),
    'sync:run': (args) => (started.push({ channel: 'sync:run', args }), { jobId: 'job-run' }),
    'sync:report': ({ jobId }) => reports[jobId] ?? null,
    'sync:status': () => ({ store: { kind: 'sqlite', location: '/data/sync/demo-idx.sqlite' }, tables: [], runs: [] }),
    'job:cancel': () => ({ cancelled: true }),
    'wire:list': () => []
  })
  useTransport(api)
  setActivePinia(createPinia())
})

async function openIdx(): Promise<{ list: VueWrapper; editor: VueWrapper }> {
  const pinia = createPinia()
  setActivePinia(pinia)
  const list = mount(ProfileList, { global: { plugins: [pinia] } })
  const editor = mount(EditorArea, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  await list.get('[data-testid="profile-demo-idx"]').trigger('click')
  await flushPromises()
  return { list, editor }
}

describe('IDX profile → Sync tab', () => {
  it('opens the Sync tab (not a query tab) when an IDX profile is clicked, and still offers + Query', async () => {
    const { list, editor } = await openIdx()
    expect(api.calls.filter((c) => c.channel === 'session:connect')).toHaveLength(1)
    expect(useQueryTabsStore().active).toBe('sync1')
    expect(editor.get('[data-testid="tab-sync1"]').text()).toContain('Demo IDX · Sync')
    expect(editor.find('[data-testid="sync-tab-sync1"]').exists()).toBe(true)
    expect(editor.find('[data-testid="sync-empty"]').exists()).toBe(true)
    // the target is a SearchType picked from the IDX API's list, not a free resource / class
    const options = editor.findAll('[data-testid="sync-search-type"] option').map((o) => o.text())
    expect(options).toEqual(['Property', 'Agent', 'Office'])
    expect(editor.find('[data-testid="sync-resource"]').exists()).toBe(false)
    expect(editor.find('[data-testid="sync-class"]').exists()).toBe(false)
    await list.get('[data-testid="new-query-demo-idx"]').trigger('click')
    expect(useQueryTabsStore().tabs.map((t) => t.kind)).toEqual(['dmql'])
    // clicking the profile again brings the same Sync tab back
    await list.get('[data-testid="profile-demo-idx"]').trigger('click')
    await flushPromises()
    expect(useSyncStore().tabs).toHaveLength(1)
    expect(useQueryTabsStore().active).toBe('sync1')
  })

  it('plans and runs on the picked SearchType; the report becomes count tiles', async () => {
    const { editor } = await openIdx()
    await editor.get('[data-testid="sync-search-type"]').setValue('Agent')
    await editor.get('[data-testid="sync-plan"]').trigger('click')
    await flushPromises()
    expect(started).toEqual([{ channel: 'sync:plan', args: { profileId: 'demo-idx', target: { resource: 'Agent' } } }])
    api.emit('job:progress', progress('job-plan', 'running', { done: 400, total: 1201, message: 'Master list' }))
    await flushPromises()
    expect(editor.find('[data-testid="sync-progress"]').exists()).toBe(true)
    expect(editor.get('[data-testid="sync-status"]').text()).toContain('running: Master list')
    expect(editor.find('[data-testid="sync-plan"]').exists()).toBe(false)
    await editor.get('[data-testid="sync-cancel"]').trigger('click')
    expect(api.calls.at(-1)).toEqual({ channel: 'job:cancel', args: { jobId: 'job-plan' } })

    reports['job-plan'] = PLAN
    // (main's last progress message stays on the job: a finished run does not show it)
    api.emit('job:progress', progress('job-plan', 'done', { done: 1201, total: 1201, message: 'Master list' }))
    await flushPromises()
    expect(editor.get('[data-testid="sync-status"]').text()).toMatch(/— done$/)
    const count = (b: string): string => editor.get(`[data-testid="sync-count-${b}"] .n`).text()
    expect(['new', 'updated', 'deleted', 'unchanged'].map(count)).toEqual(['5', '2', '2', '1,194'])
    expect(editor.get('[data-testid="sync-report"]').text()).toContain('Plan · Agent')

    await editor.get('[data-testid="sync-run"]').trigger('click')
    await flushPromises()
    expect(started.at(-1)).toEqual({
      channel: 'sync:run',
      args: { profileId: 'demo-idx', target: { resource: 'Agent' } }
    })
  })

  it('shows why a job failed, with main’s hint, and keeps the run buttons', async () => {
    const { editor } = await openIdx()
    await editor.get('[data-testid="sync-plan"]').trigger('click')
    await flushPromises()
    const error = { code: 'RETS_20036', message: 'Miscellaneous search error: master list unavailable', hint: 'Retry.' }
    api.emit('job:progress', progress('job-plan', 'failed', { error }))
    await flushPromises()
    const err = editor.get('[data-testid="sync-error"]')
    expect(err.text()).toContain('Plan failed: Miscellaneous search error: master list unavailable')
    expect(err.text()).toContain('Retry.')
    expect(editor.get('[data-testid="sync-status"]').attributes('data-state')).toBe('failed')
    expect(editor.find('[data-testid="sync-plan"]').exists()).toBe(true)
  })

  it('when connecting fails: a toast with the hint, the tab opens on a "Connection failed" banner', async () => {
    connectFails = true
    const { editor } = await openIdx()
    const toast = useToastStore().toasts.at(-1)
    expect(toast?.title).toBe('Login failed: 401 Unauthorized')
    expect(toast?.hint).toBe('fake hint')
    const banner = editor.get('[data-testid="connection-banner"]')
    expect(banner.attributes('data-status')).toBe('error')
    expect(banner.text()).toContain('Connection failed')
    // a plan first connects again; when that fails too, nothing is started
    await editor.get('[data-testid="sync-plan"]').trigger('click')
    await flushPromises()
    expect(started).toEqual([])
    connectFails = false
    await editor.get('[data-testid="banner-connect"]').trigger('click')
    await flushPromises()
    expect(editor.find('[data-testid="connection-banner"]').exists()).toBe(false)
  })
})
