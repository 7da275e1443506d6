// Query tabs outlive the window: their profile, parameters and text are kept in localStorage (no secrets live in
// a tab) and reopened on the next start; closed tabs can be reopened (Ctrl+Shift+T) during a session.
import { watch } from 'vue'
import type { ProfileKind } from '../../../contract/kinds'
import { useQueryTabsStore, type QueryTab } from './query-tabs-store'

const KEY = 'mlswb.queryTabs'
const MAX_CLOSED = 20

export interface KeptTab {
  profileId: string
  profileName: string
  profileKind: ProfileKind
  title: string
  text: string
  params: QueryTab['params']
  savedId?: string | undefined
  savedFingerprint?: string | undefined
}

const closed: KeptTab[] = []

function keep(t: QueryTab, kind: ProfileKind): KeptTab {
  return {
    profileId: t.profileId,
    profileName: t.profileName,
    profileKind: kind,
    title: t.title,
    text: t.text,
    params: JSON.parse(JSON.stringify(t.params)) as QueryTab['params'],
    ...(t.savedId ? { savedId: t.savedId, savedFingerprint: t.savedFingerprint } : {})
  }
}

/** The query kind's profile kind: enough to reopen a tab without asking main (RETS and IDX both speak DMQL). */
const KIND_OF: Record<QueryTab['kind'], ProfileKind> = { dmql: 'rets', odata: 'reso', spark: 'spark' }

function reopen(k: KeptTab): QueryTab | undefined {
  const store = useQueryTabsStore()
  const tab = store.open({
    id: k.profileId,
    name: k.profileName,
    kind: k.profileKind,
    builtin: false,
    url: '',
    storedSecrets: []
  })
  if (!tab || tab.kind !== k.params.kind) return tab
  tab.params = JSON.parse(JSON.stringify(k.params)) as QueryTab['params']
  tab.text = k.text
  tab.title = k.title
  if (k.savedId) {
    tab.savedId = k.savedId
    tab.savedFingerprint = k.savedFingerprint
  }
  return tab
}

/** Closes a query tab, remembering it for reopenClosed(). */
export function closeQueryTab(id: string, profileKind?: ProfileKind): void {
  const store = useQueryTabsStore()
  const t = store.byId(id)
  if (t) {
    closed.push(keep(t, profileKind ?? KIND_OF[t.kind]))
    if (closed.length > MAX_CLOSED) closed.shift()
  }
  store.close(id)
}

export function reopenClosed(): boolean {
  const k = closed.pop()
  return k ? !!reopen(k) : false
}

export function saveTabs(tabs: readonly QueryTab[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(tabs.map((t) => keep(t, KIND_OF[t.kind]))))
  } catch {
    // storage full or unavailable: the tabs are simply not restored
  }
}

export function loadTabs(): KeptTab[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown
    return Array.isArray(list) ? (list as KeptTab[]).filter((k) => k && typeof k.profileId === 'string') : []
  } catch {
    return []
  }
}

/** Reopens the tabs of the last session, then keeps the list up to date (call once, at start). */
export function restoreAndKeepTabs(): void {
  const store = useQueryTabsStore()
  if (!store.tabs.length) {
    const front = store.active
    for (const k of loadTabs()) reopen(k)
    store.activate(front)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => store.tabs.map((t) => [t.profileId, t.title, t.text, JSON.stringify(t.params), t.savedId]),
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => saveTabs(store.tabs), 300)
    }
  )
}
