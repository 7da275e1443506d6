import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { call } from '../../api/client'
import { addHistory, loadHistory, type HistoryEntry } from './query-history'
import { buildQuerySpec, defaultParams, queryKindFor, type QueryKind, type QueryParams } from './query-params'
import { useJobsStore } from '../../shell/jobs-store'
import { useResultsStore } from '../results/results-store'
import { useSessionStore } from '../metadata/session-store'
import { useToastStore } from '../../shell/toasts-store'
import { useEnvironmentsStore } from '../environments/environments-store'
import { substituteDeep } from '../../../domain/variables/template-variables'

export interface QueryTab {
  id: string
  profileId: string
  profileName: string
  kind: QueryKind
  title: string
  text: string
  params: QueryParams
  jobId?: string
  resultId?: string
  /** parameter problems found before sending */
  errors: string[]
  /** the saved query this tab was opened from or last saved as (features/library/library-store.ts) */
  savedId?: string | undefined
  /** fingerprint of the query as saved, so the tab can show it is modified */
  savedFingerprint?: string | undefined
  /** the tab this one was translated from or to (features/intel): their results can be compared */
  pairedWith?: QueryPair | undefined
}

/** Two tabs asking one question over RETS and the RESO Web API, and the map between them. */
export interface QueryPair {
  tabId: string
  map: { retsProfileId: string; resource: string; class: string; resoProfileId: string; entity: string }
}

export const WELCOME_TAB = 'welcome'
export const DETAILS_TAB = 'details'

// Editor tabs: the Welcome and metadata details tabs plus any number of query tabs (several per profile).
export const useQueryTabsStore = defineStore('query-tabs', () => {
  const tabs = ref<QueryTab[]>([])
  /** the active editor tab: WELCOME_TAB, DETAILS_TAB or a query tab id */
  const active = ref<string>(WELCOME_TAB)
  /** the query tab whose result the bottom panel shows (the last one focused or run) */
  const currentId = ref<string | null>(null)
  let counter = 0
  const inserters = new Map<string, (text: string) => void>()

  const current = computed(() => tabs.value.find((t) => t.id === currentId.value))

  function activate(id: string): void {
    active.value = id
    const tab = tabs.value.find((t) => t.id === id)
    if (!tab) return
    currentId.value = id
    // the metadata tree follows the connection of the query being edited
    const session = useSessionStore()
    if (session.connections[tab.profileId]) session.activeProfileId = tab.profileId
  }

  function open(profile: ProfileSummary): QueryTab | undefined {
    const kind = queryKindFor(profile.kind)
    if (!kind) {
      useToastStore().info(`${profile.name}: this kind of connection has no query language.`)
      return undefined
    }
    const params = defaultParams(kind)
    const summary = useSessionStore().summaries.get(profile.id)
    // start on the resource people query most: Property (RETS/RESO) and its first class
    const resource = summary?.resources.find((r) => r.name === 'Property') ?? summary?.resources[0]
    if (resource && params.kind !== 'spark') params.resource = resource.name
    if (resource && params.kind === 'dmql') params.class = resource.classes[0]?.name ?? ''
    const n = ++counter
    const tab: QueryTab = {
      id: `q${n}`,
      profileId: profile.id,
      profileName: profile.name,
      kind,
      title: `${profile.name} · ${n}`,
      // DMQL gets a starter query once the class's fields are loaded (QueryTab); OData/Spark filters are optional
      text: '',
      params,
      errors: []
    }
    tabs.value = [...tabs.value, tab]
    activate(tab.id)
    return tabs.value.at(-1)
  }

  function close(id: string): void {
    const i = tabs.value.findIndex((t) => t.id === id)
    if (i < 0) return
    tabs.value = tabs.value.filter((t) => t.id !== id)
    if (currentId.value === id) currentId.value = tabs.value[Math.min(i, tabs.value.length - 1)]?.id ?? null
    if (active.value === id) active.value = currentId.value ?? WELCOME_TAB
  }

  function byId(id: string): QueryTab | undefined {
    return tabs.value.find((t) => t.id === id)
  }

  async function run(id: string): Promise<void> {
    const tab = byId(id)
    if (!tab) return
    const built = buildQuerySpec(tab.params, tab.text)
    if (!built.ok) {
      tab.errors = built.errors
      return
    }
    // {{variables}}: the active environment of the tab's profile and the dynamic dates
    const environments = useEnvironmentsStore()
    await environments.load(tab.profileId).catch(() => undefined)
    const filled = substituteDeep(built.spec, environments.activeValues(tab.profileId))
    if (filled.missing.length) {
      tab.errors = filled.missing.map(
        (n) => `No value for {{${n}}}: add it to the active environment (status bar → Environments).`
      )
      return
    }
    tab.errors = []
    try {
      const { jobId, resultId } = await call('query:run', { profileId: tab.profileId, spec: filled.value })
      tab.jobId = jobId
      tab.resultId = resultId
      currentId.value = tab.id
      const resource =
        'resource' in built.spec
          ? built.spec.resource
          : useSessionStore().summaries.get(tab.profileId)?.resources[0]?.name
      useResultsStore().track({
        resultId,
        jobId,
        profileId: tab.profileId,
        ...(resource ? { resource } : {}),
        ...(built.spec.kind === 'dmql' ? { class: built.spec.class } : {})
      })
      addHistory(tab.profileId, { at: new Date().toISOString(), text: tab.text, params: tab.params })
    } catch (err) {
      useToastStore().error(err)
    }
  }

  async function cancel(id: string): Promise<void> {
    const jobId = byId(id)?.jobId
    if (jobId) await useJobsStore().cancel(jobId)
  }

  function history(profileId: string): HistoryEntry[] {
    return loadHistory(profileId)
  }

  function restore(id: string, entry: HistoryEntry): void {
    const tab = byId(id)
    if (!tab || entry.params.kind !== tab.kind) return
    tab.text = entry.text
    tab.params = structuredClone(entry.params)
  }

  /** The editor of a tab registers how to insert text at its cursor (double-click on a field in the tree). */
  function registerInserter(id: string, fn: (text: string) => void): () => void {
    inserters.set(id, fn)
    return () => inserters.delete(id)
  }

  /** Inserts into the active query tab, or else the last focused one (which then comes to the front). */
  function insertIntoActive(text: string): boolean {
    const id = inserters.has(active.value) ? active.value : currentId.value
    const fn = id ? inserters.get(id) : undefined
    if (!id || !fn) {
      useToastStore().info('Open a query tab to insert field names.')
      return false
    }
    activate(id)
    fn(text)
    return true
  }

  return {
    tabs,
    active,
    current,
    activate,
    open,
    close,
    byId,
    run,
    cancel,
    history,
    restore,
    registerInserter,
    insertIntoActive
  }
})
