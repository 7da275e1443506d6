// "Export metadata": loads every class's fields and every lookup's values (RETS serves them lazily), as a job with
// progress and cancel, then writes the report (XLSX, HTML, Markdown, CSV) or the whole model (JSON). Offline, what the snapshot lacks
// is listed in the report instead of failing it.
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import type { SessionManager } from '../connections/session-manager'
import type { JobControl } from '../../platform/jobs/job-manager'
import { writeFileAtomic } from '../../platform/files/atomic-write'
import { writeWorkbook } from '../export/xlsx/xlsx-workbook'
import { metadataReportSheets } from './metadata-report'
import type { MetadataReportFormat } from '../../../contract/metadata-channels'
import { metadataHtml } from './report-writers/html-report'
import { metadataMarkdown } from './report-writers/markdown-report'
import { metadataCsv } from './report-writers/csv-report'

export interface MetadataReportSummary {
  path: string
  fields: number
  lookupValues: number
  notLoaded: string[]
}

export async function exportMetadataReport(
  sessions: Pick<SessionManager, 'model' | 'fields' | 'lookup'>,
  profileId: string,
  target: string,
  format: MetadataReportFormat,
  job: JobControl
): Promise<MetadataReportSummary> {
  const { model } = await sessions.model(profileId)
  const todo = [
    ...model.resources.flatMap((r) =>
      r.classes.map((c) => ({ kind: 'class' as const, resource: r.name, name: c.name }))
    ),
    ...model.resources.flatMap((r) =>
      r.lookups.map((l) => ({ kind: 'lookup' as const, resource: r.name, name: l.name }))
    )
  ]
  const notLoaded: string[] = []
  for (const [i, item] of todo.entries()) {
    job.signal.throwIfAborted()
    job.progress(i, { total: todo.length, message: `${item.resource}: ${item.kind} ${item.name}` })
    try {
      if (item.kind === 'class') await sessions.fields(profileId, item.resource, item.name)
      else await sessions.lookup(profileId, item.resource, item.name)
    } catch (err) {
      if (job.signal.aborted) throw err
      notLoaded.push(
        `${item.kind === 'class' ? 'Fields of class' : 'Values of lookup'} ${item.resource}:${item.name} — ${(err as Error).message}`
      )
    }
  }
  if (format === 'xlsx') await writeWorkbook(target, metadataReportSheets(model, notLoaded), { signal: job.signal })
  else await writeFileAtomic(target, reportText(model, format, notLoaded))
  const summary = { path: target, ...countOf(model), notLoaded }
  job.progress(todo.length, {
    total: todo.length,
    message: `Wrote ${target}: ${summary.fields} fields, ${summary.lookupValues} lookup values${notLoaded.length ? `, ${notLoaded.length} parts not available offline` : ''}`
  })
  return summary
}

function reportText(model: MetadataModel, format: Exclude<MetadataReportFormat, 'xlsx'>, notLoaded: string[]): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(model, null, 2)}\n`
    case 'html':
      return metadataHtml(model, notLoaded)
    case 'md':
      return metadataMarkdown(model, notLoaded)
    case 'csv':
      return metadataCsv(model)
  }
}

function countOf(model: MetadataModel): { fields: number; lookupValues: number } {
  let fields = 0
  let lookupValues = 0
  for (const r of model.resources) {
    for (const c of r.classes) fields += c.fields?.length ?? 0
    for (const l of r.lookups) lookupValues += l.values?.length ?? 0
  }
  return { fields, lookupValues }
}
