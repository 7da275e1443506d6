import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MetadataTree from '../../../src-renderer/features/metadata/MetadataTree.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useProfilesStore } from '../../../src-renderer/features/profiles/profiles-store'
import { useSessionStore } from '../../../src-renderer/features/metadata/session-store'
import { DETAILS_TAB, useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { fakeApi, field, sampleSummary, type FakeApi } from './fake-api'

const FIELDS = 100_000
let api: FakeApi

beforeEach(() => {
  api = fakeApi({
    'profiles:list': () => [
      {
        id: 'demo-rets',
        name: 'Demo MLS (RETS)',
        kind: 'rets',
        builtin: true,
        url: 'http://127.0.0.1/rets',
        storedSecrets: []
      }
    ],
    'session:connect': ({ profileId }) => ({
      profileId,
      kind: 'rets',
      server: 'demo',
      protocolVersion: 'RETS/1.7.2',
      capabilities: {},
      connectedAt: 'now',
      notes: []
    }),
    'metadata:summary': ({ profileId }) => sampleSummary(profileId),
    'metadata:fields': ({ class: cls }) =>
      cls === 'RES'
        ? Array.from({ length: FIELDS }, (_, i) => field(`Field${i}`, { longName: `Long ${i}` }))
        : [field('Acres', { dataType: 'Decimal' })],
    'metadata:lookup': () => [{ value: 'A', longValue: 'Active', attrs: {} }]
  })
  useTransport(api)
  setActivePinia(createPinia())
})

async function connectedTree() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(MetadataTree, { global: { plugins: [pinia] }, attachTo: document.body })
  await useProfilesStore().load()
  await useProfilesStore().connect('demo-rets')
  await flushPromises()
  return wrapper
}

describe('MetadataTree', () => {
  it('tells a newcomer to connect first', () => {
    const pinia = createPinia()
    const w = mount(MetadataTree, { global: { plugins: [pinia] } })
    expect(w.text()).toContain('Connect to Demo MLS to start')
  })

  it('shows origin and version, loads fields lazily, and keeps only the visible rows of 100,000 in the DOM', async () => {
    const w = await connectedTree()
    expect(w.get('[data-testid="metadata-origin"]').text()).toBe('live')
    expect(w.text()).toContain('v1.00.00042 · 2026-11-01')
    expect(w.findAll('[data-testid="tree-row"]').map((r) => r.get('.label').text())).toEqual(['Property', 'Agent'])
    expect(api.calls.filter((c) => c.channel === 'metadata:fields')).toHaveLength(0)

    // open Property, then class RES
    await w.findAll('[data-testid="tree-row"]')[0]!.get('.twisty').trigger('click')
    await w.findAll('[data-testid="tree-row"]')[1]!.get('.twisty').trigger('click')
    await flushPromises()
    expect(api.calls.filter((c) => c.channel === 'metadata:fields')).toHaveLength(1)
    const tree = w.vm as unknown as { rows: unknown[] }
    expect(tree.rows.length).toBe(FIELDS + 6)
    const rendered = w.findAll('[data-testid="tree-row"]')
    expect(rendered.length).toBeGreaterThan(10)
    expect(rendered.length).toBeLessThan(40)

    // scroll to the middle: the window moves, the DOM stays small
    const viewport = w.get('.viewport')
    ;(viewport.element as HTMLElement).scrollTop = 22 * 50_000
    await viewport.trigger('scroll')
    const labels = w.findAll('[data-testid="tree-row"]').map((r) => r.get('.label').text())
    expect(labels.length).toBeLessThan(40)
    expect(labels).toContain('Field49998')
    expect(w.get('.spacer').attributes('style')).toContain(`height: ${(FIELDS + 6) * 22}px`)
  })

  it('filters by long name and navigates with the keyboard; Enter on a field inserts it into the active editor', async () => {
    const w = await connectedTree()
    await w.findAll('[data-testid="tree-row"]')[0]!.get('.twisty').trigger('click')
    await w.findAll('[data-testid="tree-row"]')[1]!.get('.twisty').trigger('click')
    await flushPromises()
    await w.get('[data-testid="tree-filter"]').setValue('long 77777')
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()
    expect(w.findAll('[data-testid="tree-row"]').map((r) => r.get('.label').text())).toEqual([
      'Property',
      'RES',
      'Field77777'
    ])

    const inserted: string[] = []
    const tabs = useQueryTabsStore()
    tabs.registerInserter('q-test', (t) => inserted.push(t))
    tabs.active = 'q-test'
    const viewport = w.get('.viewport')
    await viewport.trigger('keydown', { key: 'End' })
    await viewport.trigger('keydown', { key: 'Enter' })
    expect(inserted).toEqual(['Field77777'])
    expect(useSessionStore().selected?.node.kind).toBe('field')
    await viewport.trigger('keydown', { key: 'ArrowLeft' }) // to parent RES
    await viewport.trigger('keydown', { key: 'ArrowUp' })
    expect(w.find('.row.selected').get('.label').text()).toBe('Property')
    await viewport.trigger('keydown', { key: 'ArrowLeft' }) // Property is a hit's ancestor: stays, no crash
    await w.findAll('[data-testid="tree-row"]')[2]!.trigger('dblclick')
    expect(inserted).toEqual(['Field77777', 'Field77777'])
  })

  it('a click on a field brings its details tab to the front, even over a query tab', async () => {
    const w = await connectedTree()
    const tabs = useQueryTabsStore()
    tabs.active = 'q-test'
    await w.findAll('[data-testid="tree-row"]')[0]!.get('.twisty').trigger('click')
    await w.findAll('[data-testid="tree-row"]')[1]!.get('.twisty').trigger('click')
    await flushPromises()
    await w.findAll('[data-testid="tree-row"]')[2]!.trigger('click')
    expect(useSessionStore().selected?.node.kind).toBe('field')
    expect(tabs.active).toBe(DETAILS_TAB)
  })
})
