// A profile's environments in the renderer: loaded on demand from main (env:get), the active one's values used when
// a query tab runs and by the editor's {{variable}} completion and checks; the status bar shows the active name.
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { EnvironmentFile } from '../../../contract/environment-schema'
import { call } from '../../api/client'

export const useEnvironmentsStore = defineStore('environments', () => {
  const files = reactive(new Map<string, EnvironmentFile>())
  /** the profile whose Environments panel is open */
  const panelFor = ref<string | null>(null)

  async function load(profileId: string): Promise<EnvironmentFile> {
    const cached = files.get(profileId)
    if (cached) return cached
    const file = await call('env:get', { profileId })
    files.set(profileId, file)
    return file
  }

  /** Saves the whole file (main refuses secret-looking names; the error reaches the caller). */
  async function save(profileId: string, file: EnvironmentFile): Promise<void> {
    files.set(profileId, await call('env:save', { profileId, file }))
  }

  function activeName(profileId: string | null | undefined): string | undefined {
    return profileId ? files.get(profileId)?.active : undefined
  }

  /** The active environment's values (empty when none is active or the file is not loaded yet). */
  function activeValues(profileId: string): Record<string, string> {
    const file = files.get(profileId)
    const name = file?.active
    return name ? { ...(file.environments[name] ?? {}) } : {}
  }

  return { files, panelFor, load, save, activeName, activeValues }
})
