// How a saved query looks on disk: pretty JSON with a readable header — name, folder, profile, then the spec with
// kind, resource, class, format, select and limit before the query text, then the description — so a file reads
// well and diffs stay small in git. The file name is the id.
import type { SavedQuery } from '../../../contract/library-channels'
import type { QuerySpec } from '../../../contract/query-channels'
import { SAVED_QUERY_ID_PATTERN } from '../../../contract/library-channels'

export const SAVED_QUERY_FILE_EXTENSION = '.json'

const SPEC_HEADER_KEYS = ['kind', 'resource', 'class', 'format', 'select', 'limit', 'top'] as const

export function specWithHeaderFirst(spec: QuerySpec): QuerySpec {
  const head: Record<string, unknown> = {}
  for (const key of SPEC_HEADER_KEYS) if (key in spec) head[key] = (spec as Record<string, unknown>)[key]
  // keys already in `head` keep its order; the rest follow in the spec's own order
  return { ...head, ...spec } as QuerySpec
}

/** The saved query in file order (JSON.stringify drops the absent optional fields). */
export function savedQueryInFileOrder(query: SavedQuery): SavedQuery {
  const { id, name, folder, tags, description, profileId, spec, createdAt, updatedAt } = query
  // the description can run long: it follows the header and the spec rather than pushing them down
  return { id, name, folder, tags, profileId, spec: specWithHeaderFirst(spec), description, createdAt, updatedAt }
}

export function savedQueryToJson(query: SavedQuery): string {
  return `${JSON.stringify(savedQueryInFileOrder(query), null, 2)}\n`
}

export function savedQueryFileName(id: string): string {
  return `${id}${SAVED_QUERY_FILE_EXTENSION}`
}

/**
 * What a file in the library folder is: a saved query (its id), a JSON file whose name cannot be an id (reported,
 * so a file added by hand is not silently ignored), or something else (temp files, README, .git).
 */
export function classifyLibraryFile(fileName: string): { id: string } | 'bad-name' | 'other' {
  // the RETS → RESO map's overrides live in the library folder too (features/metadata/field-map-service.ts)
  if (fileName.startsWith('.') || fileName.endsWith('.overrides.json')) return 'other'
  if (!fileName.endsWith(SAVED_QUERY_FILE_EXTENSION)) return 'other'
  const id = fileName.slice(0, -SAVED_QUERY_FILE_EXTENSION.length)
  return SAVED_QUERY_ID_PATTERN.test(id) ? { id } : 'bad-name'
}
