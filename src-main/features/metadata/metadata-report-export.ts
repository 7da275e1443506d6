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
import { loadWholeModel } from './whole-model'

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
  const { model, notLoaded } = await loadWholeModel(sessions, profileId, {
    signal: job.signal,
    onPart: (done, total, message) => job.progress(done, { total, message })
  })
  const total = countParts(model)
  if (format === 'xlsx') await writeWorkbook(target, metadataReportSheets(model, notLoaded), { signal: job.signal })
  else await writeFileAtomic(target, reportText(model, format, notLoaded))
  const summary = { path: target, ...countOf(model), notLoaded }
  job.progress(total, {
    total,
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

function countParts(model: MetadataModel): number {
  return model.resources.reduce((n, r) => n + r.classes.length + r.lookups.length, 0)
}
