// "Translate to OData / DMQL": the query of a RETS tab becomes an OData $filter in a new tab of a connected RESO
// Web API profile (or the other way), through main's RETS → RESO map (intel:translate). What cannot be translated
// stays in the source tab as errors naming the exact text, never as an approximate query.
import { call } from '../../api/client'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { useProfilesStore } from '../profiles/profiles-store'
import { useSessionStore } from '../metadata/session-store'
import { useQueryTabsStore, type QueryPair, type QueryTab } from '../query/query-tabs-store'
import { useToastStore } from '../../shell/toasts-store'

export function targetKindOf(tab: QueryTab): 'rets' | 'reso' | undefined {
  return tab.kind === 'dmql' ? 'reso' : tab.kind === 'odata' ? 'rets' : undefined
}

/** Connected profiles of the kind a tab translates to. */
export function translationTargets(tab: QueryTab): ProfileSummary[] {
  const kind = targetKindOf(tab)
  const session = useSessionStore()
  return useProfilesStore().profiles.filter((p) => p.kind === kind && session.connections[p.id])
}

export function mapFor(tab: QueryTab, other: ProfileSummary): QueryPair['map'] | undefined {
  const session = useSessionStore()
  const params = tab.params
  if (params.kind === 'dmql')
    return {
      retsProfileId: tab.profileId,
      resource: params.resource,
      class: params.class,
      resoProfileId: other.id,
      entity: params.resource
    }
  if (params.kind !== 'odata') return undefined
  const rets = session.summaries.get(other.id)?.resources.find((r) => r.name === params.resource)
  const cls = rets?.classes[0]?.name
  if (!cls) return undefined
  return {
    retsProfileId: other.id,
    resource: params.resource,
    class: cls,
    resoProfileId: tab.profileId,
    entity: params.resource
  }
}

export async function translateTab(tabId: string, other: ProfileSummary): Promise<QueryTab | undefined> {
  const store = useQueryTabsStore()
  const tab = store.byId(tabId)
  if (!tab) return undefined
  const map = mapFor(tab, other)
  if (!map) {
    useToastStore().info(
      `${other.name} has no resource ${'resource' in tab.params ? tab.params.resource : ''} to translate to.`
    )
    return undefined
  }
  try {
    const from = tab.kind === 'dmql' ? 'dmql' : 'odata'
    const result = await call('intel:translate', { ...map, from, text: tab.text })
    if (result.text === undefined) {
      tab.errors = result.diagnostics.map(
        (d) => `Cannot translate “${tab.text.slice(d.from, d.to)}” (characters ${d.from + 1}–${d.to}): ${d.message}`
      )
      return undefined
    }
    tab.errors = []
    const opened = store.open(other)
    if (!opened) return undefined
    opened.text = result.text
    opened.title = `${other.name} · from ${tab.title}`
    if (opened.params.kind === 'odata') opened.params.resource = map.entity
    if (opened.params.kind === 'dmql') {
      opened.params.resource = map.resource
      opened.params.class = map.class
    }
    // both sides fetch all pages or neither, so their results can be compared
    opened.params.fetchAll = tab.params.fetchAll
    if (opened.params.kind === 'odata' && tab.params.kind === 'dmql') opened.params.top = tab.params.limit
    if (opened.params.kind === 'dmql' && tab.params.kind === 'odata') opened.params.limit = tab.params.top
    opened.pairedWith = { tabId: tab.id, map }
    tab.pairedWith = { tabId: opened.id, map }
    return opened
  } catch (err) {
    useToastStore().error(err)
    return undefined
  }
}
