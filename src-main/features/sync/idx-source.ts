// The IDX API as a sync source for one SearchType (Property, Agent, Office; the target's `resource`). The IDX API
// has only three queries (IDX API documentation), which are exactly the engine's three reads: changes are
// `(LastUpdated=<since>)` (everything: a date before any MLS) paged with Limit/Offset and the <Pagination> block's
// TotalRecords; the master list is `(ID=*)` (master-list.ts); records by key are `(ID=a,b,c)`, at most 100 at a
// time — the IDX API's page cap. Replies are STANDARD-XML, flattened by IdxRecordCollector; a record's values are
// what the server named (no padding to columns other records had), so the raw JSON kept is the record as sent.
import { AppError } from '../../../contract/app-error'
import type { RetsSession } from '../../protocols/rets/rets-session'
import { IDX_KEY, IDX_STAMP, idxFields } from '../idx/idx-fields'
import { IdxRecordCollector } from '../idx/idx-record-rows'
import { idxDetailsPage } from '../idx/idx-search'
import { retsDateTime } from '../idx/idx-timestamps'
import { fetchMasterList } from '../idx/master-list'
import { stampKey } from './sync-plan'
import type { ChangedPage, MasterEntry, SourceShape, SyncRecord, SyncSource } from './sync-types'

/** The IDX API pages at most 100 records, and ID lists longer than a page would be cut short. */
export const IDX_PAGE_CAP = 100
// the IDX API has no "everything" date; a day before any MLS existed reads as one
const EPOCH = '1900-01-01T00:00:00Z'
// ids go into the query's value list verbatim; a comma, parenthesis or space would change its meaning
const UNQUERYABLE_ID = /[,()\s]/

export interface IdxSourceOptions {
  searchType: string
  /** records per page (the IDX API caps at 100 anyway) */
  pageSize?: number
  /** the longest tag or value held while it arrives (default 16 MB; the profile's limits.maxRecordMb) */
  maxRecordBytes?: number
}

export class IdxSource implements SyncSource {
  readonly keyBatch: number
  private readonly pageSize: number
  private readonly shapeValue: SourceShape
  private readonly recordBound: { maxRecordBytes?: number }

  constructor(
    private readonly session: RetsSession,
    private readonly options: IdxSourceOptions
  ) {
    this.pageSize = Math.max(1, Math.min(options.pageSize ?? IDX_PAGE_CAP, IDX_PAGE_CAP))
    this.keyBatch = this.pageSize
    this.recordBound = options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}
    const fields = idxFields(options.searchType)
    this.shapeValue = { target: options.searchType, fields, keyField: IDX_KEY, stampField: IDX_STAMP }
  }

  async shape(): Promise<SourceShape> {
    return this.shapeValue
  }

  async masterList(signal?: AbortSignal, onProgress?: (rows: number) => void): Promise<MasterEntry[]> {
    const master = await fetchMasterList(this.session, this.options.searchType, {
      pageSize: this.pageSize,
      ...this.recordBound,
      ...(signal ? { signal } : {}),
      onProgress: (rows) => onProgress?.(rows)
    })
    return master.entries
  }

  async changedPage(since: string | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<ChangedPage> {
    // the cursor is the next 1-based Offset and the first record of the page before (a server ignoring Offset)
    const [offsetText, previousFirst] = (cursor ?? '1').split('|')
    const offset = Number(offsetText) || 1
    const records: SyncRecord[] = []
    const query = `(${IDX_STAMP}=${retsDateTime(since ?? EPOCH)})`
    const collector = this.collector(records)
    const page = await idxDetailsPage(
      this.session,
      { searchType: this.options.searchType, query },
      { limit: this.pageSize, offset, count: true, ...this.recordBound },
      collector,
      signal
    )
    if (previousFirst !== undefined && records[0]?.key === previousFirst) {
      throw new AppError({
        code: 'SYNC_OFFSET_IGNORED',
        message: `The IDX API answered Offset=${offset} with the same first record as the page before: it ignores Offset.`,
        hint: 'The changes since the last sync do not fit one page on this server; ask the MLS about Offset.'
      })
    }
    const out: ChangedPage = { records }
    const total = page.pagination.totalRecords
    if (total !== undefined) out.serverCount = total
    const more = page.rows > 0 && (total !== undefined ? offset - 1 + page.rows < total : page.rows >= this.pageSize)
    if (more) out.next = `${offset + page.rows}|${records[0]?.key ?? ''}`
    return out
  }

  async fetchByKeys(keys: readonly string[], signal?: AbortSignal): Promise<SyncRecord[]> {
    const safe = keys.filter((k) => !UNQUERYABLE_ID.test(k))
    const records: SyncRecord[] = []
    const collector = this.collector(records)
    for (let start = 0; start < safe.length; start += IDX_PAGE_CAP) {
      const batch = safe.slice(start, start + IDX_PAGE_CAP)
      await idxDetailsPage(
        this.session,
        { searchType: this.options.searchType, query: `(${IDX_KEY}=${batch.join(',')})` },
        { limit: batch.length, ...this.recordBound },
        collector,
        signal
      )
    }
    return records
  }

  private collector(into: SyncRecord[]): IdxRecordCollector {
    return new IdxRecordCollector({ columns: () => undefined, row: () => undefined }, (record) => {
      const key = (record.get(IDX_KEY) ?? '').trim()
      if (key) into.push({ key, stamp: stampKey(record.get(IDX_STAMP) ?? ''), values: Object.fromEntries(record) })
    })
  }
}
