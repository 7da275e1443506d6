// Step 2 of the IDX data synchronisation (IDX API documentation): the master list of every active record, ID +
// LastUpdated. COMPACT (default) pages with Limit/Offset through the RETS search runner, whose paging already copes
// with servers that cap pages or ignore Offset; the columns are ListingKey / ModificationTimestamp (the IDX API
// documentation: "SELECT= (ListingKey,ModificationTimestamp)"), ID / LastUpdated elsewhere. STANDARD-XML is one unpaged
// reply of <Property ID="…" LastUpdated="…"/> elements (the seed: paging is not supported there).
import { AppError } from '../../../contract/app-error'
import type { RetsSession } from '../../protocols/rets/rets-session'
import { fetchAll } from '../../protocols/rets/search/search-runner'
import type { ResultWriter } from '../../platform/results/result-types'
import type { ResultColumn } from '../../../contract/results-channels'
import { IdxRecordCollector } from './idx-record-rows'
import { idxDetailsPage } from './idx-search'
import type { MasterEntry } from '../sync/sync-types'

export const MASTER_QUERY = '(ID=*)'

export interface MasterListOptions {
  format?: 'COMPACT' | 'STANDARD-XML'
  pageSize: number
  /** the longest record (or tag) held while it arrives (default 16 MB; the profile's limits.maxRecordMb) */
  maxRecordBytes?: number
  signal?: AbortSignal
  onProgress?: (rows: number, total: number | undefined) => void
}

export interface MasterList {
  entries: MasterEntry[]
  /** the server's COUNT / TotalRecords, when it sent one */
  serverCount?: number
  pages: number
  warnings: string[]
}

const ID_COLUMNS = ['id', 'listingkey', 'memberkey', 'agentkey', 'officekey']
const STAMP_COLUMNS = ['lastupdated', 'modificationtimestamp']

/** Turns master-list rows into entries as they arrive (a feed can have hundreds of thousands). */
class MasterEntryWriter implements ResultWriter {
  readonly entries: MasterEntry[] = []
  private idIndex = -1
  private stampIndex = -1
  columns: string[] = []

  setColumns(columns: ResultColumn[]): void {
    this.columns = columns.map((c) => c.name)
    const lower = this.columns.map((c) => c.trim().toLowerCase())
    this.idIndex = lower.findIndex((c) => ID_COLUMNS.includes(c))
    this.stampIndex = lower.findIndex((c) => STAMP_COLUMNS.includes(c))
  }

  append(row: string[]): void {
    if (this.idIndex < 0 || this.stampIndex < 0) return
    const id = (row[this.idIndex] ?? '').trim()
    if (id) this.entries.push({ id, lastUpdated: row[this.stampIndex] ?? '' })
  }

  /** the columns include an ID and a LastUpdated column */
  get recognised(): boolean {
    return this.idIndex >= 0 && this.stampIndex >= 0
  }

  setInfo(): void {}
}

export async function fetchMasterList(
  session: RetsSession,
  searchType: string,
  options: MasterListOptions
): Promise<MasterList> {
  const writer = new MasterEntryWriter()
  const out: MasterList = { entries: writer.entries, pages: 0, warnings: [] }
  if ((options.format ?? 'COMPACT') === 'COMPACT') {
    const summary = await fetchAll(
      session,
      { resource: searchType, class: '', query: MASTER_QUERY, format: 'COMPACT', limit: 'NONE', count: 1 },
      writer,
      {
        pageSize: options.pageSize,
        ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (p) => options.onProgress?.(writer.entries.length, p.serverCount)
      }
    )
    out.pages = summary.pages
    out.warnings.push(...summary.warnings)
    if (summary.serverCount !== undefined) out.serverCount = summary.serverCount
  } else {
    const collector = new IdxRecordCollector({
      columns: (cols) => writer.setColumns(cols.map((name) => ({ name }))),
      row: (values) => writer.append(values)
    })
    const bound = options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}
    const page = await idxDetailsPage(session, { searchType, query: MASTER_QUERY }, bound, collector, options.signal)
    out.pages = 1
    out.warnings.push(...page.warnings)
    if (page.pagination.totalRecords !== undefined) out.serverCount = page.pagination.totalRecords
    options.onProgress?.(writer.entries.length, out.serverCount)
  }
  if (writer.columns.length > 0 && !writer.recognised) {
    throw new AppError({
      code: 'IDX_MASTER_COLUMNS',
      message: `The master list has no ID and LastUpdated columns (got ${writer.columns.join(', ')}).`,
      hint: 'The server answered (ID=*) with something else; check the SearchType and that this is an IDX API login URL.'
    })
  }
  const duplicates = writer.entries.length - new Set(writer.entries.map((e) => e.id)).size
  if (duplicates > 0)
    out.warnings.push(`${duplicates} ID(s) appear more than once in the master list; the first is used.`)
  return out
}
