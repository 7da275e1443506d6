import { defineStore } from 'pinia'
import { ref } from 'vue'
import { onEvent } from '../../api/client'
import type { LogLine } from '../../../contract/event-channels'

const MAX_LINES = 1000

// Collects main's log lines and job outcomes from start-up on, whether or not the Log tab is open.
export const useLogStore = defineStore('log', () => {
  const lines = ref<LogLine[]>([])
  const add = (l: LogLine): void => {
    lines.value = [...lines.value.slice(-(MAX_LINES - 1)), l]
  }
  onEvent('log:line', add)
  onEvent('job:progress', (p) => {
    if (p.state === 'running') return
    const suffix = p.error ? ` — ${p.error.message}` : ''
    add({
      at: new Date().toISOString(),
      level: p.state === 'failed' ? 'error' : 'info',
      message: `${p.title}: ${p.state}${suffix}`
    })
  })
  return { lines, add }
})
