import { defineStore } from 'pinia'
import { toErrorShape, type AppErrorShape } from '../../../contract/app-error'
import type { JobProgress } from '../../../contract/job-channels'
import type { IdxSearchType, IdxSyncReport } from '../../../contract/idx-channels'
import { call, onEvent } from '../../api/client'
import { useBottomPanelStore } from '../../shell/bottom-panel-store'
import { useJobsStore } from '../../shell/jobs-store'
import { useProfilesStore } from '../profiles/profiles-store'
import { useProfileTabs } from '../profiles/profile-tabs'
import { useResultsStore } from '../results/results-store'

export type MasterFormat = 'COMPACT' | 'STANDARD-XML'

export interface IdxSyncTab {
  id: string
  profileId: string
  profileName: string
  title: string
  searchType: IdxSearchType
  /** how main reads the master list: COMPACT pages, STANDARD-XML comes as one reply (the IDX API's master list) */
  masterFormat: MasterFormat
  /** the action of the last run started from this tab */
  action?: 'plan' | 'apply'
  jobId?: string
  /** apply: the fetched records, shown in the bottom panel's grid */
  resultId?: string | undefined
  report?: IdxSyncReport
  /** the job the report belongs to: while another runs, the last report stays on screen marked as previous */
  reportJobId?: string
  /** why the last run failed (the job's error, or the request that never became a job) */
  error?: AppErrorShape | undefined
  /** between the click and main's job id */
  starting: boolean
}

// IDX sync inspector tabs (the IDX API's master list): one per IDX profile, each running "compare with snapshot" (plan) or apply as
// a job of main and showing the report it leaves. The tabs sit in the editor strip next to the query tabs, whose
// store owns which editor tab is active.
export const useIdxSyncStore = defineStore('idx-sync', () => {
  const { tabs, byId, openFor, close } = useProfileTabs<IdxSyncTab>('idx', (profile, id) => ({
    id,
    profileId: profile.id,
    profileName: profile.name,
    title: `${profile.name} · Sync`,
    searchType: 'Property',
    masterFormat: 'COMPACT',
    starting: false
  }))
  const settled = new Set<string>()
  const jobs = useJobsStore()

  function isRunning(tab: IdxSyncTab): boolean {
    return tab.starting || (tab.jobId !== undefined && jobs.jobs[tab.jobId]?.state === 'running')
  }

  async function run(id: string, action: 'plan' | 'apply'): Promise<void> {
    const tab = byId(id)
    if (!tab || isRunning(tab)) return
    tab.starting = true
    tab.error = undefined
    try {
      // a failed connect has already said why in a toast (with its hint); the tab shows the state
      if (!(await useProfilesStore().connect(tab.profileId))) return
      const started = await call('idx:sync', {
        profileId: tab.profileId,
        searchType: tab.searchType,
        action,
        masterFormat: tab.masterFormat
      })
      tab.action = action
      tab.jobId = started.jobId
      tab.resultId = started.resultId
      if (started.resultId) {
        useResultsStore().track({
          resultId: started.resultId,
          jobId: started.jobId,
          profileId: tab.profileId,
          resource: tab.searchType
        })
      }
      // a quick job can end before its id reached us
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

  /** Shows the rows an apply fetched in the bottom panel's grid. */
  function showRows(id: string): void {
    const resultId = byId(id)?.resultId
    if (!resultId) return
    useResultsStore().open(resultId)
    useBottomPanelStore().showResults()
  }

  async function settle(tabId: string, progress: JobProgress): Promise<void> {
    if (settled.has(progress.jobId)) return
    settled.add(progress.jobId)
    const tab = byId(tabId)
    if (!tab || tab.jobId !== progress.jobId) return
    if (progress.state === 'failed') {
      tab.error = progress.error ?? { code: 'JOB_FAILED', message: 'The sync stopped.' }
    } else if (progress.state === 'done') {
      const report = await loadReport(progress.jobId)
      const now = byId(tabId)
      if (!now || now.jobId !== progress.jobId) return
      if (report) {
        now.report = report
        now.reportJobId = progress.jobId
      } else
        now.error = {
          code: 'IDX_NO_REPORT',
          message: 'The sync ended but main has no report for it.',
          hint: 'Run it again.'
        }
    }
    // partial rows of a cancelled or failed apply stay readable too
    if (tab.resultId) showRows(tabId)
  }

  /** main keeps the report before the job's final event (none when the sync failed) */
  async function loadReport(jobId: string): Promise<IdxSyncReport | null> {
    return call('idx:syncReport', { jobId }).catch(() => null)
  }

  onEvent('job:progress', (p) => {
    if (p.state === 'running') return
    const tab = tabs.value.find((t) => t.jobId === p.jobId)
    if (tab) void settle(tab.id, p)
  })

  return { tabs, byId, openFor, close, isRunning, run, cancel, showRows }
})
