// A DMQL2 search as a workbench job, shared by the RETS and IDX sessions: the profile's page size and row cap,
// progress in rows (of the server's COUNT when it gave one), and the server's facts recorded on the result.
import type { QuerySpec } from '../../../../contract/query-channels'
import type { RetsSession } from '../../../protocols/rets/rets-session'
import { fetchAll } from '../../../protocols/rets/search/search-runner'
import type { SearchParams } from '../../../protocols/rets/search/search-request'
import type { ResultWriter } from '../../../platform/results/result-types'
import type { JobControl } from '../../../platform/jobs/job-manager'

export type DmqlSpec = Extract<QuerySpec, { kind: 'dmql' }>

export interface DmqlLimits {
  pageSize: number
  maxRecords?: number | undefined
  /** the largest single record held while it arrives, in MB (default 16) */
  maxRecordMb?: number | undefined
}

/** The Limit to send: one page unless "fetch all", then the spec's or the profile's cap (or none). */
export function dmqlLimit(spec: DmqlSpec, limits: DmqlLimits): number | undefined {
  const cap = spec.maxRows ?? limits.maxRecords
  return spec.fetchAll ? (spec.limit ?? cap) : (spec.limit ?? limits.pageSize)
}

export async function runDmqlSearch(
  rets: RetsSession,
  request: Pick<SearchParams, 'resource' | 'class' | 'standardNames' | 'queryType' | 'restrictedIndicator'>,
  spec: DmqlSpec,
  limits: DmqlLimits,
  writer: ResultWriter,
  job: JobControl
): Promise<void> {
  const summary = await fetchAll(
    rets,
    {
      ...request,
      query: spec.query,
      format: spec.format,
      limit: dmqlLimit(spec, limits) ?? 'NONE',
      count: spec.count,
      ...(spec.select?.length ? { select: spec.select } : {}),
      ...(spec.offset ? { offset: spec.offset } : {})
    },
    writer,
    {
      signal: job.signal,
      pageSize: limits.pageSize,
      ...(limits.maxRecordMb !== undefined ? { maxRecordBytes: limits.maxRecordMb * 1048576 } : {}),
      ...(spec.fetchAll ? {} : { maxPages: 1 }),
      onProgress: (p) => job.progress(p.rows, p.serverCount !== undefined ? { total: p.serverCount } : {})
    }
  )
  writer.setInfo({
    pages: summary.pages,
    warnings: summary.warnings,
    maxRowsReached: summary.maxRowsReached,
    ...(summary.serverCount !== undefined ? { serverCount: summary.serverCount } : {})
  })
}
