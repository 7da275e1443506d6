import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { PhotoExportChoices } from '../../../contract/photo-channels'
import type { PhotoExportSummary, PhotoThumbnail } from '../../../contract/photo-channels'
import { call } from '../../api/client'
import { buildExportArgs, type ExportContext, type PhotoExportForm } from './export-request'
import { useAppStore } from '../../shell/app-store'
import { useJobsStore } from '../../shell/jobs-store'
import { useToastStore } from '../../shell/toasts-store'

const THUMBNAILS = 12
const REMEMBERED = 'mlswb.photoExport'

export interface OpenRequest {
  profileId: string
  resource?: string
  resultId?: string
  /** columns of the result, to pick the key column from */
  columns?: string[]
  /** the row selected in the grid, whose key becomes the "selected row" choice */
  selectedRow?: string[]
  /** preselected types (from an object type in the metadata tree) */
  types?: string[]
}

type Remembered = Pick<PhotoExportForm, 'destination' | 'pattern' | 'concurrency' | 'batchSize' | 'mode'>

function remembered(): Partial<Remembered> {
  try {
    return JSON.parse(localStorage.getItem(REMEMBERED) ?? '{}') as Partial<Remembered>
  } catch {
    return {}
  }
}

function defaultDestination(): string {
  const dir = useAppStore().info?.userDataDir ?? ''
  const sep = dir.includes('\\') ? '\\' : '/'
  return dir ? `${dir.replace(/[\\/]+$/, '')}${sep}exports${sep}photos` : ''
}

// The photo export dialog: its form (choices come from main for the connection), then the running job's progress,
// then the summary with a thumbnail strip. One export dialog at a time; the job keeps running when it is closed.
export const usePhotoExportStore = defineStore('photoExport', () => {
  const open = ref(false)
  const context = ref<(ExportContext & { columns: string[] }) | null>(null)
  const options = ref<PhotoExportChoices | null>(null)
  const form = ref<PhotoExportForm>(blankForm())
  const problems = ref<string[]>([])
  const jobId = ref<string | null>(null)
  const listings = ref(0)
  const summary = ref<PhotoExportSummary | null>(null)
  const thumbnails = ref<PhotoThumbnail[]>([])
  const starting = ref(false)

  const jobs = useJobsStore()
  const job = computed(() => (jobId.value ? jobs.jobs[jobId.value] : undefined))
  const phase = computed<'form' | 'running' | 'done'>(() =>
    !jobId.value ? 'form' : job.value?.state === 'running' || !job.value ? 'running' : 'done'
  )

  function blankForm(): PhotoExportForm {
    return {
      destination: defaultDestination(),
      keySource: 'result',
      keyColumn: '',
      pastedKeys: '',
      types: [],
      idChoice: '*',
      idList: '',
      pattern: '',
      concurrency: 4,
      batchSize: 10,
      mode: 'multipart',
      resume: true,
      ...remembered()
    }
  }

  async function show(req: OpenRequest): Promise<void> {
    try {
      const choices = await call('photos:options', {
        profileId: req.profileId,
        ...(req.resource ? { resource: req.resource } : {})
      })
      options.value = choices
      const columns = req.columns ?? []
      const f = blankForm()
      f.types = [...(req.types ?? choices.defaultTypes)]
      f.pattern ||= choices.defaultPattern
      f.keySource = req.resultId ? 'result' : 'pasted'
      f.keyColumn = columns.find((c) => c === choices.keyField) ?? guessKeyColumn(columns) ?? columns[0] ?? ''
      form.value = f
      const selectedKey = req.selectedRow?.[columns.indexOf(f.keyColumn)]
      context.value = {
        profileId: req.profileId,
        resource: choices.resource,
        kind: choices.kind,
        columns,
        ...(req.resultId ? { resultId: req.resultId } : {}),
        ...(selectedKey ? { selectedKeys: [selectedKey] } : {})
      }
      reset()
      open.value = true
    } catch (err) {
      useToastStore().error(err)
    }
  }

  function reset(): void {
    jobId.value = null
    summary.value = null
    thumbnails.value = []
    problems.value = []
  }

  async function start(): Promise<void> {
    if (!context.value) return
    const built = buildExportArgs(form.value, context.value)
    if ('problems' in built) {
      problems.value = built.problems
      return
    }
    problems.value = []
    starting.value = true
    try {
      const { destination, pattern, concurrency, batchSize, mode } = form.value
      localStorage.setItem(REMEMBERED, JSON.stringify({ destination, pattern, concurrency, batchSize, mode }))
      const started = await call('photos:export', built.args)
      listings.value = started.listings
      jobId.value = started.jobId
    } catch (err) {
      useToastStore().error(err)
    } finally {
      starting.value = false
    }
  }

  /** The same export again into the same folder with resume on: only the listings not done are asked for. */
  async function resume(): Promise<void> {
    reset()
    form.value.resume = true
    await start()
  }

  async function cancel(): Promise<void> {
    if (jobId.value) await jobs.cancel(jobId.value)
  }

  /** main keeps the summary before the job's final event (none when the export failed) */
  async function loadSummary(): Promise<void> {
    const id = jobId.value
    if (!id) return
    const s = await call('photos:summary', { jobId: id })
    if (!s || id !== jobId.value) return
    summary.value = s
    await loadThumbnails(id, s.firstFiles.slice(0, THUMBNAILS))
  }

  async function loadThumbnails(id: string, files: string[]): Promise<void> {
    for (const file of files) {
      const t = await call('photos:thumbnail', { jobId: id, file }).catch(() => null)
      if (id !== jobId.value) return
      if (t) thumbnails.value = [...thumbnails.value, t]
    }
  }

  async function openFolder(): Promise<boolean> {
    if (!summary.value) return false
    return (await call('app:openFolder', { path: summary.value.destination })).opened
  }

  return {
    open,
    context,
    options,
    form,
    problems,
    jobId,
    job,
    listings,
    phase,
    summary,
    thumbnails,
    starting,
    show,
    reset,
    start,
    resume,
    cancel,
    loadSummary,
    openFolder
  }
})

function guessKeyColumn(columns: string[]): string | undefined {
  return columns.find((c) => /^(ListingKey|ListingKeyNumeric|ListingId|Id|sysid|MLSNumber|ListingID)$/i.test(c))
}
