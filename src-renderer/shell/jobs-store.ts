import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JobProgress } from '../../contract/job-channels'
import { call, onEvent } from '../api/client'

export const useJobsStore = defineStore('jobs', () => {
  const jobs = ref<Record<string, JobProgress>>({})
  onEvent('job:progress', (p) => {
    jobs.value = { ...jobs.value, [p.jobId]: p }
  })
  const running = computed(() => Object.values(jobs.value).filter((j) => j.state === 'running'))
  const latest = computed(() => {
    const all = Object.values(jobs.value)
    return running.value.at(-1) ?? all.at(-1)
  })

  async function cancel(jobId: string): Promise<void> {
    await call('job:cancel', { jobId })
  }

  return { jobs, running, latest, cancel }
})
