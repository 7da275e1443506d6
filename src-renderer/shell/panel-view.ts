import { computed, type ComputedRef } from 'vue'
import { useQueryTabsStore } from '../features/query/query-tabs-store'
import { useResultsStore } from '../features/results/results-store'
import { ANY_TAB, useBottomPanelStore } from './bottom-panel-store'

export interface PanelView {
  /** full: the panel with its body; collapsed: only its tab strip, the editor tab keeps the height */
  mode: 'full' | 'collapsed'
  resultId?: string
  /** an exchange the front tab asked the Raw tab to select */
  wireId?: string
}

export interface PanelInputs {
  front: string
  /** the front tab's own result when it is a query tab (null = the front tab is not a query tab) */
  queryResult: string | undefined | null
  opened: { resultId: string; owner: string } | null
  wire: { id: string; owner: string } | null
  expandedFor: string | null
}

/**
 * What the bottom panel shows for the editor tab in front: only what that tab ran or opened, never another tab's
 * rows. The panel belongs to query tabs; Welcome, metadata, IDX and Activity tabs get it only for content of their
 * own or when the user opens it there.
 */
export function panelViewOf(i: PanelInputs): PanelView {
  const ownOpened = i.opened && (i.opened.owner === i.front || i.opened.owner === ANY_TAB) ? i.opened : null
  const wireId = i.wire && i.wire.owner === i.front ? i.wire.id : undefined
  const resultId = ownOpened?.resultId ?? i.queryResult ?? undefined
  const full = i.queryResult !== null || !!ownOpened || !!wireId || i.expandedFor === i.front
  return { mode: full ? 'full' : 'collapsed', ...(resultId ? { resultId } : {}), ...(wireId ? { wireId } : {}) }
}

export function usePanelView(): ComputedRef<PanelView> {
  const tabs = useQueryTabsStore()
  const results = useResultsStore()
  const panel = useBottomPanelStore()
  return computed(() => {
    const query = tabs.byId(tabs.active)
    return panelViewOf({
      front: tabs.active,
      queryResult: query ? query.resultId : null,
      opened: results.opened && results.openedBy ? { resultId: results.opened, owner: results.openedBy } : null,
      wire: panel.wireId && panel.wireOwner ? { id: panel.wireId, owner: panel.wireOwner } : null,
      expandedFor: panel.expandedFor
    })
  })
}
