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

  /** jobs asked to stop that have not reported their end yet: a download in flight can take seconds to abort */
  const cancelRequested = ref<Record<string, true>>({})

  async function cancel(jobId: string): Promise<void> {
    cancelRequested.value = { ...cancelRequested.value, [jobId]: true }
    await call('job:cancel', { jobId })
  }

  function isCancelling(jobId: string | undefined | null): boolean {
    return !!jobId && !!cancelRequested.value[jobId] && jobs.value[jobId]?.state === 'running'
  }

  return { jobs, running, latest, cancel, isCancelling }
})
