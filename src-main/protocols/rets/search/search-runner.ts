// Running searches: one page (a single Search transaction streamed into a sink) and "fetch all" paging.
// Paging facts from real servers: Offset is 1-based; servers cap rows per reply (2500/5000) whatever Limit says and
// flag it with MAXROWS; COUNT tells when to stop; some servers ignore Offset and return page 1 again — we compare
// the first row of each page with the previous page's first row and stop with a warning instead of looping.
import { AppError } from '../../../../contract/app-error'
import { appendDelimited, eachDelimitedRow, splitDelimitedRow } from '../../../platform/results/delimited-row'
import type { DelimitedRow, DelimitedRows, ResultWriter } from '../../../platform/results/result-types'
import type { RetsSession } from '../rets-session'
import { NON_ERROR_CODES, retsError } from '../rets-reply'
import { charsetFromContentType } from '../xml-text'
import { streamXml } from '../xml-stream'
import { DEFAULT_MAX_ELEMENT_BYTES, scanCompact, type CompactScannerOptions } from './compact-scanner'
import { ElementTooLargeError } from './element-buffer'
import { MarkupTooLargeError } from '../pending-markup'
import { searchTransactionParams, type SearchParams } from './search-request'
import { StandardXmlRowCollector, type RowSink } from './standard-xml-rows'
import { detectReplyFamily, familyOf } from './search-reply-format'
import { isAbort, requestFailure, transactionContext } from '../request-failure'

export interface SearchPageResult {
  rows: number
  bytes: number
  columns: string[]
  count?: number
  maxRows: boolean
  replyCode: number
  replyText: string
  /** first row joined, used to detect a page that did not advance */
  firstRowKey?: string
  /** the page was stopped because its first row repeated the previous page's */
  repeated: boolean
  warnings: string[]
}

export interface PageOptions {
  signal?: AbortSignal
  /** called per chunk with the bytes read so far in this page */
  onBytes?: (bytes: number) => void
  /** when set and the page's first row equals it, the page is dropped (Offset ignored) */
  previousFirstRowKey?: string
  /** the largest single record (or tag) held while it arrives; default 16 MB (profile setting limits.maxRecordMb) */
  maxRecordBytes?: number
  /**
   * Asked before each body chunk is parsed; a promise holds the body back until it settles (a sink whose rows go
   * somewhere slower — a database — pauses the socket instead of queueing rows).
   */
  beforeChunk?: () => Promise<void> | undefined
}

class RepeatedPage extends Error {}

export async function searchPage(
  session: RetsSession,
  params: SearchParams,
  sink: RowSink,
  options: PageOptions = {}
): Promise<SearchPageResult> {
  const txParams = searchTransactionParams(params)
  try {
    return await readSearchPage(session, params, txParams, sink, options)
  } catch (err) {
    if (isAbort(err, options.signal)) throw err
    // named once the transaction has run: a first search logs in, and only then is the Search URL known
    const part = `running Search of ${params.resource}${params.class ? `:${params.class}` : ''}`
    throw requestFailure(err, transactionContext(session, 'Search', txParams, part))
  }
}

async function readSearchPage(
  session: RetsSession,
  params: SearchParams,
  txParams: Record<string, string>,
  sink: RowSink,
  options: PageOptions
): Promise<SearchPageResult> {
  const res = await session.transaction('Search', txParams, options.signal ? { signal: options.signal } : {})
  const result: SearchPageResult = {
    rows: 0,
    bytes: 0,
    columns: [],
    maxRows: false,
    replyCode: -1,
    replyText: '',
    repeated: false,
    warnings: []
  }
  let head = ''
  const body = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      result.bytes += chunk.length
      if (head.length < 2000) head += chunk.subarray(0, 2000 - head.length).toString('latin1')
      options.onBytes?.(result.bytes)
      const wait = options.beforeChunk?.()
      if (wait) await wait
      yield chunk
    }
  }
  const firstRow = (values: string[]): void => {
    result.firstRowKey = values.join('\u0001')
    if (options.previousFirstRowKey !== undefined && result.firstRowKey === options.previousFirstRowKey) {
      throw new RepeatedPage()
    }
  }
  const guarded: Required<RowSink> = {
    columns: (cols) => {
      result.columns = cols
      sink.columns(cols)
    },
    row: (values) => {
      if (result.rows === 0) firstRow(values)
      result.rows++
      sink.row(values)
    },
    delimitedRow: (row) => {
      if (result.rows === 0) firstRow(splitDelimitedRow(row, result.columns.length))
      result.rows++
      if (sink.delimitedRow) sink.delimitedRow(row)
      else sink.row(splitDelimitedRow(row, result.columns.length))
    },
    delimitedRows: (batch) => {
      if (sink.delimitedRows && batch.spans.length > 0) {
        if (result.rows === 0) firstRow(splitDelimitedRow(firstOf(batch), result.columns.length))
        result.rows += batch.spans.length / 2
        sink.delimitedRows(batch)
      } else eachDelimitedRow(batch, guarded.delimitedRow)
    }
  }
  const asked = params.format ?? 'COMPACT-DECODED'
  const reply = await detectReplyFamily(body(), familyOf(asked))
  if (reply.family !== familyOf(asked)) {
    result.warnings.push(`Asked for ${asked}; the server answered in ${reply.family} — read as ${reply.family}.`)
  }
  try {
    if (reply.family === 'STANDARD-XML') {
      const collector = new StandardXmlRowCollector(guarded)
      const xml = await streamXml(reply.stream, res.header('content-type'), collector, {
        ...(options.maxRecordBytes !== undefined ? { maxMarkupChars: options.maxRecordBytes } : {})
      })
      result.warnings.push(...xml.warnings)
      Object.assign(result, {
        replyCode: collector.facts.replyCode ?? -1,
        replyText: collector.facts.replyText ?? '',
        maxRows: collector.facts.maxRows,
        ...(collector.facts.count !== undefined ? { count: collector.facts.count } : {})
      })
    } else {
      const maxElementBytes = options.maxRecordBytes ?? DEFAULT_MAX_ELEMENT_BYTES
      // an unencoded reply's Content-Length is what the scanner will see: it bounds a huge record's buffer
      const length = Number(res.header('content-length'))
      const plain = !res.header('content-encoding') || res.header('content-encoding') === 'identity'
      const known = plain && Number.isSafeInteger(length) && length >= 0
      await readCompactPage(reply.stream, res.header('content-type'), guarded, result, {
        maxElementBytes,
        ...(known ? { bodyBytes: length } : {})
      })
    }
  } catch (err) {
    if (err instanceof ElementTooLargeError || err instanceof MarkupTooLargeError) {
      res.body.destroy()
      // searchPage's requestFailure names the request (once)
      throw err
    }
    if (!(err instanceof RepeatedPage)) throw err
    res.body.destroy()
    result.repeated = true
    return result
  }
  if (result.replyCode === -1) {
    const type = res.header('content-type') ?? 'no Content-Type'
    const text = head
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
    throw new AppError({
      code: 'RETS_NO_ENVELOPE',
      message: `The search reply is not RETS (HTTP ${res.status}, ${type})${text ? `: "${text}"` : ''}.`,
      detail: head
    })
  }
  if (!NON_ERROR_CODES.has(result.replyCode)) {
    throw retsError({ replyCode: result.replyCode, replyText: result.replyText, fromStatus: false }, head)
  }
  return result
}

async function readCompactPage(
  body: AsyncIterable<Buffer>,
  contentType: string | undefined,
  sink: Required<RowSink>,
  result: SearchPageResult,
  sizes: Pick<CompactScannerOptions, 'maxElementBytes' | 'bodyBytes'>
): Promise<void> {
  // delimitedRows: plain rows stay bytes until the sink (the result store) copies them; see compact-scanner.ts
  const scan = scanCompact(body, charsetFromContentType(contentType), result.warnings, {
    delimitedRows: true,
    rowBatches: true,
    ...sizes
  })
  for await (const events of scan) {
    for (const e of events) {
      switch (e.type) {
        case 'reply':
        case 'status':
          // RETS-STATUS comes later and overrides the opening tag's code
          result.replyCode = e.replyCode
          result.replyText = e.replyText
          break
        case 'count':
          result.count = e.records
          break
        case 'columns':
          sink.columns(e.columns)
          break
        case 'row':
          sink.row(e.values)
          break
        case 'delimitedRow':
          sink.delimitedRow(e)
          break
        case 'delimitedRows':
          sink.delimitedRows(e)
          break
        case 'maxrows':
          result.maxRows = true
          break
        default:
          break
      }
    }
  }
}

export interface SearchProgress {
  rows: number
  bytes: number
  pages: number
  rowsPerSecond: number
  serverCount?: number
}

export interface FetchAllOptions {
  signal?: AbortSignal
  /** rows asked per request (servers cap anyway); default: the remaining Limit, or NONE */
  pageSize?: number
  onProgress?: (p: SearchProgress) => void
  /** safety stop for runaway paging */
  maxPages?: number
  /** see PageOptions.maxRecordBytes */
  maxRecordBytes?: number
  /** see PageOptions.beforeChunk */
  beforeChunk?: () => Promise<void> | undefined
}

export interface SearchSummary {
  rows: number
  bytes: number
  pages: number
  serverCount?: number
  maxRowsReached: boolean
  /** the server ignored Offset (a page repeated the previous one) */
  offsetIgnored: boolean
  columns: string[]
  warnings: string[]
}

/** Fetches every row the query allows (up to params.limit) page by page into a result writer. */
export async function fetchAll(
  session: RetsSession,
  params: SearchParams,
  writer: ResultWriter,
  options: FetchAllOptions = {}
): Promise<SearchSummary> {
  const started = performance.now()
  const limitTotal = params.limit === undefined || params.limit === 'NONE' ? Infinity : params.limit
  const summary: SearchSummary = {
    rows: 0,
    bytes: 0,
    pages: 0,
    maxRowsReached: false,
    offsetIgnored: false,
    columns: [],
    warnings: []
  }
  // the body waits for the caller, else for a writer whose disk is behind (rather than the writer writing inline)
  const beforeChunk = options.beforeChunk ?? (writer.room ? () => writer.room?.() : undefined)
  let offset = params.offset ?? 1
  let previousFirst: string | undefined
  let bytesBefore = 0
  const progress = (): void =>
    options.onProgress?.({
      rows: summary.rows,
      bytes: summary.bytes,
      pages: summary.pages,
      rowsPerSecond: summary.rows / Math.max(0.001, (performance.now() - started) / 1000),
      ...(summary.serverCount !== undefined ? { serverCount: summary.serverCount } : {})
    })
  const sink: RowSink = {
    columns: (cols) => {
      if (cols.join('\u0001') !== summary.columns.join('\u0001')) {
        summary.columns = cols
        writer.setColumns(cols.map((name) => ({ name })))
      }
    },
    row: (values) => {
      writer.append(values)
      summary.rows++
    },
    delimitedRow: (row) => {
      appendDelimited(writer, row, summary.columns.length)
      summary.rows++
    },
    delimitedRows: (batch) => {
      if (writer.appendDelimitedRows) writer.appendDelimitedRows(batch)
      else eachDelimitedRow(batch, (row) => appendDelimited(writer, row, summary.columns.length))
      summary.rows += batch.spans.length / 2
    }
  }
  const maxPages = options.maxPages ?? 100_000
  for (;;) {
    if (options.signal?.aborted) throw abortError()
    const remaining = limitTotal - summary.rows
    const want = Math.min(options.pageSize ?? Infinity, remaining)
    const pageLimit: number | 'NONE' = Number.isFinite(want) ? want : 'NONE'
    const page = await searchPage(
      session,
      {
        ...params,
        offset,
        limit: pageLimit,
        count: summary.pages === 0 ? (params.count ?? 1) : params.count === 2 ? 2 : 0
      },
      sink,
      {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(previousFirst !== undefined ? { previousFirstRowKey: previousFirst } : {}),
        ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}),
        ...(beforeChunk ? { beforeChunk } : {}),
        onBytes: (b) => {
          summary.bytes = bytesBefore + b
        }
      }
    )
    bytesBefore += page.bytes
    summary.bytes = bytesBefore
    summary.pages++
    // a page-level warning (the reply's format, repaired characters) is said once per result
    for (const w of page.warnings) if (!summary.warnings.includes(w)) summary.warnings.push(w)
    if (page.count !== undefined && summary.serverCount === undefined) summary.serverCount = page.count
    progress()
    if (page.repeated) {
      summary.offsetIgnored = true
      summary.warnings.push(
        `Page ${summary.pages} started with the same row as the page before: the server seems to ignore Offset. Stopped after ${summary.rows} rows.`
      )
      break
    }
    // MAXROWS on an exact last page (COUNT reached) does not mean rows are missing
    const startOffset = params.offset ?? 1
    summary.maxRowsReached =
      page.maxRows && (summary.serverCount === undefined || startOffset - 1 + summary.rows < summary.serverCount)
    if (params.count === 2) break
    if (page.rows === 0) break
    if (summary.rows >= limitTotal) break
    if (summary.serverCount !== undefined && offset - 1 + page.rows >= summary.serverCount) break
    if (!page.maxRows && pageLimit !== 'NONE' && page.rows < pageLimit) break
    if (!page.maxRows && pageLimit === 'NONE') break
    if (summary.pages >= maxPages) {
      summary.warnings.push(`Stopped after ${maxPages} page(s); the server has more rows (fetch all to get them).`)
      break
    }
    previousFirst = page.firstRowKey
    offset += page.rows
  }
  writer.setInfo({
    ...(summary.serverCount !== undefined ? { serverCount: summary.serverCount } : {}),
    maxRowsReached: summary.maxRowsReached,
    pages: summary.pages,
    warnings: summary.warnings
  })
  return summary
}

function firstOf(batch: DelimitedRows): DelimitedRow {
  return { bytes: batch.bytes, start: batch.spans[0]!, end: batch.spans[1]!, delimiter: batch.delimiter }
}

function abortError(): Error {
  const e = new Error('The operation was aborted.')
  e.name = 'AbortError'
  return e
}
