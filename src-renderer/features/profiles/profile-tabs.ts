import { ref, type Ref } from 'vue'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { useQueryTabsStore, WELCOME_TAB } from '../query/query-tabs-store'

// Editor tabs of one kind, one per profile (the Sync tab, the Listing Activity composer): open-or-focus
// and close, in the editor strip whose active tab the query-tabs store owns. Used inside setup stores.
export function useProfileTabs<T extends { id: string; profileId: string }>(
  prefix: string,
  create: (profile: ProfileSummary, id: string) => T
) {
  const tabs = ref([]) as Ref<T[]>
  let counter = 0

  function byId(id: string): T | undefined {
    return tabs.value.find((t) => t.id === id)
  }

  /** Brings the profile's tab to the front, opening it the first time. */
  function openFor(profile: ProfileSummary): T {
    const queryTabs = useQueryTabsStore()
    const existing = tabs.value.find((t) => t.profileId === profile.id)
    if (existing) {
      queryTabs.activate(existing.id)
      return existing
    }
    const id = `${prefix}${++counter}`
    tabs.value = [...tabs.value, create(profile, id)]
    queryTabs.activate(id)
    return byId(id)!
  }

  function close(id: string): void {
    const queryTabs = useQueryTabsStore()
    tabs.value = tabs.value.filter((t) => t.id !== id)
    if (queryTabs.active === id) queryTabs.activate(queryTabs.current?.id ?? WELCOME_TAB)
  }

  return { tabs, byId, openFor, close }
}
