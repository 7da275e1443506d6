// Connecting a searchable profile opens its first query tab once the metadata summary is in — unless the user
// opened another tab of that profile (its Sync tab, offered as soon as the session is up) while the metadata was
// loading: the late query tab must not take the front from it.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import ProfileList from '../../../src-renderer/features/profiles/ProfileList.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { useSyncStore } from '../../../src-renderer/features/sync/sync-store'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { fakeApi, sampleSummary } from './fake-api'

const RETS: ProfileSummary = {
  id: 'demo-rets',
  name: 'Demo MLS (RETS)',
  kind: 'rets',
  builtin: true,
  url: 'http://127.0.0.1/',
  storedSecrets: []
}

let finishMetadata: () => void = () => undefined
beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  const connected = {
    profileId: 'demo-rets',
    kind: 'rets' as const,
    server: 'demo',
    capabilities: {},
    connectedAt: 'now',
    notes: []
  }
  useTransport(
    fakeApi({
      'profiles:list': () => [RETS],
      'session:connect': () => connected,
      'metadata:summary': ({ profileId }) =>
        new Promise((resolve) => (finishMetadata = () => resolve(sampleSummary(profileId))))
    })
  )
})

describe('the query tab a connection opens', () => {
  it('opens when the profile has no tab yet', async () => {
    const list = mount(ProfileList)
    await flushPromises()
    await list.get('[data-testid="profile-demo-rets"]').trigger('click')
    await flushPromises()
    finishMetadata()
    await flushPromises()
    expect(useQueryTabsStore().tabs.map((t) => t.profileId)).toEqual(['demo-rets'])
    list.unmount()
  })

  it('does not open over the Sync tab the user opened while connecting', async () => {
    const list = mount(ProfileList)
    await flushPromises()
    await list.get('[data-testid="profile-demo-rets"]').trigger('click')
    await flushPromises()
    await list.get('[data-testid="sync-demo-rets"]').trigger('click')
    finishMetadata()
    await flushPromises()
    expect(useSyncStore().tabs.map((t) => t.profileId)).toEqual(['demo-rets'])
    expect(useQueryTabsStore().tabs).toEqual([])
    list.unmount()
  })
})
