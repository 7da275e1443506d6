// results:* — rows stay in main (spilled to disk when big): the renderer asks for the summary and pages, and main
// writes the exports where the user says.
import path from 'node:path'
import { stat } from 'node:fs/promises'
import { AppError } from '../../contract/app-error'
import type { ResultSummary } from '../../contract/results-channels'
import type { ResultRegistry } from '../platform/results/result-registry'
import type { WireLog } from '../platform/http/wire-log'
import { exportXlsx } from '../features/export/xlsx/xlsx-export'
import { checkExportDestination } from '../platform/files/export-path-guard'
import type { PartialHandlerTable } from './handler-registry'

export interface ResultsHandlerDeps {
  results: ResultRegistry
  wireLog: WireLog
  /** the job that filled each result (written by query:run): its wire entries are the result's raw view */
  jobOfResult: ReadonlyMap<string, string>
}

export function resultsHandlers({ results, wireLog, jobOfResult }: ResultsHandlerDeps): PartialHandlerTable {
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
    'results:export': async ({ resultId, format, path: target, bom }) => {
      const file = checkExportDestination(await checkExportPath(target, format))
      const s = store(resultId)
      const rows =
        format === 'csv'
          ? await s.exportCsv(file, bom ? { bom } : {})
          : format === 'json'
            ? await s.exportJson(file)
            : await exportXlsx(s, file)
      return { path: file, rows, bytes: (await stat(file)).size }
    }
  }
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
