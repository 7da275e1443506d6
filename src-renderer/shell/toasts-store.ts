import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppErrorShape } from '../../contract/app-error'

export interface Toast {
  id: number
  kind: 'error' | 'info'
  title: string
  body?: string
  hint?: string
}

// Errors reach the user with the server's words (message/detail) and what to try (hint).
export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  let next = 1

  function push(t: Omit<Toast, 'id'>, ttlMs = 8000): number {
    const toast = { ...t, id: next++ }
    toasts.value = [...toasts.value, toast]
    if (ttlMs > 0) setTimeout(() => dismiss(toast.id), ttlMs)
    return toast.id
  }

  function error(err: unknown): void {
    const shape = err as Partial<AppErrorShape>
    const toast: Omit<Toast, 'id'> = { kind: 'error', title: shape.message ?? String(err) }
    if (shape.detail) toast.body = shape.detail
    if (shape.hint) toast.hint = shape.hint
    push(toast, 0)
  }

  function info(title: string): void {
    push({ kind: 'info', title })
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  return { toasts, push, error, info, dismiss }
})
