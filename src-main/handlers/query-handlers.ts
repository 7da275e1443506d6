// Queries run as jobs in main; rows land in a result store the renderer pages through, and each request's raw
// exchange stays in the wire log for the raw view.
import path from 'node:path'
import { stat } from 'node:fs/promises'
import { AppError } from '../../contract/app-error'
import type { QuerySpec } from '../../contract/query-channels'
import type { ResultSummary } from '../../contract/results-channels'
import type { WireBodySlice, WireEntry } from '../../contract/wire-channels'
import type { SessionManager } from '../features/connections/session-manager'
import type { JobManager } from '../platform/jobs/job-manager'
import type { ResultRegistry } from '../platform/results/result-registry'
import type { WireLog, WireEntry as LoggedEntry } from '../platform/http/wire-log'
import { isTextContentType } from '../platform/http/content-kind'
import { redactSlice, sliceWindow } from '../platform/redaction/redact-slice'
import { exportXlsx } from '../features/export/xlsx/xlsx-export'
import type { PartialHandlerTable } from './handler-registry'

export interface QueryHandlerDeps {
  sessions: SessionManager
  jobs: JobManager
  results: ResultRegistry
  wireLog: WireLog
}

export function queryHandlers({ sessions, jobs, results, wireLog }: QueryHandlerDeps): PartialHandlerTable {
  const wireIdsByResult = new Map<string, string[]>()

  function store(resultId: string) {
    const s = results.get(resultId)
    if (!s)
      throw new AppError({ code: 'RESULT_NOT_FOUND', message: 'That result is gone.', hint: 'Run the query again.' })
    return s
  }

  /** token replies and echoed credentials are hidden here too: the raw view is a view, not a copy of secrets */
  async function redactedText(id: string, offset: number, length: number, total: number): Promise<string> {
    const w = sliceWindow(offset, length, Math.max(total, offset + length))
    const bytes = await wireLog.readBody(id, w.start, w.length)
    const sliceStart = Math.min(bytes.length, offset - w.start)
    return redactSlice({ bytes, sliceStart, sliceEnd: Math.min(bytes.length, sliceStart + length) })
  }

  return {
    'query:run': ({ profileId, spec }) => {
      const session = sessions.session(profileId)
      const rows = results.create()
      const before = new Set(wireLog.list().map((e) => e.id))
      const { jobId, result } = jobs.start({ kind: 'query', title: queryTitle(spec), unit: 'rows' }, (job) =>
        session.run(spec, rows, job)
      )
      // Partial rows stay available whatever the outcome; the job event carries the error.
      const settle = (): Promise<void> => {
        wireIdsByResult.set(
          rows.id,
          wireLog
            .list()
            // this session's requests only: a query running at the same time on another connection is not ours
            .filter((e) => !before.has(e.id) && e.source === profileId)
            .map((e) => e.id)
        )
        return rows.finish()
      }
      result.then(settle, settle).catch(() => undefined)
      return { jobId, resultId: rows.id }
    },
    'results:summary': ({ resultId }): ResultSummary => {
      const s = store(resultId)
      const summary: ResultSummary = {
        resultId,
        columns: s.columns,
        total: s.total,
        complete: s.complete,
        pages: s.info.pages,
        warnings: s.info.warnings,
        wireIds: wireIdsByResult.get(resultId) ?? []
      }
      if (s.info.serverCount !== undefined) summary.serverCount = s.info.serverCount
      if (s.info.maxRowsReached !== undefined) summary.maxRowsReached = s.info.maxRowsReached
      return summary
    },
    'results:page': ({ resultId, offset, limit }) => results.page(resultId, offset, limit),
    'results:export': async ({ resultId, format, path: target }) => {
      const file = await checkExportPath(target, format)
      const s = store(resultId)
      const rows =
        format === 'csv'
          ? await s.exportCsv(file)
          : format === 'json'
            ? await s.exportJson(file)
            : await exportXlsx(s, file)
      return { path: file, rows, bytes: (await stat(file)).size }
    },
    'wire:list': () => wireLog.list().map(toContractEntry),
    'wire:body': async ({ id, offset, length }): Promise<WireBodySlice> => {
      const entry = wireLog.get(id)
      if (!entry) throw new AppError({ code: 'WIRE_NOT_FOUND', message: 'That request is no longer in the log.' })
      const slice = { id, offset, total: entry.responseBytes }
      return isTextContentType(entry.responseHeaders?.['content-type'])
        ? { ...slice, encoding: 'text', data: await redactedText(id, offset, length, entry.responseBytes) }
        : { ...slice, encoding: 'base64', data: (await wireLog.readBody(id, offset, length)).toString('base64') }
    },
    'wire:curl': ({ id }) => {
      const curl = wireLog.toCurl(id)
      if (curl === undefined)
        throw new AppError({ code: 'WIRE_NOT_FOUND', message: 'That request is no longer in the log.' })
      return { curl }
    }
  }
}

function toContractEntry(e: LoggedEntry): WireEntry {
  const out: WireEntry = {
    id: e.id,
    method: e.method,
    url: e.url,
    startedAt: e.startedAt,
    requestHeaders: e.requestHeaders,
    responseHeaders: e.responseHeaders ?? {},
    bodySize: e.responseBytes
  }
  if (e.status !== undefined) out.status = e.status
  if (e.durationMs !== undefined) out.durationMs = e.durationMs
  if (e.requestBody !== undefined) out.requestBody = e.requestBody
  const type = e.responseHeaders?.['content-type']
  if (type) out.contentType = type
  if (e.error) out.error = e.error
  return out
}

export function queryTitle(spec: QuerySpec): string {
  switch (spec.kind) {
    case 'dmql':
      return `Search ${spec.resource}:${spec.class}`
    case 'odata':
      return `Query ${spec.resource}`
    case 'spark':
      return 'Query listings'
  }
}

/** Exports go where the user says, but only as a new or replaced .csv/.json file in an existing folder. */
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
