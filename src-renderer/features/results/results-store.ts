import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ResultSummary } from '../../../contract/results-channels'
import { call, onEvent } from '../../api/client'

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
  /** a result shown in the panel without a query tab (opened by id, e.g. `#result=<id>` from automation) */
  const opened = ref<string | null>(null)

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

  function open(resultId: string): void {
    opened.value = resultId
    void refresh(resultId)
  }

  return { summaries, opened, track, refresh, info, open }
})
