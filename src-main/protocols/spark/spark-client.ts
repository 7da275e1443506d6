// Spark API client (Spark API documentation): /v1/listings with
// _filter/_select/_expand/_orderby/_limit/_pagination/_page/ _skiptoken, single listings, and the metadata services.
// Every request sends X-SparkApi-User-Agent (code 1016 otherwise); a 401 or D.Code 1020 renews the token once; 1550 /
// 429 / 503 back off. Results go to a ResultWriter.
import { AppError, toErrorShape } from '../../../contract/app-error'
import type { DegradedPart, LookupMeta, MetadataModel } from '../../../domain/metadata/metadata-model'
import { markDegraded } from '../../../domain/metadata/metadata-model'
import { redactor } from '../../platform/redaction/redactor'
import type { ResultWriter } from '../../platform/results/result-types'
import type { ApiTransport } from '../json-api/api-transport'
import { readCapped } from '../../platform/http/read-capped'
import { authorizedExchange, noAuthorizer, type RequestAuthorizer } from '../json-api/authorized-exchange'
import { cellText } from '../json-api/cell-text'
import type { RetryPolicy } from '../json-api/retry-policy'
import { sparkEnvelopeError, parseSparkEnvelope, type SparkEnvelope } from './envelope'
import { isSparkRateLimitCode, isSparkReauthCode } from './error-codes'
import { parseSparkListing, type SparkListing } from './listing-record'
import { parsePropertyTypes } from './property-types'
import { buildSparkMetadata } from './spark-metadata'
import { parseFieldList } from './standard-fields'

export interface SparkQuery {
  filter?: string
  select?: string[]
  expand?: string[]
  orderby?: string
  /** page size; Spark allows at most 25 */
  limit?: number
  pagination?: '1' | 'count'
  page?: number
  /** replication paging: start after this listing Id ('' = from the start) */
  skiptoken?: string
}

export const SPARK_MAX_LIMIT = 25
/** A replication key's _limit maximum on /listings (Spark API documentation, "Replication") */
export const SPARK_REPLICATION_LIMIT = 1000
/**
 * A Spark reply is one JSON document, parsed whole, so the page is what is held: 1000 replication listings with
 * expansions fit, a runaway body is refused. The profile's limits.maxRecordMb replaces it when set.
 */
export const SPARK_REPLY_LIMIT = 64 * 1024 * 1024

export interface SparkClientOptions {
  /** e.g. https://sparkapi.com (the /v1 prefix is added) */
  baseUrl: string
  transport: ApiTransport
  auth?: RequestAuthorizer
  /** X-SparkApi-User-Agent */
  userAgent: string
  retry?: RetryPolicy
  onQuota?: (headers: Record<string, string>) => void
  /** a reply larger than this is refused (default SPARK_REPLY_LIMIT) */
  maxReplyBytes?: number
}

export function sparkQueryParams(q: SparkQuery): URLSearchParams {
  const p = new URLSearchParams()
  if (q.filter) p.set('_filter', q.filter)
  if (q.select?.length) p.set('_select', q.select.join(','))
  if (q.expand?.length) p.set('_expand', q.expand.join(','))
  if (q.orderby) p.set('_orderby', q.orderby)
  if (q.limit !== undefined) p.set('_limit', String(q.limit))
  if (q.pagination) p.set('_pagination', q.pagination)
  if (q.page !== undefined) p.set('_page', String(q.page))
  if (q.skiptoken !== undefined) p.set('_skiptoken', q.skiptoken)
  return p
}

function envelopeCode(body: Buffer | undefined): number | undefined {
  if (!body) return undefined
  try {
    return parseSparkEnvelope(JSON.parse(body.toString('utf8'))).code
  } catch {
    return undefined
  }
}

export interface SparkRunSummary {
  rows: number
  pages: number
  totalRows?: number
  masked: number
  limitReached: boolean
  warnings: string[]
}

export class SparkClient {
  private readonly auth: RequestAuthorizer

  constructor(private readonly opts: SparkClientOptions) {
    this.auth = opts.auth ?? noAuthorizer
  }

  url(path: string, params?: URLSearchParams): string {
    const base = this.opts.baseUrl.replace(/\/$/, '')
    const query = params?.toString()
    return `${base}/v1/${path.replace(/^\//, '')}${query ? `?${query}` : ''}`
  }

  /** GET one Spark endpoint and unwrap its envelope (AppError with the D.Code meaning on failure). */
  async get(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<SparkEnvelope> {
    const url = this.url(path, params)
    const res = await authorizedExchange(
      {
        method: 'GET',
        url,
        headers: { accept: 'application/json', 'x-sparkapi-user-agent': this.opts.userAgent },
        ...(signal ? { signal } : {})
      },
      {
        transport: this.opts.transport,
        auth: this.auth,
        rejected: (status, body) => status === 401 || isSparkReauthCode(envelopeCode(body)),
        throttled: (_status, body) => isSparkRateLimitCode(envelopeCode(body)),
        ...(this.opts.retry ? { retry: this.opts.retry } : {}),
        ...(this.opts.onQuota ? { onQuota: this.opts.onQuota } : {})
      }
    )
    const text = (
      res.errorBody ??
      (await readCapped(res.body, this.opts.maxReplyBytes ?? SPARK_REPLY_LIMIT, 'refuse', {
        url,
        what: 'The Spark reply',
        hint: 'Ask for fewer listings per page (_limit) or fewer fields (_select), or raise the profile’s record limit (limits.maxRecordMb).'
      }))
    ).toString('utf8')
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new AppError({
        code: 'SPARK_NOT_JSON',
        message: `HTTP ${res.status}: the reply is not JSON.`,
        detail: text.slice(0, 300),
        hint: 'Check the base URL of the profile.'
      })
    }
    const env = parseSparkEnvelope(json)
    if (!env.success || res.status >= 400) throw sparkEnvelopeError(env, res.status)
    return env
  }

  async listing(id: string, expand?: string[], signal?: AbortSignal): Promise<SparkListing> {
    const env = await this.get(`listings/${encodeURIComponent(id)}`, sparkQueryParams(expand ? { expand } : {}), signal)
    if (!env.results[0]) throw new AppError({ code: 'SPARK_NOT_FOUND', message: `Listing ${id} was not found.` })
    return parseSparkListing(env.results[0])
  }

  /**
   * Every listing matching the query, page by page: _page when paginating (the default), _skiptoken when the query
   * asks for it (the replication style: the next token is the last Id of the page, the end is a short page).
   */
  async eachListing(
    q: SparkQuery,
    onListing: (l: SparkListing) => void,
    options: { maxRows?: number; signal?: AbortSignal } = {}
  ): Promise<SparkRunSummary> {
    const limit = Math.min(q.limit ?? SPARK_MAX_LIMIT, SPARK_MAX_LIMIT)
    const summary: SparkRunSummary = { rows: 0, pages: 0, masked: 0, limitReached: false, warnings: [] }
    if (q.limit !== undefined && q.limit > SPARK_MAX_LIMIT)
      summary.warnings.push(`_limit ${q.limit} lowered to ${SPARK_MAX_LIMIT}, the Spark maximum.`)
    const maxRows = options.maxRows ?? Infinity
    const useSkip = q.skiptoken !== undefined
    let page = q.page ?? 1
    let skiptoken = q.skiptoken
    for (;;) {
      const pageQuery: SparkQuery = { ...q, limit }
      if (useSkip) pageQuery.skiptoken = skiptoken ?? ''
      else {
        pageQuery.page = page
        pageQuery.pagination = '1'
      }
      const env = await this.get('listings', sparkQueryParams(pageQuery), options.signal)
      summary.pages++
      if (env.pagination) summary.totalRows = env.pagination.totalRows
      for (const result of env.results) {
        if (summary.rows >= maxRows) {
          summary.limitReached = true
          return summary
        }
        const listing = parseSparkListing(result)
        summary.masked += listing.masked.length
        onListing(listing)
        summary.rows++
      }
      if (useSkip) {
        const last = env.results.at(-1) as { Id?: unknown } | undefined
        if (env.results.length < limit || typeof last?.Id !== 'string') return summary
        skiptoken = last.Id
      } else {
        const totalPages = env.pagination?.totalPages ?? 0
        if (page >= totalPages || env.results.length === 0) return summary
        page++
      }
      if (summary.rows >= maxRows) {
        summary.limitReached = true
        return summary
      }
    }
  }

  /** Listings into a result writer: columns = _select, else the first listing's standard fields (+ custom fields). */
  async runListings(
    q: SparkQuery,
    writer: ResultWriter,
    options: { maxRows?: number; signal?: AbortSignal } = {}
  ): Promise<SparkRunSummary> {
    let columns: string[] | undefined = q.select?.length ? [...q.select] : undefined
    if (columns) writer.setColumns(columns.map((name) => ({ name })))
    const summary = await this.eachListing(
      q,
      (l) => {
        if (!columns) {
          columns = [...Object.keys(l.standardFields), ...Object.keys(l.customFields)]
          writer.setColumns(columns.map((name) => ({ name })))
        }
        const expansionCells = { Photos: l.photos, Rooms: l.rooms, OpenHouses: l.openHouses, ...l.expansions }
        writer.append(
          columns.map((c) =>
            cellText(
              c in l.standardFields
                ? l.standardFields[c]
                : c in l.customFields
                  ? l.customFields[c]
                  : (expansionCells as Record<string, unknown>)[c]
            )
          )
        )
      },
      options
    )
    if (summary.masked)
      summary.warnings.push(`${summary.masked} values were masked (********) by the server for this role.`)
    writer.setInfo({
      pages: summary.pages,
      warnings: summary.warnings,
      maxRowsReached: summary.limitReached,
      ...(summary.totalRows !== undefined ? { serverCount: summary.totalRows } : {})
    })
    return summary
  }

  /** The number of matches only (_pagination=count: Pagination without Results). */
  async countListings(filter?: string, signal?: AbortSignal): Promise<number> {
    const env = await this.get(
      'listings',
      sparkQueryParams({ ...(filter ? { filter } : {}), pagination: 'count', limit: 1 }),
      signal
    )
    return env.pagination?.totalRows ?? 0
  }

  async fieldList(field: string, signal?: AbortSignal): Promise<LookupMeta> {
    return parseFieldList(
      field,
      (await this.get(`standardfields/${encodeURIComponent(field)}`, undefined, signal)).results
    )
  }

  /** Standard fields, property types and custom fields; field lists are loaded only for `loadLists` fields. */
  /**
   * The metadata model. Only the API itself is needed to query: /standardfields, /propertytypes and /customfields
   * are each optional — one refused (404, 403, an error body) leaves its part out and says so as a degraded part.
   */
  async metadata(options: { loadLists?: string[]; signal?: AbortSignal } = {}): Promise<MetadataModel> {
    const degraded: DegradedPart[] = []
    const optional = async <T>(path: string, label: string, consequence: string, read: () => Promise<T>) => {
      try {
        return await read()
      } catch (err) {
        if (options.signal?.aborted || (err instanceof Error && err.name === 'AbortError')) throw err
        const shape = toErrorShape(err)
        degraded.push({
          part: `/${path}`,
          message: `${label}: server refused /${path} (${shape.message}) — ${consequence}`,
          detail: `GET ${redactor.url(this.url(path))}\n${shape.code}: ${shape.message}`,
          retry: true
        })
        return undefined
      }
    }
    const standard = await optional('standardfields', 'Standard fields', 'no field list; queries still run', () =>
      this.get('standardfields', undefined, options.signal)
    )
    const types = await optional('propertytypes', 'Property types', 'PropertyType has no values', () =>
      this.get('propertytypes', undefined, options.signal)
    )
    const custom = await optional('customfields', 'Custom fields', 'no custom field list', () =>
      this.get('customfields', undefined, options.signal)
    )
    const fieldLists: LookupMeta[] = []
    if (standard) for (const f of options.loadLists ?? []) fieldLists.push(await this.fieldList(f, options.signal))
    const model = buildSparkMetadata({
      standardFields: standard?.results ?? [],
      ...(types ? { propertyTypes: parsePropertyTypes(types.results) } : {}),
      ...(custom ? { customFields: custom.results } : {}),
      fieldLists,
      timestamp: new Date().toISOString()
    })
    for (const d of degraded) markDegraded(model, d)
    return model
  }
}
