// Per-profile query history (last 50 runs) in localStorage. Only the query text and the parameter bar are kept —
// never credentials or tokens, which never reach the renderer anyway.
import type { QueryParams } from './query-params'

export interface HistoryEntry {
  at: string
  text: string
  params: QueryParams
}

export const HISTORY_LIMIT = 50
const prefix = 'mlswb.history.'

export function loadHistory(profileId: string, storage: Storage = localStorage): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(prefix + profileId) ?? '[]')
    return Array.isArray(parsed)
      ? (parsed as HistoryEntry[]).filter((e) => typeof e?.text === 'string' && e.params)
      : []
  } catch {
    return []
  }
}

/** Newest first; a re-run of the same query and parameters moves it to the top instead of adding a copy. */
export function addHistory(profileId: string, entry: HistoryEntry, storage: Storage = localStorage): HistoryEntry[] {
  const same = (e: HistoryEntry): boolean =>
    e.text === entry.text && JSON.stringify(e.params) === JSON.stringify(entry.params)
  const next = [entry, ...loadHistory(profileId, storage).filter((e) => !same(e))].slice(0, HISTORY_LIMIT)
  storage.setItem(prefix + profileId, JSON.stringify(next))
  return next
}
