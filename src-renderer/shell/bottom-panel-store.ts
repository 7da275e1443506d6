import { defineStore } from 'pinia'
import { ref } from 'vue'

export type PanelTab = 'results' | 'raw' | 'log'

// Which output tab the bottom panel shows, so views other than query tabs (the activity composer's "raw exchange"
// link, the IDX inspector's fetched rows) can bring the right one to the front.
export const useBottomPanelStore = defineStore('bottom-panel', () => {
  const active = ref<PanelTab>('results')
  /** an exchange to select in the Raw tab in place of the current result's first request */
  const wireId = ref<string | null>(null)
  /** bumped on every showWire, so asking for the same exchange again re-selects it */
  const wireRequest = ref(0)
  /** the panel fills the work area (editors hidden): room for a long raw body or a wide grid */
  const maximized = ref(false)

  function showWire(id: string): void {
    wireId.value = id
    wireRequest.value++
    active.value = 'raw'
  }

  function showResults(): void {
    wireId.value = null
    active.value = 'results'
  }

  function select(tab: string): void {
    if (tab === 'results' || tab === 'raw' || tab === 'log') active.value = tab
  }

  return { active, wireId, wireRequest, maximized, showWire, showResults, select }
})
