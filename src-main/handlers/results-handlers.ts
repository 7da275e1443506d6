// results:* — rows stay in main (spilled to disk when big): the renderer asks for the summary and pages, and main
// writes the exports where the user says.
import path from 'node:path'
import { stat } from 'node:fs/promises'
import { AppError } from '../../contract/app-error'
import type { ResultSummary } from '../../contract/results-channels'
import type { ResultRegistry } from '../platform/results/result-registry'
import type { JobManager } from '../platform/jobs/job-manager'
import type { WireLog } from '../platform/http/wire-log'
import { exportXlsx } from '../features/export/xlsx/xlsx-export'
import { checkExportDestination } from '../platform/files/export-path-guard'
import type { SessionManager } from '../features/connections/session-manager'
import type { PartialHandlerTable } from './handler-registry'
import { resultPhoto } from './result-photo'

export interface ResultsHandlerDeps {
  results: ResultRegistry
  wireLog: WireLog
  /** the job that filled each result (written by query:run): its wire entries are the result's raw view */
  jobOfResult: ReadonlyMap<string, string>
  jobs: JobManager
  sessions: SessionManager
}

export function resultsHandlers({
  results,
  wireLog,
  jobOfResult,
  jobs,
  sessions
}: ResultsHandlerDeps): PartialHandlerTable {
  function store(resultId: string) {
    const s = results.get(resultId)
    if (!s)
      throw new AppError({ code: 'RESULT_NOT_FOUND', message: 'That result is gone.', hint: 'Run the query again.' })
    return s
  }

  return {
    'results:summary': ({ resultId }): ResultSummary => {
      const s = store(resultId)
      const summary: ResultSummary = {
        resultId,
        columns: s.columns,
        total: s.total,
        complete: s.complete,
        pages: s.info.pages,
        warnings: s.info.warnings,
        wireIds: wireLog.idsOfJob(jobOfResult.get(resultId) ?? '')
      }
      if (s.info.serverCount !== undefined) summary.serverCount = s.info.serverCount
      if (s.info.maxRowsReached !== undefined) summary.maxRowsReached = s.info.maxRowsReached
      return summary
    },
    'results:page': ({ resultId, offset, limit }) => results.page(resultId, offset, limit),
    'results:photo': (args) => resultPhoto(sessions, results, args),
    'results:export': async ({ resultId, format, path: target, bom }) => {
      const file = checkExportDestination(await checkExportPath(target, format))
      const s = store(resultId)
      // a job like every long operation: progress in the status bar, cancel there; the atomic writer removes the
      // partial file when the signal stops it
      const spec = { kind: 'results-export', title: `Export to ${path.basename(file)}`, unit: 'rows' }
      const { jobId, result } = jobs.start(spec, async ({ signal, progress }) => {
        const watch = { signal, progress: (done: number, total: number) => progress(done, { total }) }
        const rows =
          format === 'csv'
            ? await s.exportCsv(file, bom ? { ...watch, bom } : watch)
            : format === 'json'
              ? await s.exportJson(file, watch)
              : await exportXlsx(s, file, watch)
        const bytes = (await stat(file)).size
        progress(rows, {
          total: rows,
          message: `${rows.toLocaleString('en-US')} rows · ${bytes.toLocaleString('en-US')} bytes`
        })
        return { path: file, rows, bytes }
      })
      return result.catch((err: unknown) => {
        throw signalAborted(jobs, jobId) ? cancelled(file) : err
      })
    }
  }
}

function signalAborted(jobs: JobManager, jobId: string): boolean {
  return jobs.list().find((j) => j.jobId === jobId)?.state === 'cancelled'
}

function cancelled(file: string): AppError {
  return new AppError({
    code: 'CANCELLED',
    message: `The export to ${file} was cancelled.`,
    hint: 'Nothing was written there; export again when you want the file.'
  })
}

/** Exports go where the user says, but only as a new or replaced .csv/.json/.xlsx file in an existing folder. */
async function checkExportPath(target: string, format: 'csv' | 'json' | 'xlsx'): Promise<string> {
  const file = path.resolve(target)
  if (!path.isAbsolute(target)) {
    throw new AppError({
      code: 'EXPORT_BAD_PATH',
      message: 'Give a full path for the export file.',
      hint: `e.g. /home/you/results.${format}`
    })
  }
  if (path.extname(file).toLowerCase() !== `.${format}`) {
    throw new AppError({ code: 'EXPORT_BAD_PATH', message: `The export file must end in .${format}.` })
  }
  const dir = await stat(path.dirname(file)).catch(() => undefined)
  if (!dir?.isDirectory()) {
    throw new AppError({ code: 'EXPORT_BAD_PATH', message: `The folder ${path.dirname(file)} does not exist.` })
  }
  return file
}
