import { effectScope, watch } from 'vue'
import { useJobsStore } from './jobs-store'
import { useToastStore } from './toasts-store'

/**
 * A toast that lasts as long as a job: "Exporting…" while it runs, then replaced by what happened — done, failed
 * (main's error and hint) or cancelled — instead of a fixed-time note that outlives (or undersells) the job.
 */
export function toastWhileJobRuns(jobId: string, running: string, done: string): void {
  const toasts = useToastStore()
  const jobs = useJobsStore()
  const id = toasts.push({ kind: 'info', title: running }, 0)
  const scope = effectScope(true)
  scope.run(() =>
    watch(
      () => jobs.jobs[jobId]?.state,
      (state) => {
        if (!state || state === 'running') return
        queueMicrotask(() => scope.stop())
        toasts.dismiss(id)
        const job = jobs.jobs[jobId]
        if (state === 'done') toasts.info(done)
        else if (state === 'failed') toasts.error(job?.error ?? { message: `${job?.title ?? 'The job'} failed.` })
        else toasts.info(`${job?.title ?? 'The job'}: cancelled.`)
      },
      { immediate: true }
    )
  )
}
