// The saved-query library's filter — main uses it for library:list, the renderer for the sidebar's filter box: by
// profile (its own queries plus those kept for any profile of its query language), by query language, by words.
import type { LibraryFilter, SavedQuery } from '../../contract/library-channels'

export function matchesLibraryFilter(query: SavedQuery, filter: LibraryFilter): boolean {
  if (filter.kind && query.spec.kind !== filter.kind) return false
  if (filter.profileId && query.profileId && query.profileId !== filter.profileId) return false
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const haystack = searchableText(query).toLowerCase()
  return words.every((w) => haystack.includes(w))
}

function searchableText(query: SavedQuery): string {
  const spec = query.spec
  return [
    query.name,
    query.folder,
    ...(query.tags ?? []),
    query.description,
    'resource' in spec ? spec.resource : undefined,
    spec.kind === 'dmql' ? spec.class : undefined,
    spec.kind === 'dmql' ? spec.query : spec.filter,
    ...(spec.select ?? [])
  ]
    .filter((s): s is string => typeof s === 'string')
    .join('\n')
}

/** Library order: by folder (top level first), then by name, any case. */
export function compareSavedQueries(a: SavedQuery, b: SavedQuery): number {
  return (
    (a.folder ?? '').localeCompare(b.folder ?? '', undefined, { sensitivity: 'base' }) ||
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
    a.id.localeCompare(b.id)
  )
}
