// A window-wide key binding for as long as the component lives (the pickers' Ctrl+P, Ctrl+Shift+P, F1).
import { onBeforeUnmount, onMounted } from 'vue'

export function useGlobalKey(matches: (e: KeyboardEvent) => boolean, action: () => void): void {
  const onKey = (e: KeyboardEvent): void => {
    if (!matches(e)) return
    e.preventDefault()
    action()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
