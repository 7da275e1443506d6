// The IDX API Search transaction (IDX API documentation) on a RetsSession: SearchType = Property | Agent | Office, no
// Class, and only three query shapes — (LastUpdated=RETSDateTime), (ID=*) and (ID=a,b,c). STANDARD-XML replies are read
// with IdxRecordCollector; pages follow Limit/Offset with the <Pagination> block (TotalRecords) telling when to stop. A
// server that ignores Offset would loop forever, so a page that starts with the previous page's first row ends the
// paging with a warning (the same guard as the RETS search runner).
import { AppError } from '../../../contract/app-error'
import type { RetsSession } from '../../protocols/rets/rets-session'
import { NON_ERROR_CODES, retsError } from '../../protocols/rets/rets-reply'
import { streamXml } from '../../protocols/rets/xml-stream'
import { MarkupTooLargeError } from '../../protocols/rets/pending-markup'
import { requestFailure, transactionContext } from '../../protocols/rets/request-failure'
import { searchTransactionParams } from '../../protocols/rets/search/search-request'
import type { RowSink } from '../../protocols/rets/search/standard-xml-rows'
import type { ResultWriter } from '../../platform/results/result-types'
import { RepeatedReply, type IdxRecordCollector, type IdxPagination } from './idx-record-rows'

export interface IdxDetailsQuery {
  searchType: string
  /** (LastUpdated=…), (ID=*) or (ID=…) */
  query: string
}

export interface IdxPageResult {
  rows: number
  replyCode: number
  replyText: string
  pagination: IdxPagination
  firstRowKey?: string
  /** the reply started with `previousFirstRowKey`: nothing was passed on */
  repeated: boolean
  warnings: string[]
}

/** One STANDARD-XML Search reply into `collector` (whose sink sees the rows). */
export async function idxDetailsPage(
  session: RetsSession,
  query: IdxDetailsQuery,
  page: { limit?: number; offset?: number; count?: boolean; maxRecordBytes?: number },
  collector: IdxRecordCollector,
  signal?: AbortSignal,
  previousFirstRowKey?: string
): Promise<IdxPageResult> {
  const params = searchTransactionParams({
    resource: query.searchType,
    // the IDX API has no classes: an empty Class is left out of the request
    class: '',
    query: query.query,
    format: 'STANDARD-XML',
    ...(page.limit !== undefined ? { limit: page.limit } : {}),
    ...(page.offset !== undefined ? { offset: page.offset } : {}),
    ...(page.count ? { count: 1 as const } : {})
  })
  const res = await session.transaction('Search', params, signal ? { signal } : {})
  collector.beginReply(previousFirstRowKey)
  let xml: Awaited<ReturnType<typeof streamXml>>
  try {
    xml = await streamXml(res.body as AsyncIterable<Buffer>, res.header('content-type'), collector, {
      ...(page.maxRecordBytes !== undefined ? { maxMarkupChars: page.maxRecordBytes } : {})
    })
  } catch (err) {
    if (err instanceof MarkupTooLargeError) {
      res.body.destroy()
      throw requestFailure(
        err,
        transactionContext(session, 'Search', params, `running IDX Search of ${query.searchType}`)
      )
    }
    if (!(err instanceof RepeatedReply)) throw err
    res.body.destroy()
    return { rows: 0, replyCode: 0, replyText: '', pagination: {}, repeated: true, warnings: [] }
  }
  const { replyCode, replyText } = collector.facts
  if (replyCode === undefined) {
    throw new AppError({
      code: 'RETS_NO_ENVELOPE',
      message: `The IDX search reply is not RETS (HTTP ${res.status}).`,
      detail: xml.head
    })
  }
  if (!NON_ERROR_CODES.has(replyCode)) {
    throw retsError({ replyCode, replyText: replyText ?? '', fromStatus: false }, xml.head)
  }
  const out: IdxPageResult = {
    rows: collector.rowsInReply,
    replyCode,
    replyText: replyText ?? '',
    pagination: { ...collector.facts.pagination },
    repeated: false,
    warnings: xml.warnings
  }
  if (collector.firstRowKey !== undefined) out.firstRowKey = collector.firstRowKey
  return out
}

export interface IdxFetchOptions {
  /** rows asked per page (the IDX API caps pages at 100) */
  pageSize: number
  /** stop after this many rows */
  maxRows?: number
  /** stop after this many pages (one page = a preview) */
  maxPages?: number
  /** the longest tag or value held while it arrives (default 16 MB; the profile's limits.maxRecordMb) */
  maxRecordBytes?: number
  signal?: AbortSignal
  onProgress?: (rows: number, total: number | undefined) => void
}

export interface IdxFetchSummary {
  rows: number
  pages: number
  totalRecords?: number
  warnings: string[]
}

/** A sink writing into a result store; one collector spans every page so the columns keep one order. */
export function writerSink(writer: ResultWriter): RowSink {
  return {
    columns: (cols) => writer.setColumns(cols.map((name) => ({ name }))),
    row: (values) => writer.append(values)
  }
}

/** Every record a (LastUpdated=…) or (ID=…) query matches, page by page, into `collector`. */
export async function fetchIdxDetails(
  session: RetsSession,
  query: IdxDetailsQuery,
  collector: IdxRecordCollector,
  options: IdxFetchOptions
): Promise<IdxFetchSummary> {
  const summary: IdxFetchSummary = { rows: 0, pages: 0, warnings: [] }
  const maxRows = options.maxRows ?? Infinity
  let offset = 1
  let previousFirst: string | undefined
  for (;;) {
    if (options.signal?.aborted) throw abortError()
    const limit = Math.max(1, Math.min(options.pageSize, maxRows - summary.rows))
    const page = await idxDetailsPage(
      session,
      query,
      {
        limit,
        offset,
        count: true,
        ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {})
      },
      collector,
      options.signal,
      previousFirst
    )
    summary.pages++
    summary.warnings.push(...page.warnings)
    if (page.pagination.totalRecords !== undefined) summary.totalRecords ??= page.pagination.totalRecords
    if (page.repeated) {
      summary.warnings.push(
        `Page ${summary.pages} repeated the page before: the server seems to ignore Offset. Stopped after ${summary.rows} rows.`
      )
      break
    }
    summary.rows += page.rows
    options.onProgress?.(summary.rows, summary.totalRecords)
    if (page.rows === 0 || summary.rows >= maxRows) break
    if (summary.totalRecords !== undefined && offset - 1 + page.rows >= summary.totalRecords) break
    if (summary.totalRecords === undefined && page.rows < limit) break
    if (options.maxPages !== undefined && summary.pages >= options.maxPages) {
      summary.warnings.push(`Stopped after ${summary.pages} page(s); the server has more records.`)
      break
    }
    previousFirst = page.firstRowKey
    offset += page.rows
  }
  return summary
}

export function abortError(): Error {
  const e = new Error('The operation was aborted.')
  e.name = 'AbortError'
  return e
}
