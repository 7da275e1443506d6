import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '../../contract/app-channels'
import { call } from '../api/client'
import { useToastStore } from './toasts-store'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const connected = ref(false)
  /** the keyboard cheat sheet is open (the status bar button, `?`, or the Help menu) */
  const shortcutsOpen = ref(false)

  async function load(): Promise<void> {
    try {
      info.value = await call('app:info', {})
      connected.value = true
    } catch (err) {
      connected.value = false
      useToastStore().error(err)
    }
  }

  return { info, connected, shortcutsOpen, load }
})
