// Search transaction parameters (RETS 1.7.2 §7.1). Offset is 1-based; Limit may be a number or NONE; Count 0
// (rows), 1 (rows + COUNT), 2 (COUNT only); StandardNames=1 switches Select/Query to standard names.
import type { RetsFormat } from '../../../../contract/query-channels'

export type SearchFormat = RetsFormat

export interface SearchParams {
  resource: string
  class: string
  query: string
  queryType?: 'DMQL2' | 'DMQL'
  format?: SearchFormat
  select?: string[] | string
  limit?: number | 'NONE'
  /** 1-based */
  offset?: number
  count?: 0 | 1 | 2
  restrictedIndicator?: string
  standardNames?: boolean
}

export function searchTransactionParams(p: SearchParams): Record<string, string> {
  const out: Record<string, string> = {
    SearchType: p.resource,
    Class: p.class,
    QueryType: p.queryType ?? 'DMQL2',
    Query: p.query,
    Format: p.format ?? 'COMPACT-DECODED'
  }
  const select = Array.isArray(p.select) ? p.select.join(',') : p.select
  if (select) out.Select = select
  if (p.limit !== undefined) out.Limit = String(p.limit)
  if (p.offset !== undefined) out.Offset = String(p.offset)
  if (p.count !== undefined) out.Count = String(p.count)
  if (p.restrictedIndicator) out.RestrictedIndicator = p.restrictedIndicator
  if (p.standardNames) out.StandardNames = '1'
  return out
}
