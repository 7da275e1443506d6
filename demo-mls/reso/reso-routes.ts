// The Demo MLS RESO Web API (OData v4) under /Reso/OData/: service document, $metadata, entity sets with query options,
// Property('key'), Set/$count, $expand=Media with nested options, OData error bodies, bearer/OAuth
// tokens from the Demo MLS OAuth server (scope "odata"), and a throttling switch (429 + Retry-After).
// Every route goes through `route()`, which admits the request (throttle, token) and turns an ODataRequestError
// into an OData error body, so a per-route variation is one wrapper away.
import type { ServerResponse } from 'node:http'
import type { DemoContext } from '../demo-context'
import type { DemoHandler, DemoRequest, Mount } from '../http/router'
import { tokenRegistryFor } from '../oauth/token-registry'
import { demoEdmx } from './edmx-writer'
import {
  entitySets,
  fieldMetas,
  lookupPresenter,
  mediaEntities,
  propertyEntity,
  type EntitySetDef
} from './reso-entities'
import { nextLinkFor, ODataRequestError, parseQuery, runQuery, selectFields, type ParsedQuery } from './reso-query'
import { itemsForQuery } from './stamp-index'
import { contextUrl } from './reso-context-url'
import { quirkyErrorBody, refuseCount, shapeNextLink, unwrapSkipToken } from './reso-quirks'
import type { ExpandItem } from './reso-expand'
import { apiSettingsFor, takeThrottle, type DemoApiSettings } from '../web-api/api-settings'

export const RESO_ROOT = '/Reso/OData'
/** the scope a token needs for this API (see oauth/token-registry) */
export const RESO_SCOPE = 'odata'

const ODATA_HEADERS = { 'OData-Version': '4.0' }

function sendODataJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8')
  res.writeHead(status, {
    'Content-Type': 'application/json; odata.metadata=minimal; charset=utf-8',
    ...ODATA_HEADERS,
    'Content-Length': body.length,
    ...headers
  })
  res.end(body)
}

function sendODataError(
  ctx: DemoContext,
  res: ServerResponse,
  err: ODataRequestError,
  headers: Record<string, string> = {}
): void {
  const quirky = quirkyErrorBody(ctx, err)
  if (quirky) {
    const body = Buffer.from(quirky.body, 'utf8')
    res.writeHead(err.status, { 'Content-Type': quirky.type, 'Content-Length': body.length, ...headers })
    res.end(body)
    return
  }
  sendODataJson(
    res,
    err.status,
    { error: { code: err.code, message: err.message, ...(err.target ? { target: err.target } : {}), details: [] } },
    headers
  )
}

const TOKEN_MESSAGES = {
  missing: 'An access token is required.',
  invalid: 'The access token is not valid.',
  expired: 'The access token has expired.',
  insufficient_scope: `The access token was not granted the "${RESO_SCOPE}" scope.`
} as const

/** Throttling and auth, common to every RESO request; false when the reply was already sent. */
function admit(req: DemoRequest, res: ServerResponse, ctx: DemoContext): boolean {
  const settings = apiSettingsFor(ctx)
  if (takeThrottle(ctx)) {
    sendODataError(ctx, res, new ODataRequestError(429, 'TooManyRequests', 'Rate limit exceeded; retry later.'), {
      'Retry-After': String(settings.retryAfterSeconds),
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '0'
    })
    return false
  }
  const check = tokenRegistryFor(ctx).check(req.headers.authorization, RESO_SCOPE)
  if (!check.ok) {
    // RFC 6750 §3.1: invalid_token → 401, insufficient_scope → 403 naming the scope needed
    const scoped = check.reason === 'insufficient_scope'
    const error = check.reason === 'missing' ? '' : `, error="${scoped ? 'insufficient_scope' : 'invalid_token'}"`
    sendODataError(
      ctx,
      res,
      new ODataRequestError(scoped ? 403 : 401, scoped ? 'Forbidden' : 'Unauthorized', TOKEN_MESSAGES[check.reason]),
      { 'WWW-Authenticate': `Bearer realm="Demo MLS"${error}${scoped ? `, scope="${RESO_SCOPE}"` : ''}` }
    )
    return false
  }
  res.setHeader('X-RateLimit-Limit', '100')
  res.setHeader('X-RateLimit-Remaining', '99')
  return true
}

function preferredPageSize(req: DemoRequest): number | undefined {
  const m = /odata\.maxpagesize=(\d+)/i.exec(String(req.headers.prefer ?? ''))
  return m ? Number(m[1]) : undefined
}

/** The navigation properties of a set: the one the Demo MLS has is Property → Media. */
function navigationsOf(set: EntitySetDef): string[] {
  return set.name === 'Property' ? ['Media'] : []
}

interface Expansion {
  item: ExpandItem
  query: ParsedQuery
}

class ResoRequest {
  readonly settings: DemoApiSettings
  readonly sets: EntitySetDef[]
  /** the query options (those an opaque $skiptoken stands for, when it is one) */
  readonly params: URLSearchParams

  constructor(
    readonly req: DemoRequest,
    readonly ctx: DemoContext
  ) {
    this.settings = apiSettingsFor(ctx)
    this.sets = entitySets(ctx, this.settings)
    this.params = unwrapSkipToken(req.url.searchParams)
  }

  set(name: string | undefined): EntitySetDef {
    const set = this.sets.find((s) => s.name === name)
    if (!set)
      throw new ODataRequestError(404, 'NotFound', `No entity set '${name ?? ''}'. See ${RESO_ROOT}/ for the list.`)
    return set
  }

  query(set: EntitySetDef, serverMaxPageSize: number, preferMaxPageSize?: number): ParsedQuery {
    return parseQuery({
      params: this.params,
      fields: fieldMetas(set, this.settings),
      key: set.key,
      expandable: navigationsOf(set),
      serverMaxPageSize,
      ...(preferMaxPageSize !== undefined ? { preferMaxPageSize } : {})
    })
  }

  /** Parses every nested $expand option before a row is read, so a bad one is a 400 whatever the data. */
  expansions(q: ParsedQuery): Expansion[] {
    const media = this.set('Media')
    return q.expand.map((item) => ({
      item,
      query: parseQuery({
        params: item.options,
        fields: fieldMetas(media, this.settings),
        key: media.key,
        expandable: [],
        serverMaxPageSize: Infinity,
        nested: true
      })
    }))
  }

  /** The row with its expanded navigation properties (and `Nav@odata.count` when asked). */
  expand(set: EntitySetDef, row: Record<string, unknown>, expansions: Expansion[]): Record<string, unknown> {
    if (!expansions.length) return row
    const listing = this.ctx.data.get(String(row[set.key]))
    const out = { ...row }
    for (const { item, query } of expansions) {
      const plan = runQuery(listing ? mediaEntities(this.ctx, listing) : [], query, 'MediaKey')
      out[item.path] = plan.rows.map((r) => selectFields(r, plan.select, []))
      if (plan.count !== undefined) out[`${item.path}@odata.count`] = plan.count
    }
    return out
  }

  context(set: EntitySetDef, q: ParsedQuery, expansions: Expansion[], entity = false): string {
    return contextUrl(
      `${this.ctx.baseUrl()}${RESO_ROOT}/$metadata`,
      set.name,
      q.select,
      expansions.map((e) => ({ path: e.item.path, ...(e.query.select ? { select: e.query.select } : {}) })),
      entity
    )
  }
}

function serveCollection(r: ResoRequest, res: ServerResponse, set: EntitySetDef): void {
  const prefer = preferredPageSize(r.req)
  refuseCount(r.ctx, r.params)
  const q = r.query(set, r.settings.maxPageSize, prefer)
  const expansions = r.expansions(q)
  const { items, inOrder } = itemsForQuery(set, q)
  const plan = runQuery(items, inOrder ? { ...q, orderby: [] } : q, set.key, set.entity)
  const body: Record<string, unknown> = { '@odata.context': r.context(set, q, expansions) }
  if (plan.count !== undefined) body['@odata.count'] = r.settings.countAsString ? String(plan.count) : plan.count
  body.value = plan.rows.map((row) => selectFields(r.expand(set, row, expansions), plan.select, plan.expand))
  if (plan.nextSkipToken !== undefined)
    body['@odata.nextLink'] = shapeNextLink(
      r.ctx,
      `${r.ctx.baseUrl()}${RESO_ROOT}`,
      nextLinkFor(r.ctx.baseUrl(), r.req.url.pathname, r.params, plan.nextSkipToken)
    )
  const headers: Record<string, string> = {}
  if (prefer !== undefined) headers['Preference-Applied'] = `odata.maxpagesize=${plan.pageSize}`
  sendODataJson(res, 200, body, headers)
}

function serveEntity(r: ResoRequest, res: ServerResponse, set: EntitySetDef, key: string): void {
  let row: Record<string, unknown> | undefined
  if (set.name === 'Property') {
    const l = r.ctx.data.get(key)
    row = l ? lookupPresenter(r.ctx, set.fields, r.settings)(propertyEntity(l)) : undefined
  } else {
    for (const item of set.items()) {
      const candidate = set.entity(item)
      if (String(candidate[set.key]) === key) {
        row = candidate
        break
      }
    }
  }
  if (!row) throw new ODataRequestError(404, 'NotFound', `No ${set.name} with key '${key}'.`)
  const q = r.query(set, 1)
  const expansions = r.expansions(q)
  sendODataJson(res, 200, {
    '@odata.context': r.context(set, q, expansions, true),
    ...selectFields(r.expand(set, row, expansions), q.select, q.expand)
  })
}

/** GET Set/$count (OData Part 2 §4.8): the number of matches as text/plain; $filter applies, paging does not. */
function serveCount(r: ResoRequest, res: ServerResponse, set: EntitySetDef): void {
  const q = r.query(set, Infinity)
  const counting = { ...q, skip: 0, skipToken: 0, top: 0, wantCount: true, orderby: [] }
  const plan = runQuery(set.items(), counting, set.key, set.entity)
  const body = Buffer.from(String(plan.count ?? 0), 'utf8')
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', ...ODATA_HEADERS, 'Content-Length': body.length })
  res.end(body)
}

// Property  |  Property('key')  |  Property(key); matched after percent-decoding (clients may send %27 for ')
const ENTITY_ROUTE = /^\/Reso\/OData\/[A-Za-z]+(?:\(.*\)|%28.*%29)?\/?$/
const ENTITY_PATH = /^\/Reso\/OData\/(?<set>[A-Za-z]+)(?:\((?:'(?<skey>(?:[^']|'')*)'|(?<nkey>[^)']+))\))?\/?$/
const COUNT_ROUTE = /^\/Reso\/OData\/(?<set>[A-Za-z]+)\/(?:\$|%24)count\/?$/

export const mountReso: Mount = (router, ctx) => {
  const route = (path: string | RegExp, serve: (r: ResoRequest, res: ServerResponse) => void): void => {
    const handler: DemoHandler = (req, res) => {
      if (!admit(req, res, ctx)) return
      try {
        serve(new ResoRequest(req, ctx), res)
      } catch (err) {
        if (err instanceof ODataRequestError) sendODataError(ctx, res, err)
        else throw err
      }
    }
    router.add('GET', path, handler)
  }

  route(RESO_ROOT, (r, res) =>
    sendODataJson(res, 200, {
      '@odata.context': `${ctx.baseUrl()}${RESO_ROOT}/$metadata`,
      value: r.sets.map((s) => ({ name: s.name, kind: 'EntitySet', url: s.name }))
    })
  )

  route(`${RESO_ROOT}/$metadata`, (_r, res) => {
    const xml = Buffer.from(demoEdmx(ctx), 'utf8')
    res.writeHead(200, {
      'Content-Type': 'application/xml; charset=utf-8',
      ...ODATA_HEADERS,
      'Content-Length': xml.length
    })
    res.end(xml)
  })

  route(COUNT_ROUTE, (r, res) => serveCount(r, res, r.set(r.req.params.set)))

  route(ENTITY_ROUTE, (r, res) => {
    const m = ENTITY_PATH.exec(decodeURIComponent(r.req.url.pathname))
    const set = r.set(m?.groups?.set)
    const key = m?.groups?.skey?.replace(/''/g, "'") ?? m?.groups?.nkey
    if (key !== undefined) serveEntity(r, res, set, key)
    else serveCollection(r, res, set)
  })
}
