// RESO Web API / OData v4 client: $metadata (streamed into the EDMX reader), queries paged by following
// @odata.nextLink opaquely (relative links resolved; short pages are normal; a link seen twice stops the loop),
// a link to another origin stops paging (the token stays with the service root), `Prefer: odata.maxpagesize`,
// rows streamed out of each page by the byte-level splitter, the DD 2.x Lookup resource checked against @odata.count. Auth, throttling and quota headers come from authorizedExchange.
import { namingRequest } from '../../platform/http/request-named'
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import { findClass, markDegraded } from '../../../domain/metadata/metadata-model'
import { toErrorShape } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import type { ResultWriter } from '../../platform/results/result-types'
import type { ResultColumn } from '../../../contract/results-channels'
import type { ApiTransport } from '../json-api/api-transport'
import {
  authorizedExchange,
  noAuthorizer,
  type ExchangeResponse,
  type RequestAuthorizer
} from '../json-api/authorized-exchange'
import { cellText } from '../json-api/cell-text'
import type { RetryPolicy } from '../json-api/retry-policy'
import { readEdmx } from './edmx-reader'
import { edmxToModel } from './edmx-to-model'
import { splitODataPageBatches, splitODataPageRecords } from './json-array-splitter'
import { RecordLineWriter } from './record-line'

/** A record as bytes `[start, end)` of `bytes`; returns false when it is not taken (it is then parsed). */
export type RawRecordHandler = (bytes: Buffer, start: number, end: number) => boolean
import { applyLookupRows, type LookupRow } from './lookup-resource'
import { odataError } from './odata-error'
import { pageMembers } from './odata-page'
import { buildODataUrl, type ODataQuery } from './odata-url'
import { expandPath } from '../../../domain/query-languages/odata/odata-list-split'

export interface ODataClientOptions {
  serviceRoot: string
  transport: ApiTransport
  auth?: RequestAuthorizer
  retry?: RetryPolicy
  /** sent as Prefer: odata.maxpagesize=N */
  maxPageSize?: number
  headers?: Record<string, string>
  onQuota?: (headers: Record<string, string>) => void
  /** a server handing out ever-new next links would page forever: stop after this many pages (default 100 000) */
  maxPages?: number
}

const DEFAULT_MAX_PAGES = 100_000

export interface ODataRunSummary {
  rows: number
  pages: number
  serverCount?: number
  /** the next link not followed (row limit reached) */
  nextLink?: string
  preferenceApplied?: string
  /** stopped at maxRows while the server had more */
  limitReached: boolean
  retries: number
  warnings: string[]
}

export interface ODataRunOptions {
  /** stop after this many rows (default: $top when given, else unlimited) */
  maxRows?: number
  signal?: AbortSignal
  onPage?: (summary: ODataRunSummary) => void
  /** a promise while the rows' destination is behind (run(): the writer's room()); the body waits for it */
  room?: () => Promise<void> | undefined
}

export class ODataClient {
  private readonly auth: RequestAuthorizer

  constructor(private readonly opts: ODataClientOptions) {
    this.auth = opts.auth ?? noAuthorizer
  }

  url(q: ODataQuery): string {
    return buildODataUrl(this.opts.serviceRoot, q)
  }

  /** `page`: a query page the user can cancel, which may stream for minutes — no total deadline, `Prefer` sent. */
  private async get(
    url: string,
    accept: string,
    signal?: AbortSignal,
    page?: { prefer: string | undefined }
  ): Promise<ExchangeResponse> {
    const headers: Record<string, string> = {
      accept,
      'odata-version': '4.0',
      'odata-maxversion': '4.0',
      ...this.opts.headers
    }
    if (page?.prefer) headers.prefer = page.prefer
    const res = await authorizedExchange(
      { method: 'GET', url, headers, ...(signal ? { signal } : {}), ...(page ? { deadlineMs: 0 } : {}) },
      {
        transport: this.opts.transport,
        // credentials go only to the service root's scheme + host + port, whatever URL reaches this point
        auth: sameOrigin(url, this.opts.serviceRoot) ? this.auth : noAuthorizer,
        ...(this.opts.retry ? { retry: this.opts.retry } : {}),
        ...(this.opts.onQuota ? { onQuota: this.opts.onQuota } : {})
      }
    )
    if (res.status >= 400) throw odataError(res.status, res.errorBody, url)
    return res
  }

  /** GET $metadata (as XML) and build the model; `withLookups` also pages the Lookup resource when the service has one. */
  async metadata(options: { signal?: AbortSignal; withLookups?: boolean } = {}): Promise<MetadataModel> {
    const url = `${this.opts.serviceRoot.replace(/\/$/, '')}/$metadata`
    const res = await this.get(url, 'application/xml', options.signal)
    const edmx = await readEdmx(res.body).catch((err: unknown) => {
      throw namingRequest(err, 'GET', url)
    })
    const model = edmxToModel(edmx)
    if (options.withLookups) await this.applyLookupResource(model, options.signal)
    return model
  }

  /**
   * Fills string lookups (LookupName annotations) from the DD 2.x Lookup resource. The resource is optional: absent,
   * refused (404/403) or unreadable, the lookups stay as the EDMX gives them (EnumTypes with their members, string
   * lookups by name only) and the model says so as a degraded part.
   */
  async applyLookupResource(model: MetadataModel, signal?: AbortSignal): Promise<void> {
    const named = model.resources.flatMap((r) => r.lookups).filter((l) => l.attrs.source === 'Lookup resource')
    if (!model.resources.some((r) => r.name === 'Lookup')) {
      if (named.length)
        markDegraded(model, {
          part: 'Lookup resource',
          message: `Lookups: the service has no Lookup resource — values from the EDMX EnumTypes; ${named.length} string lookup(s) (LookupName) have names only`,
          retry: false
        })
      return
    }
    try {
      const { rows, warnings } = await this.lookupRows(signal)
      applyLookupRows(model, rows)
      model.warnings.push(...warnings)
    } catch (err) {
      if (signal?.aborted || (err instanceof Error && err.name === 'AbortError')) throw err
      const shape = toErrorShape(err)
      const url = redactor.url(`${this.opts.serviceRoot.replace(/\/$/, '')}/Lookup?$count=true`)
      markDegraded(model, {
        part: 'Lookup resource',
        message: `Lookups: server refused the Lookup resource (${shape.message}) — values from the EDMX EnumTypes and LookupName annotations`,
        detail: `Loading the Lookup resource failed: GET ${url}\n${shape.code}: ${shape.message}${shape.detail ? '\n' + shape.detail : ''}`,
        retry: true
      })
    }
  }

  /** Pages through the DD 2.x Lookup resource; a count mismatch is a warning, not an error. */
  async lookupRows(signal?: AbortSignal): Promise<{ rows: LookupRow[]; serverCount?: number; warnings: string[] }> {
    const rows: LookupRow[] = []
    const summary = await this.each(
      { resource: 'Lookup', count: true },
      (r) => void rows.push(r),
      signal ? { signal } : {}
    )
    const warnings: string[] = [...summary.warnings]
    if (summary.serverCount !== undefined && summary.serverCount !== rows.length) {
      warnings.push(`Lookup resource: @odata.count says ${summary.serverCount} rows, ${rows.length} were received.`)
    }
    return { rows, ...(summary.serverCount !== undefined ? { serverCount: summary.serverCount } : {}), warnings }
  }

  /** One entity by key: Property('key'), optionally with $expand. */
  async entity(
    resource: string,
    key: string | number,
    expand?: string[],
    signal?: AbortSignal
  ): Promise<Record<string, unknown>> {
    const res = await this.get(this.url({ resource, key, ...(expand ? { expand } : {}) }), 'application/json', signal)
    const chunks: Buffer[] = []
    for await (const c of res.body) chunks.push(c)
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
  }

  /**
   * Runs a query over every page, handing each record to `onRow` as it is parsed — or first to `onRaw` as bytes,
   * which returns false for a record it does not take (that one is parsed for `onRow`).
   */
  async each(
    q: ODataQuery,
    onRow: (row: Record<string, unknown>) => void,
    options: ODataRunOptions = {},
    onRaw?: RawRecordHandler
  ): Promise<ODataRunSummary> {
    const summary: ODataRunSummary = { rows: 0, pages: 0, retries: 0, limitReached: false, warnings: [] }
    const maxRows = options.maxRows ?? q.top ?? Infinity
    const prefer = this.opts.maxPageSize ? `odata.maxpagesize=${this.opts.maxPageSize}` : undefined
    const seen = new Set<string>()
    let url: string | undefined = this.url(q)
    const maxPages = this.opts.maxPages ?? DEFAULT_MAX_PAGES
    while (url) {
      if (summary.pages >= maxPages) {
        summary.warnings.push(`Paging stopped after ${maxPages} pages; the server kept sending new next links.`)
        summary.nextLink = url
        break
      }
      if (seen.has(url)) {
        summary.warnings.push(`The server sent the same next link twice (${url}); paging stopped.`)
        break
      }
      seen.add(url)
      let res: ExchangeResponse
      try {
        res = await this.get(url, 'application/json', options.signal, { prefer })
      } catch (err) {
        // $count is optional (many servers refuse it with 400): ask again without it, the count stays unknown
        if (!q.count || summary.pages > 0 || (err as { code?: string }).code?.endsWith('_400') !== true) throw err
        url = this.url({ ...q, count: false })
        summary.warnings.push(
          `The server refused $count=true (${(err as Error).message}); the query ran without it, so the total count is unknown.`
        )
        seen.add(url)
        res = await this.get(url, 'application/json', options.signal, { prefer })
      }
      summary.retries += res.retries
      if (res.headers['preference-applied']) summary.preferenceApplied = res.headers['preference-applied']
      // records arrive in batches (those completed in one body chunk): one await per chunk, not per record
      const stop = await this.readPage(res.body, summary, maxRows, onRow, onRaw, options.room)
      if (stop.members) {
        if (stop.members.count !== undefined) summary.serverCount ??= stop.members.count
        url = stop.members.nextLink ? nextUrl(stop.members.nextLink, this.opts.serviceRoot) : undefined
        if (url && !sameOrigin(url, this.opts.serviceRoot)) {
          summary.warnings.push(foreignLinkWarning(url, this.opts.serviceRoot))
          url = undefined
        }
      }
      const stoppedEarly = !stop.members
      summary.pages++
      options.onPage?.(summary)
      if (stoppedEarly || (summary.rows >= maxRows && url)) {
        summary.limitReached = true
        if (url) summary.nextLink = url
        break
      }
    }
    return summary
  }

  /** One page's records; `members` is undefined when the row limit stopped it early. */
  private async readPage(
    body: AsyncIterable<Buffer>,
    summary: ODataRunSummary,
    maxRows: number,
    onRow: (row: Record<string, unknown>) => void,
    onRaw: RawRecordHandler | undefined,
    room: (() => Promise<void> | undefined) | undefined
  ): Promise<{ members?: ReturnType<typeof pageMembers> }> {
    if (!onRaw) {
      const pages = splitODataPageBatches(body)
      for (;;) {
        const wait = room?.()
        if (wait) await wait
        const step = await pages.next()
        if (step.done) return { members: pageMembers(step.value) }
        for (const record of step.value) {
          if (summary.rows >= maxRows) {
            await pages.return({})
            return {}
          }
          onRow(record)
          summary.rows++
        }
      }
    }
    const pages = splitODataPageRecords(body)
    for (;;) {
      const wait = room?.()
      if (wait) await wait
      const step = await pages.next()
      if (step.done) return { members: pageMembers(step.value) }
      const { bytes, spans } = step.value
      // a raw US byte (invalid JSON anyway) would split a delimited line: such a batch is parsed
      const raw = bytes.indexOf(0x1f) < 0
      for (let k = 0; k < spans.length; k += 2) {
        if (summary.rows >= maxRows) {
          await pages.return({})
          return {}
        }
        const s = spans[k]!
        const e = spans[k + 1]!
        if (!raw || !onRaw(bytes, s, e)) onRow(JSON.parse(bytes.toString('utf8', s, e)) as Record<string, unknown>)
        summary.rows++
      }
    }
  }

  /** Runs a query into a result writer: columns from $select, else the model's fields, else the first row's keys. */
  async run(
    q: ODataQuery,
    writer: ResultWriter,
    options: ODataRunOptions & { model?: MetadataModel } = {}
  ): Promise<ODataRunSummary> {
    // an expanded navigation property is one column named by its path (`Media($select=…)` → Media)
    const expanded = (q.expand ?? []).map(expandPath)
    let columns: string[] | undefined = q.select?.length ? [...q.select, ...expanded] : undefined
    const cls = options.model ? findClass(options.model, q.resource, q.resource) : undefined
    if (!columns && cls?.fields) columns = [...cls.fields.map((f) => f.systemName), ...expanded]
    if (columns) writer.setColumns(columns.map((name) => this.column(name, cls?.fields)))
    const extra = new Set<string>()
    let known = new Set(columns)
    // records whose cells can be copied as bytes go straight into the store's delimited lane (record-line.ts)
    let lines = columns && writer.appendDelimited ? new RecordLineWriter(columns) : undefined
    const onRaw: RawRecordHandler = (bytes, start, end) => {
      const n = lines ? lines.line(bytes, start, end) : -1
      if (n < 0) return false
      writer.appendDelimited!({ bytes: lines!.out, start: 0, end: n, delimiter: 0x1f })
      return true
    }
    const summary = await this.each(
      q,
      (row) => {
        if (!columns) {
          columns = Object.keys(row).filter((k) => !k.startsWith('@odata.'))
          known = new Set(columns)
          writer.setColumns(columns.map((name) => this.column(name, cls?.fields)))
          if (writer.appendDelimited) lines = new RecordLineWriter(columns)
        }
        // per row of a 200k-row page: a Set lookup per key, not a scan of the column list
        for (const k in row) if (!known.has(k) && !k.startsWith('@')) extra.add(k)
        const cells: string[] = new Array<string>(columns.length)
        for (let i = 0; i < columns.length; i++) cells[i] = cellText(row[columns[i]!])
        writer.append(cells)
      },
      {
        ...options,
        room: () => (options.room ? options.room() : writer.room?.()),
        onPage: (s) => {
          writer.setInfo({ pages: s.pages, ...(s.serverCount !== undefined ? { serverCount: s.serverCount } : {}) })
          options.onPage?.(s)
        }
      },
      writer.appendDelimited ? onRaw : undefined
    )
    if (extra.size)
      summary.warnings.push(`Fields not in the column list were dropped: ${[...extra].slice(0, 20).join(', ')}`)
    writer.setInfo({
      pages: summary.pages,
      warnings: summary.warnings,
      maxRowsReached: summary.limitReached,
      ...(summary.serverCount !== undefined ? { serverCount: summary.serverCount } : {})
    })
    return summary
  }

  private column(
    name: string,
    fields: Array<{ systemName: string; lookupName?: string | undefined }> | undefined
  ): ResultColumn {
    const lookupName = fields?.find((f) => f.systemName === name)?.lookupName
    return lookupName ? { name, lookupName } : { name }
  }
}

/**
 * nextLink is opaque: an absolute link is followed byte for byte. A relative one is resolved against the service
 * root (OData JSON Format §4.5.5: relative URLs are relative to the context URL, `<service root>/$metadata`) — not
 * against the page, whose path may be deeper (`Property('1')/Media`).
 */
export function nextUrl(link: string, serviceRoot: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return link
  return new URL(link, serviceRoot.endsWith('/') ? serviceRoot : `${serviceRoot}/`).toString()
}

/** Same scheme, host and port: an https service root never lets its token travel to an http:// link. */
export function sameOrigin(url: string, root: string): boolean {
  try {
    return new URL(url).origin === new URL(root).origin
  } catch {
    return false
  }
}

function foreignLinkWarning(link: string, root: string): string {
  const to = new URL(link)
  const from = new URL(root)
  const what = to.protocol !== from.protocol ? `${to.protocol}//${to.host}` : to.host
  return (
    `The server's next link points to ${what}, not the service (${from.protocol}//${from.host}); ` +
    'paging stopped there so the access token is not sent to another host.'
  )
}
