// The word next to a result's row count. "complete" only when the query finished AND nothing is left on the
// server: a fetch that stopped early (MAXROWS, a page cap, Offset ignored) or one page of a larger COUNT is
// "partial", never "complete" beside "more rows on the server".
import type { ResultSummary } from '../../../contract/results-channels'

export interface ResultState {
  text: 'loading' | 'complete' | 'partial'
  title: string
}

export function resultState(
  s: Pick<ResultSummary, 'complete' | 'maxRowsReached' | 'serverCount' | 'total'> | undefined
): ResultState {
  if (!s?.complete) return { text: 'loading', title: 'Rows are still arriving.' }
  if (s.maxRowsReached || (s.serverCount !== undefined && s.serverCount > s.total)) {
    return {
      text: 'partial',
      title: `The query finished with ${s.total.toLocaleString()} rows${s.serverCount !== undefined ? ` of ${s.serverCount.toLocaleString()}` : ''}; the server has more (tick Fetch all, or see the warnings).`
    }
  }
  return { text: 'complete', title: 'Every row the query matched is here.' }
}
