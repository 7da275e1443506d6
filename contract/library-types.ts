// Types of the saved-query library that cross the IPC boundary. The file format itself is the zod schema in
// src-main/services/library/saved-query-schema.ts; these interfaces are what the renderer sees.
import type { QuerySpec } from './workbench-types'
import type { QueryKind } from './query-kinds'

export type { QueryKind }

export interface SavedQuery {
  /** the file name without .json; stays the same when the query is renamed */
  id: string
  name: string
  /** absent = top level */
  folder?: string
  tags?: string[]
  description?: string
  /** absent = usable with any profile whose query language is spec.kind */
  profileId?: string
  spec: QuerySpec
  createdAt: string
  updatedAt: string
}

/** A file in the library folder (or an entry of an import) that could not be read; listed, never fatal. */
export interface LibraryProblem {
  file: string
  message: string
}

export interface LibraryListing {
  queries: SavedQuery[]
  problems: LibraryProblem[]
}

export interface LibraryFilter {
  /** queries saved for this profile plus those kept for any profile of its query language */
  profileId?: string
  kind?: QueryKind
  /** every word must appear in the name, folder, tags, description or query text (any case) */
  text?: string
}

/** Where a saved query mentions a field. */
export type FieldUsagePlace = 'filter' | 'select' | 'orderby'

export interface SavedQueryUsage {
  id: string
  name: string
  folder?: string
  places: FieldUsagePlace[]
}

export interface LibraryUsage {
  count: number
  queries: SavedQueryUsage[]
}

export interface LibraryImportSummary {
  imported: SavedQuery[]
  /** entries whose name was taken in their folder and got a numbered one */
  renamed: { from: string; to: string }[]
  problems: LibraryProblem[]
}
