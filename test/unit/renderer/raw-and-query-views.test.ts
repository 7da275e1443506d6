// RawView and QueryTab with Monaco replaced by a plain element (Monaco needs a real browser; the Playwright suite
// covers it). What is tested here is everything around the editor.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useTransport } from '../../../src-renderer/api/client'
import { useProfilesStore } from '../../../src-renderer/features/profiles/profiles-store'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import type { WireEntry } from '../../../contract/wire-channels'
import { fakeApi, field, sampleSummary, type FakeApi } from './fake-api'

vi.mock('../../../src-renderer/features/query/MonacoEditor.vue', () => ({
  default: defineComponent({
    props: { modelValue: { type: String, default: '' }, language: String, testid: String, readOnly: Boolean },
    emits: ['update:modelValue', 'run'],
    setup(props, { emit, expose }) {
      expose({ insert: (t: string) => emit('update:modelValue', props.modelValue + t) })
      return () =>
        h('textarea', {
          'data-testid': props.testid,
          'data-language': props.language,
          value: props.modelValue,
          onInput: (e: Event) => emit('update:modelValue', (e.target as HTMLTextAreaElement).value),
          onKeydown: (e: KeyboardEvent) => e.ctrlKey && e.key === 'Enter' && emit('run')
        })
    }
  })
}))

const { default: RawView } = await import('../../../src-renderer/features/raw/RawView.vue')
const { default: WireBody } = await import('../../../src-renderer/features/raw/WireBody.vue')
const { default: QueryTab } = await import('../../../src-renderer/features/query/QueryTab.vue')

let api: FakeApi
const XML = '<RETS ReplyCode="0"><COUNT Records="1"/></RETS>'

beforeEach(() => {
  api = fakeApi({
    'wire:list': (): WireEntry[] => [
      {
        id: 'w1',
        method: 'GET',
        url: 'http://h/rets/login',
        status: 200,
        startedAt: 't1',
        requestHeaders: { Authorization: '[redacted]' },
        responseHeaders: { 'content-type': 'text/xml' },
        contentType: 'text/xml',
        bodySize: XML.length
      },
      {
        id: 'w2',
        method: 'GET',
        url: 'http://h/rets/getobject?ID=1:1',
        status: 200,
        startedAt: 't2',
        requestHeaders: {},
        responseHeaders: { 'content-type': 'image/jpeg' },
        contentType: 'image/jpeg',
        bodySize: 300_000
      }
    ],
    'wire:body': ({ id, offset, length }) =>
      id === 'w1'
        ? { id, offset, total: XML.length, encoding: 'text', data: XML }
        : {
            id,
            offset,
            total: 300_000,
            encoding: 'base64',
            data: btoa('\xff\xd8'.padEnd(Math.min(length, 300_000 - offset), 'x'))
          },
    'wire:copyAs': () => ({ text: "curl 'http://h/rets/login'\n", variables: [] }),
    'profiles:list': () => [
      { id: 'demo-reso', name: 'Demo RESO', kind: 'reso', builtin: true, url: 'http://h/odata', storedSecrets: [] }
    ],
    'session:connect': ({ profileId }) => ({
      profileId,
      kind: 'reso',
      server: 'demo',
      capabilities: {},
      connectedAt: 'now',
      notes: []
    }),
    'metadata:summary': ({ profileId }) => ({ ...sampleSummary(profileId), source: 'reso' }),
    'metadata:fields': () => [field('ListingKey'), field('City'), field('ListPrice', { dataType: 'Edm.Decimal' })],
    'query:run': () => ({ jobId: 'j1', resultId: 'r1' }),
    'results:summary': ({ resultId }) => ({
      resultId,
      columns: [],
      total: 0,
      complete: false,
      pages: 0,
      warnings: [],
      wireIds: []
    }),
    'job:cancel': () => ({ cancelled: true })
  })
  useTransport(api)
  setActivePinia(createPinia())
})

describe('RawView', () => {
  it('lists wire entries newest first, opens the preferred one and pretty-prints its XML body', async () => {
    const pinia = createPinia()
    const w = mount(RawView, { props: { preferredIds: ['w1'] }, global: { plugins: [pinia] } })
    await flushPromises()
    expect(w.findAll('[data-testid="wire-item"]').map((i) => i.text())).toEqual([
      expect.stringContaining('/rets/getobject?ID=1:1'),
      expect.stringContaining('/rets/login')
    ])
    expect(w.get('[data-testid="raw-request-line"] .method-name').text()).toBe('GET')
    expect(w.get('[data-testid="raw-request-line"] .url').text()).toBe('http://h/rets/login')
    expect(w.text()).toContain('[redacted]')
    const body = w.get('[data-testid="raw-editor"]')
    expect(body.attributes('data-language')).toBe('xml')
    expect((body.element as HTMLTextAreaElement).value).toBe('<RETS ReplyCode="0">\n  <COUNT Records="1"/>\n</RETS>')
    await w.get('[data-testid="raw-pretty"]').setValue(false)
    expect((w.get('[data-testid="raw-editor"]').element as HTMLTextAreaElement).value).toBe(XML)
  })

  it('shows binary bodies as hex, 256 KB at a time', async () => {
    const pinia = createPinia()
    const w = mount(RawView, { props: { preferredIds: ['w2'] }, global: { plugins: [pinia] } })
    await flushPromises()
    const raw = w.get('[data-testid="raw-body"]')
    expect(raw.attributes('data-encoding')).toBe('base64')
    expect(raw.text().startsWith('00000000  ff d8 78 78')).toBe(true)
    expect(w.text()).toContain('262,144 of 300,000 bytes')
    await w.get('[data-testid="raw-more"]').trigger('click')
    await flushPromises()
    const slices = api.calls.filter((c) => c.channel === 'wire:body').map((c) => c.args)
    expect(slices).toEqual([
      { id: 'w2', offset: 0, length: 262_144 },
      { id: 'w2', offset: 262_144, length: 262_144 }
    ])
    expect(raw.text()).toContain('00040000  ff d8 78')
    expect(w.find('[data-testid="raw-more"]').exists()).toBe(false)
  })

  it('says a download’s body is not kept instead of waiting for it', async () => {
    useTransport(fakeApi({ 'wire:body': ({ id, offset }) => ({ id, offset, total: 0, encoding: 'base64', data: '' }) }))
    const download: WireEntry = {
      id: 'w3',
      method: 'GET',
      url: 'http://cdn/photo/1.jpg',
      status: 200,
      startedAt: 't3',
      requestHeaders: {},
      responseHeaders: { 'content-type': 'image/jpeg' },
      contentType: 'image/jpeg',
      bodySize: 48_213
    }
    const w = mount(WireBody, { props: { entry: download }, global: { plugins: [createPinia()] } })
    await flushPromises()
    expect(w.text()).toContain('48,213 bytes received; a download’s body is not kept in the log')
    expect(w.text()).not.toContain('Loading')
    expect(w.find('[data-testid="raw-more"]').exists()).toBe(false)
  })
})

describe('QueryTab', () => {
  it('runs an OData query from the parameter bar and the editor, then offers Cancel while the job runs', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const profiles = useProfilesStore()
    await profiles.load()
    await profiles.connect('demo-reso')
    const tabs = useQueryTabsStore()
    const tab = tabs.open(profiles.profiles[0]!)!
    const w = mount(QueryTab, { props: { tabId: tab.id }, global: { plugins: [pinia] } })
    await flushPromises()
    expect(w.get('[data-testid="query-editor"]').attributes('data-language')).toBe('odata')
    expect(api.calls.some((c) => c.channel === 'metadata:fields')).toBe(true)
    await w.get('[data-testid="query-editor"]').setValue("City eq 'Fargo'")
    const params = w.get('[data-testid="query-params"]')
    await params.findAll('input.num')[0]!.setValue('5')
    await params.get('input[placeholder="ListPrice desc"]').setValue('ListPrice desc')
    await w.get('[data-testid="query-editor"]').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(api.calls.find((c) => c.channel === 'query:run')!.args).toEqual({
      profileId: 'demo-reso',
      spec: {
        kind: 'odata',
        resource: 'Property',
        filter: "City eq 'Fargo'",
        top: 5,
        orderby: 'ListPrice desc',
        count: true,
        fetchAll: false
      }
    })
    api.emit('job:progress', { jobId: 'j1', kind: 'query', title: 'Query', state: 'running', done: 3, unit: 'rows' })
    await flushPromises()
    expect(w.get('[data-testid="query-status"]').text()).toContain('Running · 3 rows')
    await w.get('[data-testid="cancel-query"]').trigger('click')
    expect(api.calls.at(-1)).toEqual({ channel: 'job:cancel', args: { jobId: 'j1' } })
    api.emit('job:progress', {
      jobId: 'j1',
      kind: 'query',
      title: 'Query',
      state: 'failed',
      done: 3,
      unit: 'rows',
      error: { code: 'ODATA', message: 'Invalid $filter', hint: 'Check the property name' }
    })
    await flushPromises()
    expect(w.text()).toContain('Invalid $filter')
    expect(w.text()).toContain('Check the property name')
    expect(w.find('[data-testid="run-query"]').exists()).toBe(true)
  })

  it('searches the persisted history and runs an entry again', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const profiles = useProfilesStore()
    await profiles.load()
    await profiles.connect('demo-reso')
    const tabs = useQueryTabsStore()
    const tab = tabs.open(profiles.profiles[0]!)!
    const params = { ...tab.params }
    localStorage.setItem(
      'mlswb.history.demo-reso',
      JSON.stringify([
        { at: '2026-12-01T10:00:00Z', text: "City eq 'Fargo'", params },
        { at: '2026-12-01T09:00:00Z', text: 'ListPrice gt 100000', params }
      ])
    )
    const w = mount(QueryTab, { props: { tabId: tab.id }, global: { plugins: [pinia] } })
    await flushPromises()
    await w.get('[data-testid="query-history"]').trigger('click')
    await w.get('[data-testid="history-filter"]').setValue('listprice')
    const runs = w.findAll('[data-testid="history-run"]')
    expect(runs).toHaveLength(1)
    const before = api.calls.filter((c) => c.channel === 'query:run').length
    await runs[0]!.trigger('click')
    await flushPromises()
    const sent = api.calls.filter((c) => c.channel === 'query:run')
    expect(sent).toHaveLength(before + 1)
    expect((sent.at(-1)!.args as { spec: { filter?: string } }).spec.filter).toBe('ListPrice gt 100000')
  })
})
