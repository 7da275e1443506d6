// The Demo MLS Spark API: /v1/listings (+ /<Id>), /v1/standardfields[/<Field>], /v1/propertytypes,
// /v1/customfields — D envelope, _filter (helper D's SparkQL evaluator), _select, _expand, _orderby, _limit ≤ 25
// (≤ 1000 on listings for a replication key, as Spark's replication keys), _pagination=1|count, _page, _skiptoken
// (ListingKey order unless _orderby says otherwise); `Authorization: Bearer|OAuth <token>`; X-SparkApi-User-Agent
// required (1016); codes 1000 / 1020 / 1040 / 1053 / 1550 as the real API sends them.
import type { ServerResponse } from 'node:http'
import { fieldResolver } from '../../domain/query-languages'
import { parseSparkQL } from '../../domain/query-languages/sparkql'
import type { FieldMeta } from '../../domain/metadata/metadata-model'
import type { DemoContext, DemoRole } from '../demo-context'
import type { DemoRequest, Mount } from '../http/router'
import { sendJson } from '../http/json-reply'
import { tokenRegistryFor } from '../oauth/token-registry'
import { apiSettingsFor, takeThrottle } from '../web-api/api-settings'
import { customFieldsMetadata, sparkListing, sparkType, standardFieldsMetadata } from './spark-records'
import { sparkSearch } from './spark-search'

/** the Spark API root (https://sparkapi.com/v1 on the real service) */
export const SPARK_ROOT = '/v1'
const SPARK_MAX_LIMIT = 25
/** Spark's replication keys may ask for up to 1000 listings a request (Spark API documentation, "Replication") */
const SPARK_REPLICATION_MAX_LIMIT = 1000
/** the OAuth scope a token needs for this API (see oauth/token-registry) */
const SPARK_SCOPE = 'spark'
const EXPANSIONS = ['Photos', 'PrimaryPhoto', 'Rooms', 'OpenHouses', 'CustomFields']

class SparkFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

/** spark-no-standardfields: a server (or a key's role) without the standard fields endpoint. */
function noStandardFields(ctx: DemoContext): void {
  if (ctx.quirk('spark-no-standardfields')) throw new SparkFailure(404, 404, 'Resource not found: standardfields')
}

function fail(res: ServerResponse, f: SparkFailure): void {
  const body = Buffer.from(JSON.stringify({ D: { Success: false, Code: f.code, Message: f.message } }), 'utf8')
  res.writeHead(f.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    ...f.headers
  })
  res.end(body)
}

interface Caller {
  role: DemoRole
  /** a replication key: larger pages (see demo-mls/oauth/token-registry DEMO_OAUTH_CLIENTS) */
  replication: boolean
}

/** User agent, throttle and token checks, in the order Spark applies them; returns who is calling. */
function admit(req: DemoRequest, ctx: DemoContext): Caller {
  if (!req.headers['x-sparkapi-user-agent']) {
    throw new SparkFailure(400, 1016, 'The X-SparkApi-User-Agent request header is required.')
  }
  if (takeThrottle(ctx))
    throw new SparkFailure(503, 1550, 'Over rate limit', {
      'Retry-After': String(apiSettingsFor(ctx).retryAfterSeconds)
    })
  const check = tokenRegistryFor(ctx).check(req.headers.authorization, SPARK_SCOPE)
  if (!check.ok) {
    if (check.reason === 'expired') throw new SparkFailure(401, 1020, 'Session token has expired')
    if (check.reason === 'insufficient_scope')
      throw new SparkFailure(
        403,
        1500,
        `The resource is not available to this token (scope "${SPARK_SCOPE}" not granted)`
      )
    throw new SparkFailure(401, 1000, 'Invalid API key and/or request signed improperly')
  }
  const { user, clientId } = check.token
  return { role: user.role, replication: ctx.oauthClients.some((c) => c.clientId === clientId && c.replication) }
}

function sparkFieldMetas(ctx: DemoContext): FieldMeta[] {
  return ctx.data.fields('Property').map((def) => {
    const f: FieldMeta = {
      systemName: def.standardName,
      dataType: sparkType(def),
      searchable: def.searchable,
      attrs: {}
    }
    if (def.lookup) f.lookupName = def.lookup
    if (def.multi) {
      f.collection = true
      f.interpretation = 'LookupMulti'
    }
    return f
  })
}

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function listings(req: DemoRequest, res: ServerResponse, ctx: DemoContext, caller: Caller): void {
  const { role } = caller
  const p = req.url.searchParams
  const limit = p.has('_limit') ? Number(p.get('_limit')) : 10
  const maxLimit = caller.replication ? SPARK_REPLICATION_MAX_LIMIT : SPARK_MAX_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new SparkFailure(400, 1053, `_limit must be an integer between 1 and ${maxLimit}.`)
  }
  const expand = list(p.get('_expand'))
  const unknown = expand.filter((e) => !EXPANSIONS.includes(e))
  if (unknown.length) throw new SparkFailure(400, 1053, `Unknown _expand: ${unknown.join(', ')}`)
  const select = p.has('_select') ? list(p.get('_select')) : undefined
  const fields = sparkFieldMetas(ctx)
  const resolve = fieldResolver(fields)
  for (const s of select ?? []) if (!resolve(s)) throw new SparkFailure(400, 1053, `_select: unknown field ${s}`)
  let filter
  try {
    filter = p.get('_filter') ? parseSparkQL(p.get('_filter')!) : undefined
  } catch (err) {
    throw new SparkFailure(
      400,
      1040,
      `The _filter syntax was invalid: ${err instanceof Error ? err.message : String(err)}`
    )
  }
  // filter and sort on the Spark-shaped values (PropertyType codes), masked values invisible to the filter
  const orderby = p.get('_orderby') || undefined
  const search = sparkSearch(ctx, { role, filterText: p.get('_filter') ?? '', filter, orderby, resolve })
  const matches = search.keys
  const pagination = p.get('_pagination')
  const d: Record<string, unknown> = { Success: true }
  let start = 0
  if (p.has('_skiptoken')) {
    const token = p.get('_skiptoken')!
    const after = token === '' ? 0 : search.startAfter(token)
    if (after === undefined) throw new SparkFailure(400, 1053, '_skiptoken does not name a listing of this search.')
    start = after
  } else {
    const page = p.has('_page') ? Number(p.get('_page')) : 1
    if (!Number.isInteger(page) || page < 1) throw new SparkFailure(400, 1053, '_page must be a positive integer.')
    start = (page - 1) * limit
    if (pagination === '1' || pagination === 'count') {
      d.Pagination = {
        TotalRows: matches.length,
        PageSize: limit,
        TotalPages: Math.ceil(matches.length / limit),
        CurrentPage: page
      }
    }
  }
  d.Results =
    pagination === 'count'
      ? []
      : matches.slice(start, start + limit).map((key) => sparkListing(ctx, ctx.data.get(key)!, role, expand, select))
  sendJson(res, 200, { D: d })
}

export const mountSpark: Mount = (router, ctx) => {
  const handle =
    (fn: (req: DemoRequest, res: ServerResponse, caller: Caller) => void) =>
    (req: DemoRequest, res: ServerResponse): void => {
      try {
        fn(req, res, admit(req, ctx))
      } catch (err) {
        if (err instanceof SparkFailure) fail(res, err)
        else throw err
      }
    }
  const ok = (res: ServerResponse, results: unknown[]): void =>
    sendJson(res, 200, { D: { Success: true, Results: results } })

  router.add(
    'GET',
    `${SPARK_ROOT}/listings`,
    handle((req, res, caller) => listings(req, res, ctx, caller))
  )
  router.add(
    'GET',
    `${SPARK_ROOT}/listings/:id`,
    handle((req, res, { role }) => {
      const l = ctx.data.get(req.params.id ?? '')
      if (!l) throw new SparkFailure(404, 404, `Listing ${req.params.id} not found`)
      const select = req.url.searchParams.has('_select') ? list(req.url.searchParams.get('_select')) : undefined
      ok(res, [sparkListing(ctx, l, role, list(req.url.searchParams.get('_expand')), select)])
    })
  )
  router.add(
    'GET',
    `${SPARK_ROOT}/standardfields`,
    handle((_req, res) => {
      noStandardFields(ctx)
      ok(res, [standardFieldsMetadata(ctx)])
    })
  )
  router.add(
    'GET',
    `${SPARK_ROOT}/standardfields/:field`,
    handle((req, res) => {
      noStandardFields(ctx)
      const meta = standardFieldsMetadata(ctx, req.params.field)
      if (!Object.keys(meta).length) throw new SparkFailure(404, 404, `No standard field ${req.params.field}`)
      ok(res, [meta])
    })
  )
  router.add(
    'GET',
    `${SPARK_ROOT}/propertytypes`,
    handle((_req, res) =>
      ok(
        res,
        (ctx.data.lookup('PropertyType')?.values ?? []).map((v) => ({ MlsName: v.longValue, MlsCode: v.value }))
      )
    )
  )
  router.add(
    'GET',
    `${SPARK_ROOT}/customfields`,
    handle((_req, res) => ok(res, customFieldsMetadata()))
  )
}
