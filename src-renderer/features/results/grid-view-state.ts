// How the user left a result's grid (sort, quick and column filters, hidden columns), kept per result for the session: the
// grid is remounted when the panel switches to Raw and back, or another query tab comes to the front, and must not
// forget the sort. Bounded: only the most recent results are remembered.
export interface GridViewState {
  filter: string
  sortColumn: number | null
  sortDir: 'asc' | 'desc'
  hidden: string[]
  columnFilters: Record<number, string>
}

const KEEP = 50
const states = new Map<string, GridViewState>()

export function gridViewState(resultId: string): GridViewState {
  const s = states.get(resultId)
  return s
    ? { ...s, hidden: [...s.hidden], columnFilters: { ...s.columnFilters } }
    : { filter: '', sortColumn: null, sortDir: 'asc', hidden: [], columnFilters: {} }
}

export function rememberGridView(resultId: string, state: GridViewState): void {
  states.delete(resultId)
  states.set(resultId, { ...state, hidden: [...state.hidden], columnFilters: { ...state.columnFilters } })
  while (states.size > KEEP) states.delete(states.keys().next().value as string)
}
