import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useQueryTabsStore } from '../features/query/query-tabs-store'

export type PanelTab = 'results' | 'raw' | 'log'

/** The editor tab a panel content belongs to; ANY_TAB for a result opened by automation (`#result=<id>`). */
export const ANY_TAB = '*'

// Which output tab the bottom panel shows, so views other than query tabs (the activity composer's "raw exchange"
// link, a Sync tab's Local data rows) can bring the right one to the front. What they open belongs to the
// editor tab that asked (its owner), so another tab never shows it (panel-view.ts decides what is shown).
export const useBottomPanelStore = defineStore('bottom-panel', () => {
  const active = ref<PanelTab>('results')
  /** an exchange to select in the Raw tab in place of the current result's first request */
  const wireId = ref<string | null>(null)
  const wireOwner = ref<string | null>(null)
  /** bumped on every showWire, so asking for the same exchange again re-selects it */
  const wireRequest = ref(0)
  /** the panel fills the work area (editors hidden): room for a long raw body or a wide grid */
  const maximized = ref(false)
  /** a non-query editor tab whose panel the user opened (else those tabs keep the full height) */
  const expandedFor = ref<string | null>(null)

  const frontTab = (): string => useQueryTabsStore().active

  function showWire(id: string, owner = frontTab()): void {
    wireId.value = id
    wireOwner.value = owner
    wireRequest.value++
    active.value = 'raw'
  }

  function clearWire(): void {
    wireId.value = null
    wireOwner.value = null
  }

  function showResults(): void {
    clearWire()
    active.value = 'results'
  }

  function select(tab: string): void {
    if (tab !== 'results' && tab !== 'raw' && tab !== 'log') return
    active.value = tab
    expandedFor.value = frontTab()
  }

  return {
    active,
    wireId,
    wireOwner,
    wireRequest,
    maximized,
    expandedFor,
    showWire,
    clearWire,
    showResults,
    select
  }
})
