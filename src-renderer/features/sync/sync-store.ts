import { defineStore } from 'pinia'
import { toErrorShape, type AppErrorShape } from '../../../contract/app-error'
import type { JobProgress } from '../../../contract/job-channels'
import type { SyncReport, SyncStatus } from '../../../contract/sync-channels'
import { call, onEvent } from '../../api/client'
import { useBottomPanelStore } from '../../shell/bottom-panel-store'
import { useJobsStore } from '../../shell/jobs-store'
import { useProfilesStore } from '../profiles/profiles-store'
import { useProfileTabs } from '../profiles/profile-tabs'
import { useResultsStore } from '../results/results-store'

export interface SyncTab {
  id: string
  profileId: string
  profileName: string
  kind: string
  title: string
  view: 'sync' | 'local'
  resource: string
  cls: string
  action?: 'plan' | 'run'
  jobId?: string
  report?: SyncReport
  status?: SyncStatus | undefined
  error?: AppErrorShape | undefined
  starting: boolean
  /** Local data: the SQL text and the last query's result */
  sql: string
  queryError?: AppErrorShape | undefined
  queryRows?: number | undefined
}

const DEFAULT_TARGET: Record<string, { resource: string; cls: string }> = {
  rets: { resource: 'Property', cls: 'A' },
  reso: { resource: 'Property', cls: '' },
  idx: { resource: 'Property', cls: '' },
  spark: { resource: '', cls: '' }
}

// Sync tabs: one per profile whose kind can sync (contract/kinds.ts), with two views — Sync (plan counts, run with
// progress and cancel, the report and the run log) and Local data (read-only SQL on the copy, rows in the grid).
export const useSyncStore = defineStore('sync', () => {
  const { tabs, byId, openFor, close } = useProfileTabs<SyncTab>('sync', (profile, id) => {
    const target = DEFAULT_TARGET[profile.kind] ?? { resource: '', cls: '' }
    return {
      id,
      profileId: profile.id,
      profileName: profile.name,
      kind: profile.kind,
      title: `${profile.name} · Sync`,
      view: 'sync',
      resource: target.resource,
      cls: target.cls,
      starting: false,
      sql: ''
    }
  })
  const jobs = useJobsStore()
  const settled = new Set<string>()

  function isRunning(tab: SyncTab): boolean {
    return tab.starting || (tab.jobId !== undefined && jobs.jobs[tab.jobId]?.state === 'running')
  }

  function target(tab: SyncTab): { resource?: string; class?: string } {
    return { ...(tab.resource ? { resource: tab.resource } : {}), ...(tab.cls ? { class: tab.cls } : {}) }
  }

  async function start(id: string, action: 'plan' | 'run'): Promise<void> {
    const tab = byId(id)
    if (!tab || isRunning(tab)) return
    tab.starting = true
    tab.error = undefined
    try {
      if (!(await useProfilesStore().connect(tab.profileId))) return
      const started = await call(action === 'plan' ? 'sync:plan' : 'sync:run', {
        profileId: tab.profileId,
        target: target(tab)
      })
      tab.action = action
      tab.jobId = started.jobId
      const known = jobs.jobs[started.jobId]
      if (known && known.state !== 'running') void settle(tab.id, known)
    } catch (err) {
      tab.error = toErrorShape(err)
    } finally {
      tab.starting = false
    }
  }

  async function cancel(id: string): Promise<void> {
    const jobId = byId(id)?.jobId
    if (jobId) await jobs.cancel(jobId)
  }

  async function refreshStatus(id: string): Promise<void> {
    const tab = byId(id)
    if (!tab) return
    tab.status = await call('sync:status', { profileId: tab.profileId }).catch(() => undefined)
    if (!tab.sql && tab.status?.tables[0]) {
      tab.sql = `SELECT * FROM "${tab.status.tables[0].table}" WHERE _deleted_at IS NULL LIMIT 1000`
    }
  }

  async function query(id: string): Promise<void> {
    const tab = byId(id)
    if (!tab || !tab.sql.trim()) return
    tab.queryError = undefined
    try {
      const r = await call('sync:query', { profileId: tab.profileId, sql: tab.sql })
      tab.queryRows = r.rows
      useResultsStore().open(r.resultId)
      useBottomPanelStore().showResults()
    } catch (err) {
      tab.queryError = toErrorShape(err)
    }
  }

  async function settle(tabId: string, progress: JobProgress): Promise<void> {
    if (settled.has(progress.jobId)) return
    settled.add(progress.jobId)
    const tab = byId(tabId)
    if (!tab || tab.jobId !== progress.jobId) return
    if (progress.state === 'failed') tab.error = progress.error ?? { code: 'JOB_FAILED', message: 'The sync stopped.' }
    const report = await call('sync:report', { jobId: progress.jobId }).catch(() => null)
    if (report) tab.report = report
    await refreshStatus(tabId)
  }

  onEvent('job:progress', (p) => {
    if (p.state === 'running') return
    const tab = tabs.value.find((t) => t.jobId === p.jobId)
    if (tab) void settle(tab.id, p)
  })

  return { tabs, byId, openFor, close, isRunning, start, cancel, refreshStatus, query }
})
