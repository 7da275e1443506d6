import { defineStore } from 'pinia'
import { computed, ref, watchEffect } from 'vue'

export type ThemePreference = 'system' | 'light' | 'dark'
const KEY = 'mlswb.theme'

// Follows the OS (prefers-color-scheme, which Electron's nativeTheme drives) unless the user picks one.
export const useThemeStore = defineStore('theme', () => {
  const saved = localStorage.getItem(KEY)
  const preference = ref<ThemePreference>(saved === 'light' || saved === 'dark' ? saved : 'system')
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const initial = new URLSearchParams(window.location.search).get('theme')
  const systemDark = ref(initial ? initial === 'dark' : media.matches)
  media.addEventListener('change', (e) => (systemDark.value = e.matches))

  const effective = computed<'light' | 'dark'>(() =>
    preference.value === 'system' ? (systemDark.value ? 'dark' : 'light') : preference.value
  )

  watchEffect(() => {
    document.documentElement.dataset.theme = effective.value
    if (preference.value === 'system') localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, preference.value)
  })

  function cycle(): void {
    const order: ThemePreference[] = ['system', 'light', 'dark']
    preference.value = order[(order.indexOf(preference.value) + 1) % order.length]!
  }

  return { preference, effective, cycle }
})
