import { defineStore } from 'pinia'
import { computed, ref, shallowReactive } from 'vue'
import type { LibraryProblem, LibraryUsage, SavedQuery } from '../../../contract/library-channels'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { compareSavedQueries, matchesLibraryFilter } from '../../../domain/library/library-filter'
import { call, onEvent } from '../../api/client'
import { buildQuerySpec, queryKindFor } from '../query/query-params'
import { paramsFromSpec, specFingerprint, specToSave, tabFingerprint } from './saved-query-tab'
import { useProfilesStore } from '../profiles/profiles-store'
import { useQueryTabsStore, type QueryTab } from '../query/query-tabs-store'
import { useSessionStore } from '../metadata/session-store'
import { useToastStore } from '../../shell/toasts-store'

export interface LibraryGroup {
  /** '' = top level */
  folder: string
  queries: SavedQuery[]
}

export type SavedState = 'unsaved' | 'saved' | 'modified'

export interface FieldRef {
  profileId: string
  resource: string
  cls: string
  field: string
  standardName?: string
}

export interface SaveAs {
  name: string
  folder: string
  /** keep the query for this tab's profile only (else for any profile of its query language) */
  profileOnly: boolean
}

const usageKey = (f: FieldRef): string => [f.profileId, f.resource, f.cls, f.field, f.standardName ?? ''].join('\u0000')

// The saved-query library in the sidebar: the files main keeps in <userData>/library/, grouped by folder and filtered
// here (the whole list is small), plus the link between query tabs and the saved queries they came from.
export const useLibraryStore = defineStore('library', () => {
  const queries = ref<SavedQuery[]>([])
  const problems = ref<LibraryProblem[]>([])
  const loaded = ref(false)
  const filterText = ref('')
  /** the query tab whose inline "save as" prompt is open */
  const promptFor = ref<string | null>(null)
  /** bumped on every change, so "used in N saved queries" asks again */
  const revision = ref(0)
  const usage = shallowReactive(new Map<string, LibraryUsage | 'loading'>())

  const groups = computed<LibraryGroup[]>(() => {
    const byFolder = new Map<string, SavedQuery[]>()
    for (const q of queries.value) {
      if (!matchesLibraryFilter(q, { text: filterText.value })) continue
      const folder = q.folder ?? ''
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), q])
    }
    // main sorts by folder then name; top level ('') comes first
    return [...byFolder].map(([folder, list]) => ({ folder, queries: list }))
  })

  function changed(): void {
    revision.value++
    usage.clear()
  }

  // saved-query files changed on disk (copied in, pulled from git)
  onEvent('folder:changed', ({ folder }) => {
    if (folder === 'library' && loaded.value) void load()
  })

  async function load(): Promise<void> {
    try {
      const listing = await call('library:list', {})
      queries.value = listing.queries
      problems.value = listing.problems
      changed()
    } catch (err) {
      useToastStore().error(err)
    } finally {
      loaded.value = true
    }
  }

  function byId(id: string): SavedQuery | undefined {
    return queries.value.find((q) => q.id === id)
  }

  /** The profile to open a saved query on: its own, else the active / a connected / any profile of its language. */
  function profileFor(query: SavedQuery): ProfileSummary | undefined {
    const profiles = useProfilesStore()
    if (query.profileId) return profiles.byId(query.profileId)
    const fitting = profiles.profiles.filter((p) => queryKindFor(p.kind) === query.spec.kind)
    const activeId = useSessionStore().activeProfileId
    return (
      fitting.find((p) => p.id === activeId) ?? fitting.find((p) => profiles.status[p.id] === 'connected') ?? fitting[0]
    )
  }

  /** Opens the saved query in a query tab (or brings forward the tab that already holds it). */
  async function open(id: string): Promise<QueryTab | undefined> {
    const tabs = useQueryTabsStore()
    const query = byId(id)
    if (!query) return undefined
    const existing = tabs.tabs.find((t) => t.savedId === id)
    if (existing) {
      tabs.activate(existing.id)
      return existing
    }
    const profile = profileFor(query)
    if (!profile) {
      useToastStore().info(`"${query.name}" needs a ${query.spec.kind.toUpperCase()} connection profile.`)
      return undefined
    }
    // connected first, so completion and the field picker have metadata; a failed login still opens the query
    await useProfilesStore().connect(profile.id)
    const tab = tabs.open(profile)
    if (!tab) return undefined
    const { params, text } = paramsFromSpec(query.spec)
    tab.params = params
    tab.text = text
    link(tab, query)
    return tab
  }

  function link(tab: QueryTab, query: SavedQuery): void {
    tab.title = query.name
    tab.savedId = query.id
    tab.savedFingerprint = tabFingerprint(tab.params, tab.text) ?? specFingerprint(query.spec)
  }

  function savedState(tab: QueryTab): SavedState {
    if (!tab.savedId) return 'unsaved'
    return tabFingerprint(tab.params, tab.text) === tab.savedFingerprint ? 'saved' : 'modified'
  }

  /**
   * Ctrl/Cmd+S: a tab opened from (or saved as) a saved query updates it; otherwise the inline prompt asks for a
   * name and folder first and `saveAs` does the rest.
   */
  async function save(tabId: string): Promise<SavedQuery | undefined> {
    const tab = useQueryTabsStore().byId(tabId)
    if (!tab) return undefined
    const previous = tab.savedId ? byId(tab.savedId) : undefined
    if (!previous) {
      promptFor.value = tabId
      return undefined
    }
    const { spec: _spec, id, createdAt: _c, updatedAt: _u, ...meta } = previous
    return write(tab, { ...meta }, id, previous)
  }

  async function saveAs(tabId: string, as: SaveAs): Promise<SavedQuery | undefined> {
    const tab = useQueryTabsStore().byId(tabId)
    if (!tab) return undefined
    const saved = await write(tab, {
      name: as.name,
      ...(as.folder.trim() ? { folder: as.folder } : {}),
      ...(as.profileOnly ? { profileId: tab.profileId } : {})
    })
    if (saved) promptFor.value = null
    return saved
  }

  async function write(
    tab: QueryTab,
    meta: Omit<SavedQuery, 'id' | 'spec' | 'createdAt' | 'updatedAt'>,
    queryId?: string,
    previous?: SavedQuery
  ): Promise<SavedQuery | undefined> {
    const built = buildQuerySpec(tab.params, tab.text)
    if (!built.ok) {
      tab.errors = built.errors
      return undefined
    }
    tab.errors = []
    try {
      const query = { ...meta, spec: specToSave(built.spec, previous?.spec) }
      const saved = await call('library:save', queryId ? { queryId, query } : { query })
      replace(saved)
      link(tab, saved)
      return saved
    } catch (err) {
      useToastStore().error(err)
      return undefined
    }
  }

  function replace(saved: SavedQuery): void {
    const others = queries.value.filter((q) => q.id !== saved.id)
    queries.value = [...others, saved].sort(compareSavedQueries)
    for (const t of useQueryTabsStore().tabs) if (t.savedId === saved.id) t.title = saved.name
    changed()
  }

  async function rename(id: string, name: string, folder?: string): Promise<boolean> {
    try {
      replace(await call('library:rename', { queryId: id, name, ...(folder === undefined ? {} : { folder }) }))
      return true
    } catch (err) {
      useToastStore().error(err)
      return false
    }
  }

  async function duplicate(id: string): Promise<SavedQuery | undefined> {
    try {
      const copy = await call('library:duplicate', { queryId: id })
      replace(copy)
      return copy
    } catch (err) {
      useToastStore().error(err)
      return undefined
    }
  }

  async function remove(id: string): Promise<boolean> {
    try {
      await call('library:delete', { queryId: id })
    } catch (err) {
      useToastStore().error(err)
      return false
    }
    queries.value = queries.value.filter((q) => q.id !== id)
    // open tabs keep their text; they are simply no longer linked to a saved query
    for (const t of useQueryTabsStore().tabs) {
      if (t.savedId !== id) continue
      t.savedId = undefined
      t.savedFingerprint = undefined
    }
    changed()
    return true
  }

  async function exportTo(path: string): Promise<boolean> {
    try {
      const r = await call('library:export', { path })
      useToastStore().info(`Exported ${r.count} saved ${r.count === 1 ? 'query' : 'queries'} to ${r.path}`)
      return true
    } catch (err) {
      useToastStore().error(err)
      return false
    }
  }

  async function importFrom(path: string): Promise<boolean> {
    try {
      const r = await call('library:import', { path })
      await load()
      const notes = [
        `Imported ${r.imported.length} saved ${r.imported.length === 1 ? 'query' : 'queries'}`,
        r.renamed.length ? `${r.renamed.length} renamed` : '',
        r.problems.length ? `${r.problems.length} skipped` : ''
      ].filter(Boolean)
      useToastStore().info(notes.join(', ') + '.')
      if (r.problems.length) problems.value = [...problems.value, ...r.problems]
      return true
    } catch (err) {
      useToastStore().error(err)
      return false
    }
  }

  function usageOf(field: FieldRef): LibraryUsage | 'loading' | undefined {
    return usage.get(usageKey(field))
  }

  async function ensureUsage(field: FieldRef): Promise<void> {
    const key = usageKey(field)
    if (usage.has(key)) return
    usage.set(key, 'loading')
    const asked = revision.value
    try {
      const { profileId, resource, cls, field: name, standardName } = field
      const answer = await call('library:usage', {
        profileId,
        resource,
        class: cls,
        field: name,
        ...(standardName ? { standardName } : {})
      })
      // a save or delete while asking made this answer stale; the panel asks again on the new revision
      if (revision.value === asked) usage.set(key, answer)
    } catch {
      // the details panel simply shows no count; the library itself reports its own problems
      usage.delete(key)
    }
  }

  return {
    queries,
    problems,
    loaded,
    filterText,
    promptFor,
    revision,
    groups,
    load,
    byId,
    open,
    savedState,
    save,
    saveAs,
    rename,
    duplicate,
    remove,
    exportTo,
    importFrom,
    usageOf,
    ensureUsage
  }
})
