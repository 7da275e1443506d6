// The Listing Activity composer in the renderer: a click on an activity profile opens its composer tab; Validate
// puts main's issues under the fields they name and shows the request with {apiKey}; Send shows the server's
// reply — its error text verbatim, never as HTML — links the raw exchange and keeps a short history.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useTransport } from '../../../src-renderer/api/client'
import { useBottomPanelStore } from '../../../src-renderer/shell/bottom-panel-store'
import { useProfilesStore } from '../../../src-renderer/features/profiles/profiles-store'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import type { ActivityEvent, ActivityReply, ActivityValidation } from '../../../contract/activity-channels'
import type { ProfileSummary } from '../../../contract/profile-channels'
import type { WireEntry } from '../../../contract/wire-channels'
import {
  blankDraft,
  buildEvent,
  mergeIssues,
  templateViewsEvent,
  unplacedIssues
} from '../../../src-renderer/features/activity/activity-draft'
import { describeEvent, pushHistory, type SendRecord } from '../../../src-renderer/features/activity/send-history'
import { fakeApi, type FakeApi } from './fake-api'

vi.mock('../../../src-renderer/features/query/MonacoEditor.vue', () => ({
  default: defineComponent({
    props: { modelValue: { type: String, default: '' }, language: String, testid: String },
    emits: ['update:modelValue'],
    setup:
      (props, { emit }) =>
      () =>
        h('textarea', {
          'data-testid': props.testid,
          'data-language': props.language,
          value: props.modelValue,
          onInput: (e: Event) => emit('update:modelValue', (e.target as HTMLTextAreaElement).value)
        })
  })
}))
vi.mock('../../../src-renderer/shell/WelcomeView.vue', () => ({
  default: defineComponent({ setup: () => () => h('div', { 'data-testid': 'welcome' }) })
}))

const { default: ProfileList } = await import('../../../src-renderer/features/profiles/ProfileList.vue')
const { default: EditorArea } = await import('../../../src-renderer/shell/EditorArea.vue')
const { default: BottomPanel } = await import('../../../src-renderer/shell/BottomPanel.vue')

const ACTIVITY: ProfileSummary = {
  id: 'demo-activity',
  name: 'Demo Activity',
  kind: 'activity',
  builtin: true,
  url: 'http://127.0.0.1/tracking/v1/',
  storedSecrets: []
}

const UPLOAD_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<Views><View><ViewDate>2010-01-01</ViewDate></View></Views>'
// what the server said when it refused: markup that must stay text
const SERVER_ERROR = '<html><body><b>Forbidden</b>: API key 0c1d… is not authorized for tracking</body></html>'

/** A stand-in for main's validator: a few of its real rules, enough to name fields. */
function validateLikeMain(event: ActivityEvent): ActivityValidation {
  if (event.kind === 'tracker') {
    const issues = event.listingId
      ? []
      : [{ field: 'listingId', message: 'is required: the ListingID (LIST_105) of the listing shown' }]
    return {
      valid: !issues.length,
      issues,
      method: 'GET',
      path: `listings/views/listing/${event.listingId}/{apiKey}/tracker.gif`
    }
  }
  if (event.kind === 'viewsXml')
    return { valid: true, issues: [], method: 'POST', path: 'listings/views/{apiKey}/', body: event.xml }
  const issues = []
  const view = event.views[0]!
  if (!/^\d{4}-\d{2}-\d{2}$/.test(view.viewDate))
    issues.push({
      field: 'views[0].viewDate',
      message: `must be a calendar date as YYYY-MM-DD; got "${view.viewDate}"`
    })
  view.listings.forEach((l, i) => {
    if (!l.listingKey)
      issues.push({ field: `views[0].listings[${i}].listingKey`, message: 'is required: the ListingKey' })
    if (l.viewCount < 0)
      issues.push({
        field: `views[0].listings[${i}].viewCount`,
        message: `must be a whole number of views, 0 or more; got "${l.viewCount}"`
      })
    if (l.url && !l.url.startsWith('http'))
      issues.push({
        field: `views[0].listings[${i}].url`,
        message: `must be an absolute http:// or https:// URL; got "${l.url}"`
      })
  })
  return {
    valid: !issues.length,
    issues,
    method: 'POST',
    path: 'listings/views/{apiKey}/',
    ...(issues.length ? {} : { body: UPLOAD_XML })
  }
}

let api: FakeApi
let sent: ActivityEvent[]
let replyFor: (event: ActivityEvent) => ActivityReply

beforeEach(() => {
  localStorage.clear()
  sent = []
  replyFor = () => ({
    method: 'GET',
    url: 'http://127.0.0.1/tracking/v1/listings/views/listing/09-75/[redacted]/tracker.gif',
    status: 403,
    ok: false,
    contentType: 'text/html',
    bytes: SERVER_ERROR.length,
    bodyExcerpt: SERVER_ERROR,
    serverError: SERVER_ERROR,
    wireId: 'w42',
    durationMs: 12
  })
  api = fakeApi({
    'profiles:list': () => [ACTIVITY],
    'session:connect': ({ profileId }) => ({
      profileId,
      kind: 'activity',
      server: '127.0.0.1',
      capabilities: {},
      connectedAt: 'now',
      notes: []
    }),
    'metadata:summary': ({ profileId }) => ({
      profileId,
      source: 'rets',
      origin: 'live',
      system: { id: 'ListingActivity', attrs: {} },
      resources: [],
      warnings: []
    }),
    'activity:validate': ({ event }) => validateLikeMain(event as ActivityEvent),
    'session:disconnect': () => ({ disconnected: true }),
    'activity:send': ({ event }) => {
      sent.push(event as ActivityEvent)
      return replyFor(event as ActivityEvent)
    },
    'wire:list': (): WireEntry[] => [
      {
        id: 'w41',
        method: 'GET',
        url: 'http://127.0.0.1/rets/Login',
        startedAt: 'now',
        status: 200,
        requestHeaders: {},
        responseHeaders: {},
        bodySize: 2
      },
      {
        id: 'w42',
        method: 'GET',
        url: 'http://127.0.0.1/tracking/v1/listings/views/listing/09-75/[redacted]/tracker.gif',
        startedAt: 'now',
        status: 403,
        requestHeaders: {},
        responseHeaders: {},
        bodySize: SERVER_ERROR.length
      }
    ],
    'wire:body': ({ id, offset }) => ({ id, offset, total: SERVER_ERROR.length, encoding: 'text', data: SERVER_ERROR })
  })
  useTransport(api)
  setActivePinia(createPinia())
})

async function openComposer(): Promise<{ editor: VueWrapper; panel: VueWrapper }> {
  const pinia = createPinia()
  setActivePinia(pinia)
  const list = mount(ProfileList, { global: { plugins: [pinia] } })
  const editor = mount(EditorArea, { global: { plugins: [pinia] }, attachTo: document.body })
  const panel = mount(BottomPanel, { props: { height: 240 }, global: { plugins: [pinia] } })
  await flushPromises()
  await list.get('[data-testid="profile-demo-activity"]').trigger('click')
  await flushPromises()
  expect(list.find('[data-testid="new-query-demo-activity"]').exists()).toBe(false)
  return { editor, panel }
}

const issuesText = (w: VueWrapper, field: string): string => w.get(`[data-testid="issues-${field}"]`).text()

describe('Listing Activity composer', () => {
  it('opens a composer tab for an activity profile', async () => {
    const { editor } = await openComposer()
    expect(useQueryTabsStore().active).toBe('act1')
    expect(editor.get('[data-testid="tab-act1"]').text()).toContain('Demo Activity · Activity')
    expect(editor.find('[data-testid="activity-tab-act1"]').exists()).toBe(true)
    expect(useQueryTabsStore().tabs).toHaveLength(0)
  })

  it('validate puts each issue under the field it names and shows the request with {apiKey}', async () => {
    const { editor } = await openComposer()
    await editor.get('[data-testid="activity-kind-views"]').trigger('click')
    await editor.get('[data-testid="activity-view-date"]').setValue('01/02/2010')
    await editor.get('[data-testid="activity-row-0-key"]').setValue('09-75')
    await editor.get('[data-testid="activity-row-0-count"]').setValue('ten')
    await editor.get('[data-testid="activity-add-row"]').trigger('click')
    await editor.get('[data-testid="activity-row-1-count"]').setValue('12')
    await editor.get('[data-testid="activity-row-1-url"]').setValue('ftp://x/09-76')
    await editor.get('[data-testid="activity-validate"]').trigger('click')
    await flushPromises()

    expect(issuesText(editor, 'views[0].viewDate')).toBe('must be a calendar date as YYYY-MM-DD; got "01/02/2010"')
    // the count that is not a number: the composer's own words replace main's (which saw -1)
    expect(issuesText(editor, 'views[0].listings[0].viewCount')).toBe(
      'must be a whole number of views, 0 or more; got "ten"'
    )
    expect(issuesText(editor, 'views[0].listings[1].listingKey')).toBe('is required: the ListingKey')
    expect(issuesText(editor, 'views[0].listings[1].url')).toContain('got "ftp://x/09-76"')
    expect(editor.find('[data-testid="issues-views[0].listings[0].listingKey"]').exists()).toBe(false)
    expect(editor.get('[data-testid="activity-verdict"]').text()).toBe('4 issues')
    expect(editor.get('[data-testid="activity-preview-method"]').text()).toBe('POST')
    expect(editor.get('[data-testid="activity-preview-path"]').text()).toBe('listings/views/{apiKey}/')
    expect(editor.find('[data-testid="activity-preview-body"]').exists()).toBe(false)

    // fixing the fields: valid, and the body that would be posted
    await editor.get('[data-testid="activity-view-date"]').setValue('2010-01-01')
    expect(editor.find('[data-testid="activity-stale"]').exists()).toBe(true)
    await editor.get('[data-testid="activity-row-0-count"]').setValue('10')
    await editor.get('[data-testid="activity-remove-row-1"]').trigger('click')
    await editor.get('[data-testid="activity-validate"]').trigger('click')
    await flushPromises()
    expect(editor.get('[data-testid="activity-verdict"]').attributes('data-valid')).toBe('true')
    expect(editor.find('[data-testid="issues-views[0].viewDate"]').exists()).toBe(false)
    expect(editor.get('[data-testid="activity-preview-body"]').text()).toBe(UPLOAD_XML)
    const validated = api.calls.filter((c) => c.channel === 'activity:validate').at(-1)?.args
    expect(validated).toEqual({
      event: {
        kind: 'views',
        views: [{ viewDate: '2010-01-01', supplierName: '', listings: [{ listingKey: '09-75', viewCount: 10 }] }]
      }
    })
    expect(sent).toEqual([])
  })

  it('send shows the server’s error verbatim as text, links the raw exchange and keeps a history', async () => {
    const { editor, panel } = await openComposer()
    await editor.get('[data-testid="activity-send"]').trigger('click')
    await flushPromises()
    // empty ListingID: refused next to the field, nothing sent
    expect(issuesText(editor, 'listingId')).toContain('is required')
    expect(sent).toEqual([])

    await editor.get('[data-testid="activity-listing-id"]').setValue('09-75')
    await editor.get('[data-testid="activity-send"]').trigger('click')
    await flushPromises()
    expect(sent).toEqual([{ kind: 'tracker', listingId: '09-75' }])
    const reply = editor.get('[data-testid="activity-reply"]')
    expect(reply.attributes('data-ok')).toBe('false')
    expect(editor.get('[data-testid="activity-reply-status"]').text()).toBe('403')
    expect(editor.get('[data-testid="activity-reply-verdict"]').text()).toBe('Failed')
    expect(reply.text()).toContain('The API key did not pass authorization')
    const error = editor.get('[data-testid="activity-reply-error"]')
    expect(error.text()).toBe(SERVER_ERROR)
    expect(error.element.querySelector('b')).toBeNull()
    expect(editor.get('[data-testid="activity-reply-excerpt"]').text()).toBe(SERVER_ERROR)

    await editor.get('[data-testid="activity-reply-raw"]').trigger('click')
    await flushPromises()
    expect(useBottomPanelStore().active).toBe('raw')
    const items = panel.findAll('[data-testid="wire-item"]')
    expect(items).toHaveLength(2)
    expect(panel.get('.item.sel').text()).toContain('tracker.gif')
    expect(panel.get('[data-testid="raw-request-line"]').text()).toContain('tracker.gif')

    replyFor = () => ({
      method: 'GET',
      url: 'http://127.0.0.1/tracking/v1/listings/views/listing/09-76/[redacted]/tracker.gif',
      status: 200,
      ok: true,
      contentType: 'image/gif',
      bytes: 43,
      bodyExcerpt: 'GIF image 1×1, 43 bytes',
      durationMs: 5
    })
    await editor.get('[data-testid="activity-listing-id"]').setValue('09-76')
    await editor.get('[data-testid="activity-send"]').trigger('click')
    await flushPromises()
    expect(editor.get('[data-testid="activity-reply-verdict"]').text()).toBe('OK')
    expect(editor.find('[data-testid="activity-reply-error"]').exists()).toBe(false)
    const history = editor.findAll('[data-testid="activity-history-item"]')
    const cells = (i: number) => history[i]!.findAll('span').map((s) => s.text())
    expect([cells(0).slice(0, 2), cells(1).slice(0, 2)]).toEqual([
      ['200', 'tracker.gif · 09-76'],
      ['403', 'tracker.gif · 09-75']
    ])
    await history[1]!.trigger('click')
    expect(editor.get('[data-testid="activity-reply-error"]').text()).toBe(SERVER_ERROR)
  })

  it('says when the profile is not connected, and why a send never left', async () => {
    const { editor } = await openComposer()
    await useProfilesStore().disconnect('demo-activity')
    await flushPromises()
    const banner = editor.get('[data-testid="connection-banner"]')
    expect(banner.attributes('data-status')).toBe('idle')
    expect(banner.text()).toContain('Not connected to Demo Activity')
    replyFor = () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9')
    }
    await editor.get('[data-testid="activity-listing-id"]').setValue('09-75')
    await editor.get('[data-testid="activity-send"]').trigger('click')
    await flushPromises()
    // the send connected first, then main's error came back as data
    expect(editor.find('[data-testid="connection-banner"]').exists()).toBe(false)
    const err = editor.get('[data-testid="activity-send-error"]')
    expect(err.text()).toContain('Not sent: connect ECONNREFUSED 127.0.0.1:9')
    expect(err.text()).toContain('fake hint')
    expect(editor.findAll('[data-testid="activity-history-item"]')[0]!.text()).toContain('error')
  })

  it('raw XML starts from the document the fields compose, or a template when they are incomplete', async () => {
    const { editor } = await openComposer()
    await editor.get('[data-testid="activity-kind-viewsXml"]').trigger('click')
    await flushPromises()
    const xml = editor.get('[data-testid="activity-xml"]')
    expect(xml.attributes('data-language')).toBe('xml')
    // the blank row is not usable: main composed a template around a placeholder listing
    expect((xml.element as HTMLTextAreaElement).value).toBe(UPLOAD_XML)
    expect(editor.get('[data-testid="activity-xml-notice"]').text()).toContain('template')
    const template = api.calls.filter((c) => c.channel === 'activity:validate').at(-1)?.args as { event: ActivityEvent }
    expect(template.event.kind === 'views' && template.event.views[0]!.listings).toEqual([
      { listingKey: 'LISTING-KEY', viewCount: 0 }
    ])

    await xml.setValue('<Views/>')
    await editor.get('[data-testid="activity-send"]').trigger('click')
    await flushPromises()
    expect(sent).toEqual([{ kind: 'viewsXml', xml: '<Views/>' }])
  })
})

describe('activity draft (pure)', () => {
  it('builds events from what was typed and keeps its own issue in place of main’s', () => {
    const draft = { ...blankDraft('2026-11-23'), kind: 'views' as const }
    draft.listings = [
      { key: '09-75', viewCount: ' 7 ', url: ' https://a.example/09-75 ' },
      { key: '09-76', viewCount: '', url: '' }
    ]
    const built = buildEvent(draft)
    expect(built.event).toEqual({
      kind: 'views',
      views: [
        {
          viewDate: '2026-11-23',
          supplierName: '',
          listings: [
            { listingKey: '09-75', viewCount: 7, url: 'https://a.example/09-75' },
            { listingKey: '09-76', viewCount: -1 }
          ]
        }
      ]
    })
    expect(built.localIssues).toEqual([
      { field: 'views[0].listings[1].viewCount', message: 'is required: the number of views that day' }
    ])
    const merged = mergeIssues(
      [
        { field: 'views[0].listings[1].viewCount', message: 'got "-1"' },
        { field: 'views[0]', message: 'repeats views[1]' }
      ],
      built.localIssues
    )
    expect(merged.map((i) => i.message)).toEqual(['repeats views[1]', 'is required: the number of views that day'])
    expect(unplacedIssues(draft, merged)).toEqual([{ field: 'views[0]', message: 'repeats views[1]' }])
  })

  it('templates keep the usable rows and the date, and history keeps the newest ten', () => {
    const draft = { ...blankDraft('2026-11-23'), viewDate: 'soon', supplierName: 'Company\u0007 A' }
    draft.listings = [
      { key: '09-75', viewCount: '3', url: 'not a url' },
      { key: '', viewCount: '4', url: '' },
      { key: '09-77', viewCount: '1.5', url: '' }
    ]
    expect(templateViewsEvent(draft, '2026-11-23')).toEqual({
      kind: 'views',
      views: [{ viewDate: '2026-11-23', supplierName: 'Company A', listings: [{ listingKey: '09-75', viewCount: 3 }] }]
    })
    let list: SendRecord[] = []
    for (let id = 1; id <= 12; id++) list = pushHistory(list, { id, at: 'now', label: `#${id}` })
    expect(list.map((r) => r.id)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3])
    expect(describeEvent({ kind: 'viewsXml', xml: 'x'.repeat(2048) })).toBe('ViewTracking XML · 2.0 KB')
    expect(
      describeEvent({
        kind: 'views',
        views: [
          {
            viewDate: '2010-01-01',
            listings: [
              { listingKey: 'a', viewCount: 1 },
              { listingKey: 'b', viewCount: 2 }
            ]
          }
        ]
      })
    ).toBe('ViewTracking · 2010-01-01 · 2 listings')
  })
})
