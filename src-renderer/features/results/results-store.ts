import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ResultSummary } from '../../../contract/results-channels'
import { call, onEvent } from '../../api/client'
import { useQueryTabsStore } from '../query/query-tabs-store'

export interface TrackedResult {
  resultId: string
  jobId: string
  profileId: string
  /** resource the query ran against, for lookup long values in the grid */
  resource?: string
  /** RETS class (field details in the column headers' tooltips) */
  class?: string
}

// Result summaries (columns, totals, server COUNT, wire ids). While the job runs, each progress event triggers a
// summary refresh — at most one in flight per result, so a fast job cannot flood main.
export const useResultsStore = defineStore('results', () => {
  const summaries = ref<Record<string, ResultSummary>>({})
  const tracked = new Map<string, TrackedResult>()
  const inFlight = new Set<string>()
  const dirty = new Set<string>()
  /**
   * a result shown in the panel in place of a query tab's own: a Sync tab's Local data rows, or `#result=<id>`
   * from automation. It belongs to the editor tab that opened it (ANY_TAB: whichever is in front).
   */
  const opened = ref<string | null>(null)
  const openedBy = ref<string | null>(null)

  async function refresh(resultId: string): Promise<void> {
    if (inFlight.has(resultId)) {
      dirty.add(resultId)
      return
    }
    inFlight.add(resultId)
    try {
      summaries.value = { ...summaries.value, [resultId]: await call('results:summary', { resultId }) }
    } catch {
      // not ready yet (the job has not produced columns); the next progress event asks again
    } finally {
      inFlight.delete(resultId)
      if (dirty.delete(resultId)) void refresh(resultId)
    }
  }

  function track(r: TrackedResult): void {
    tracked.set(r.jobId, r)
    void refresh(r.resultId)
  }

  function info(resultId: string): TrackedResult | undefined {
    for (const r of tracked.values()) if (r.resultId === resultId) return r
    return undefined
  }

  onEvent('job:progress', (p) => {
    const r = tracked.get(p.jobId)
    if (r) void refresh(r.resultId)
  })

  function open(resultId: string, owner: string = useQueryTabsStore().active): void {
    opened.value = resultId
    openedBy.value = owner
    void refresh(resultId)
  }

  function close(): void {
    opened.value = null
    openedBy.value = null
  }

  return { summaries, opened, openedBy, track, refresh, info, open, close }
})
