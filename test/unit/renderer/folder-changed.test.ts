// Files changed on disk reach the sidebar: the profiles and saved-query lists reload on `folder:changed`.
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { useTransport } from '../../../src-renderer/api/client'
import { useProfilesStore } from '../../../src-renderer/features/profiles/profiles-store'
import { useLibraryStore } from '../../../src-renderer/features/library/library-store'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { fakeApi } from './fake-api'

const profile = (id: string): ProfileSummary => ({
  id,
  name: id,
  kind: 'rets',
  builtin: false,
  url: 'http://x',
  storedSecrets: []
})

describe('folder:changed', () => {
  it('reloads the list of the folder that changed, and only that one', async () => {
    setActivePinia(createPinia())
    let onDisk = [profile('a')]
    let libraryCalls = 0
    const api = fakeApi({
      'profiles:list': () => onDisk,
      'library:list': () => {
        libraryCalls++
        return { queries: [], problems: [] }
      }
    })
    useTransport(api)
    const profiles = useProfilesStore()
    const library = useLibraryStore()
    await profiles.load()
    await library.load()
    expect(profiles.profiles.map((p) => p.id)).toEqual(['a'])

    onDisk = [profile('a'), profile('pulled-from-git')]
    api.emit('folder:changed', { folder: 'profiles' })
    await flushPromises()
    expect(profiles.profiles.map((p) => p.id)).toEqual(['a', 'pulled-from-git'])
    expect(libraryCalls).toBe(1)

    api.emit('folder:changed', { folder: 'library' })
    await flushPromises()
    expect(libraryCalls).toBe(2)
  })
})
