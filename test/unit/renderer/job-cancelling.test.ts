// Cancel gives feedback at once: the job says "Cancelling…" from the click until main reports its end (a photo
// export finishing the files in flight can take seconds).
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useTransport } from '../../../src-renderer/api/client'
import { useJobsStore } from '../../../src-renderer/shell/jobs-store'
import { fakeApi } from './fake-api'

describe('job cancel feedback', () => {
  it('is "cancelling" from the click until the job reports its end', async () => {
    const api = fakeApi({ 'job:cancel': () => ({ cancelled: true }) })
    useTransport(api)
    setActivePinia(createPinia())
    const jobs = useJobsStore()
    const base = { jobId: 'j1', kind: 'photo-export', title: 'Export', unit: 'objects', done: 84 }
    api.emit('job:progress', { ...base, state: 'running' })
    await flushPromises()
    expect(jobs.isCancelling('j1')).toBe(false)
    void jobs.cancel('j1')
    expect(jobs.isCancelling('j1')).toBe(true)
    await flushPromises()
    expect(jobs.isCancelling('j1')).toBe(true)
    api.emit('job:progress', { ...base, state: 'cancelled' })
    await flushPromises()
    expect(jobs.isCancelling('j1')).toBe(false)
  })
})
