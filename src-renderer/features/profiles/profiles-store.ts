import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ProfileSummary } from '../../../contract/profile-channels'
import { call, onEvent } from '../../api/client'
import { useSessionStore } from '../metadata/session-store'
import { useToastStore } from '../../shell/toasts-store'
import { kindHas } from '../../../contract/kinds'

export type ProfileStatus = 'idle' | 'connecting' | 'connected' | 'error'

export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileSummary[]>([])
  const loaded = ref(false)
  const status = ref<Record<string, ProfileStatus>>({})

  const setStatus = (id: string, s: ProfileStatus): void => {
    status.value = { ...status.value, [id]: s }
  }

  async function load(): Promise<void> {
    try {
      profiles.value = await call('profiles:list', {})
    } catch (err) {
      useToastStore().error(err)
    } finally {
      loaded.value = true
    }
  }

  // profile files changed on disk (a git pull, an edit by hand): show them without a restart
  onEvent('folder:changed', ({ folder }) => {
    if (folder === 'profiles' && loaded.value) void load()
  })

  function byId(id: string): ProfileSummary | undefined {
    return profiles.value.find((p) => p.id === id)
  }

  /** Connects, then loads the metadata summary (live or from the offline cache) for the tree and completion, when
   * the connection's kind has metadata. */
  async function connect(id: string): Promise<boolean> {
    const session = useSessionStore()
    if (status.value[id] === 'connecting') return false
    if (status.value[id] === 'connected') {
      session.activeProfileId = id
      return true
    }
    setStatus(id, 'connecting')
    let info
    try {
      info = await call('session:connect', { profileId: id })
      session.setConnection(info)
      setStatus(id, 'connected')
    } catch (err) {
      setStatus(id, 'error')
      useToastStore().error(err)
      return false
    }
    if (kindHas(info.kind, 'metadata')) await session.loadSummary(id, 'main')
    return true
  }

  async function disconnect(id: string): Promise<void> {
    try {
      await call('session:disconnect', { profileId: id })
    } catch (err) {
      useToastStore().error(err)
    }
    setStatus(id, 'idle')
    useSessionStore().forget(id)
  }

  return { profiles, loaded, status, load, byId, connect, disconnect }
})
