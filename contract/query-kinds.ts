// Which query language each profile kind speaks — one table for main (saved-query library) and the renderer (query
// tabs). IDX (DDF-style) speaks RETS search; the Listing Activity API has nothing to query.
import type { QuerySpec, ProfileKind } from './workbench-types'

export type QueryKind = QuerySpec['kind']

export const QUERY_KIND_OF_PROFILE: Readonly<Record<ProfileKind, QueryKind | undefined>> = {
  rets: 'dmql',
  idx: 'dmql',
  reso: 'odata',
  spark: 'spark',
  activity: undefined
}
