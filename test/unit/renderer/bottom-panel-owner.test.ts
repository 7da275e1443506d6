// The bottom panel shows only what the editor tab in front ran or opened: a Sync tab never shows the RETS query's
// rows, an Activity tab never the Sync tab's Local data rows; tabs without output of their own keep the full height.
import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import BottomPanel from '../../../src-renderer/shell/BottomPanel.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { useResultsStore } from '../../../src-renderer/features/results/results-store'
import { useBottomPanelStore } from '../../../src-renderer/shell/bottom-panel-store'
import { defaultParams } from '../../../src-renderer/features/query/query-params'
import { panelViewOf } from '../../../src-renderer/shell/panel-view'
import { fakeApi } from './fake-api'

const GridStub = defineComponent({
  props: { resultId: { type: String, required: true } },
  setup: (props) => () => h('div', { 'data-testid': 'grid' }, props.resultId)
})

let pinia: Pinia
beforeEach(() => {
  useTransport(fakeApi({}))
  pinia = createPinia()
  setActivePinia(pinia)
})

function mountPanel() {
  return mount(BottomPanel, {
    props: { height: 240 },
    global: { plugins: [pinia], stubs: { ResultsGrid: GridStub, RawView: true, LogView: true } }
  })
}

describe('bottom panel ownership', () => {
  it("shows the front tab's own rows only", async () => {
    const tabs = useQueryTabsStore()
    tabs.tabs = [
      {
        id: 'q1',
        profileId: 'demo-rets',
        profileName: 'Demo',
        kind: 'dmql',
        title: 'Demo · 1',
        text: '',
        params: defaultParams('dmql'),
        errors: [],
        resultId: 'rets-rows'
      }
    ]
    tabs.activate('q1')
    const w = mountPanel()
    await flushPromises()
    expect(w.get('[data-testid="grid"]').text()).toBe('rets-rows')

    // a Sync tab in front, nothing queried yet: not the RETS rows, and the panel folds to its tab strip
    tabs.activate('sync1')
    await nextTick()
    expect(w.find('[data-testid="grid"]').exists()).toBe(false)
    expect(w.get('[data-testid="bottom-panel"]').attributes('data-mode')).toBe('collapsed')

    // its own Local data rows
    useResultsStore().open('local-rows')
    await nextTick()
    expect(w.get('[data-testid="grid"]').text()).toBe('local-rows')

    // the Activity tab does not show the Sync tab's rows
    tabs.activate('act1')
    await nextTick()
    expect(w.find('[data-testid="grid"]').exists()).toBe(false)

    // back on the Sync tab, its rows again; on the query tab, its own
    tabs.activate('sync1')
    await nextTick()
    expect(w.get('[data-testid="grid"]').text()).toBe('local-rows')
    tabs.activate('q1')
    await nextTick()
    expect(w.get('[data-testid="grid"]').text()).toBe('rets-rows')
  })

  it('opens on a non-query tab when the user picks a panel tab there (the Log from Welcome)', async () => {
    const w = mountPanel()
    expect(w.get('[data-testid="bottom-panel"]').attributes('data-mode')).toBe('collapsed')
    useBottomPanelStore().select('log')
    await nextTick()
    expect(w.get('[data-testid="bottom-panel"]').attributes('data-mode')).toBe('full')
  })

  it('gives an exchange asked for by one tab to that tab only', () => {
    const base = { queryResult: null, opened: null, expandedFor: null }
    const wire = { id: 'w9', owner: 'act1' }
    expect(panelViewOf({ ...base, front: 'act1', wire })).toEqual({ mode: 'full', wireId: 'w9' })
    expect(panelViewOf({ ...base, front: 'sync1', wire })).toEqual({ mode: 'collapsed' })
    expect(panelViewOf({ ...base, front: 'q1', queryResult: 'r1', wire })).toEqual({ mode: 'full', resultId: 'r1' })
  })
})
