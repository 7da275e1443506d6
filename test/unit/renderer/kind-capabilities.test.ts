// What the UI offers follows the kinds table (contract/kinds.ts): query tabs for kinds that search, the metadata
// tree for kinds with metadata, Photos… for kinds that export photos (the IDX API included), and a Listing Activity
// connection is never asked for metadata it does not have.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import ProfileList from '../../../src-renderer/features/profiles/ProfileList.vue'
import MetadataTree from '../../../src-renderer/features/metadata/MetadataTree.vue'
import ResultPhotosButton from '../../../src-renderer/features/photos/ResultPhotosButton.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useResultsStore } from '../../../src-renderer/features/results/results-store'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import type { ProfileKind } from '../../../contract/kinds'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { fakeApi, sampleSummary, type FakeApi } from './fake-api'

const profile = (id: string, kind: ProfileKind): ProfileSummary => ({
  id,
  name: id,
  kind,
  builtin: true,
  url: 'http://127.0.0.1/',
  storedSecrets: []
})
const PROFILES = [profile('demo-rets', 'rets'), profile('demo-idx', 'idx'), profile('demo-activity', 'activity')]

let api: FakeApi
beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  api = fakeApi({
    'profiles:list': () => PROFILES,
    'session:connect': ({ profileId }) => ({
      profileId,
      kind: PROFILES.find((p) => p.id === profileId)!.kind,
      server: 'demo',
      capabilities: {},
      connectedAt: 'now',
      notes: []
    }),
    'metadata:summary': ({ profileId }) => sampleSummary(profileId),
    'results:summary': ({ resultId }) => ({
      resultId,
      columns: [{ name: 'ID' }],
      total: 1,
      complete: true,
      pages: 1,
      warnings: [],
      wireIds: []
    })
  })
  useTransport(api)
})

async function connect(list: ReturnType<typeof mount>, id: string): Promise<void> {
  await list.get(`[data-testid="profile-${id}"]`).trigger('click')
  await flushPromises()
}

describe('UI actions by connection kind', () => {
  it('connects a Listing Activity profile without asking for metadata and offers it no query tab', async () => {
    const list = mount(ProfileList)
    await flushPromises()
    expect(list.get('[data-testid="profile-demo-activity"] .kind').text()).toBe('Activity')
    await connect(list, 'demo-activity')
    await connect(list, 'demo-rets')
    const asked = api.calls.filter((c) => c.channel === 'metadata:summary').map((c) => c.args)
    expect(asked).toEqual([{ profileId: 'demo-rets' }])
    expect(list.find('[data-testid="new-query-demo-activity"]').exists()).toBe(false)
    expect(list.find('[data-testid="new-query-demo-rets"]').exists()).toBe(true)
    expect(useQueryTabsStore().tabs.map((t) => t.profileId)).toEqual(['demo-rets'])

    // the tree follows the active connection: the one connected last
    const tree = mount(MetadataTree)
    await flushPromises()
    expect(tree.find('[data-testid="metadata-none"]').exists()).toBe(false)
    await connect(list, 'demo-activity')
    expect(tree.get('[data-testid="metadata-none"]').text()).toBe('Listing Activity connections have no metadata.')
    list.unmount()
    tree.unmount()
  })

  it('offers Photos… on the results of every kind that exports photos, the IDX API included', async () => {
    const list = mount(ProfileList)
    await flushPromises()
    for (const id of ['demo-rets', 'demo-idx', 'demo-activity']) await connect(list, id)
    const results = useResultsStore()
    const enabled: Record<string, boolean> = {}
    for (const p of PROFILES) {
      results.track({ resultId: `r-${p.id}`, jobId: `j-${p.id}`, profileId: p.id })
      const button = mount(ResultPhotosButton, { props: { resultId: `r-${p.id}` } })
      enabled[p.id] = button.get('[data-testid="results-photos"]').attributes('disabled') === undefined
      button.unmount()
    }
    expect(enabled).toEqual({ 'demo-rets': true, 'demo-idx': true, 'demo-activity': false })
    list.unmount()
  })
})
