// The Demo MLS RESO Web API (OData v4) under /Reso/OData/ (RESO Web API documentation): service document, $metadata,
// entity sets with query options, Property('key') with $expand=Media, OData error bodies, bearer/OAuth tokens from the
// Demo MLS OAuth server, and a throttling switch (429 + Retry-After).
import type { ServerResponse } from 'node:http'
import type { DemoContext } from '../demo-context'
import type { DemoRequest, Mount } from '../http/router'
import { tokenRegistryFor } from '../oauth/token-registry'
import { demoEdmx } from './edmx-writer'
import { absoluteMediaUrl, entitySets, fieldMetas, propertyEntity, type EntitySetDef } from './reso-entities'
import { nextLinkFor, ODataRequestError, planPage, selectFields } from './reso-query'
import { apiSettingsFor, takeThrottle } from '../web-api/api-settings'

export const RESO_ROOT = '/Reso/OData'

function sendODataJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8')
  res.writeHead(status, {
    'Content-Type': 'application/json; odata.metadata=minimal; charset=utf-8',
    'OData-Version': '4.0',
    'Content-Length': body.length,
    ...headers
  })
  res.end(body)
}

function sendODataError(res: ServerResponse, err: ODataRequestError, headers: Record<string, string> = {}): void {
  sendODataJson(
    res,
    err.status,
    { error: { code: err.code, message: err.message, ...(err.target ? { target: err.target } : {}), details: [] } },
    headers
  )
}

/** Throttling and auth, common to every RESO request; false when the reply was already sent. */
function admit(req: DemoRequest, res: ServerResponse, ctx: DemoContext): boolean {
  const settings = apiSettingsFor(ctx)
  if (takeThrottle(ctx)) {
    sendODataError(res, new ODataRequestError(429, 'TooManyRequests', 'Rate limit exceeded; retry later.'), {
      'Retry-After': String(settings.retryAfterSeconds),
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '0'
    })
    return false
  }
  const check = tokenRegistryFor(ctx).check(req.headers.authorization)
  if (!check.ok) {
    const message =
      check.reason === 'expired'
        ? 'The access token has expired.'
        : check.reason === 'missing'
          ? 'An access token is required.'
          : 'The access token is not valid.'
    sendODataError(res, new ODataRequestError(401, 'Unauthorized', message), {
      'WWW-Authenticate': `Bearer realm="Demo MLS"${check.reason === 'missing' ? '' : ', error="invalid_token"'}`
    })
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

function withMedia(ctx: DemoContext, key: string, row: Record<string, unknown>): Record<string, unknown> {
  const listing = ctx.data.get(key)
  return { ...row, Media: (listing?.Media ?? []).map((m) => ({ ...m, MediaURL: absoluteMediaUrl(ctx, m.MediaURL) })) }
}

function serveCollection(req: DemoRequest, res: ServerResponse, ctx: DemoContext, set: EntitySetDef): void {
  const settings = apiSettingsFor(ctx)
  const prefer = preferredPageSize(req)
  const plan = planPage(set.rows(), {
    params: req.url.searchParams,
    fields: fieldMetas(set, settings),
    key: set.key,
    expandable: set.name === 'Property' ? ['Media'] : [],
    serverMaxPageSize: settings.maxPageSize,
    ...(prefer !== undefined ? { preferMaxPageSize: prefer } : {})
  })
  const base = ctx.baseUrl()
  const body: Record<string, unknown> = { '@odata.context': `${base}${RESO_ROOT}/$metadata#${set.name}` }
  if (plan.count !== undefined) body['@odata.count'] = settings.countAsString ? String(plan.count) : plan.count
  body.value = plan.rows.map((row) => {
    const full = plan.expand.includes('Media') ? withMedia(ctx, String(row[set.key]), row) : row
    return selectFields(full, plan.select, plan.expand)
  })
  if (plan.nextSkipToken !== undefined)
    body['@odata.nextLink'] = nextLinkFor(base, req.url.pathname, req.url.searchParams, plan.nextSkipToken)
  const headers: Record<string, string> = {}
  if (prefer !== undefined) headers['Preference-Applied'] = `odata.maxpagesize=${plan.pageSize}`
  sendODataJson(res, 200, body, headers)
}

function serveEntity(req: DemoRequest, res: ServerResponse, ctx: DemoContext, set: EntitySetDef, key: string): void {
  let row: Record<string, unknown> | undefined
  if (set.name === 'Property') {
    const l = ctx.data.get(key)
    row = l ? propertyEntity(l) : undefined
  } else {
    for (const r of set.rows()) {
      if (String(r[set.key]) === key) {
        row = r
        break
      }
    }
  }
  if (!row) throw new ODataRequestError(404, 'NotFound', `No ${set.name} with key '${key}'.`)
  const plan = planPage([row], {
    params: req.url.searchParams,
    fields: fieldMetas(set, apiSettingsFor(ctx)),
    key: set.key,
    expandable: set.name === 'Property' ? ['Media'] : [],
    serverMaxPageSize: 1
  })
  const full = plan.expand.includes('Media') ? withMedia(ctx, key, row) : row
  sendODataJson(res, 200, {
    '@odata.context': `${ctx.baseUrl()}${RESO_ROOT}/$metadata#${set.name}/$entity`,
    ...selectFields(full, plan.select, plan.expand)
  })
}

// Property  |  Property('key')  |  Property(key); matched after percent-decoding (clients may send %27 for ')
const ENTITY_ROUTE = /^\/Reso\/OData\/[A-Za-z]+(?:\(.*\)|%28.*%29)?\/?$/
const ENTITY_PATH = /^\/Reso\/OData\/(?<set>[A-Za-z]+)(?:\((?:'(?<skey>(?:[^']|'')*)'|(?<nkey>[^)']+))\))?\/?$/

export const mountReso: Mount = (router, ctx) => {
  router.add('GET', RESO_ROOT, (req, res) => {
    if (!admit(req, res, ctx)) return
    sendODataJson(res, 200, {
      '@odata.context': `${ctx.baseUrl()}${RESO_ROOT}/$metadata`,
      value: entitySets(ctx).map((s) => ({ name: s.name, kind: 'EntitySet', url: s.name }))
    })
  })

  router.add('GET', `${RESO_ROOT}/$metadata`, (req, res) => {
    if (!admit(req, res, ctx)) return
    const xml = Buffer.from(demoEdmx(ctx), 'utf8')
    res.writeHead(200, {
      'Content-Type': 'application/xml; charset=utf-8',
      'OData-Version': '4.0',
      'Content-Length': xml.length
    })
    res.end(xml)
  })

  router.add('GET', ENTITY_ROUTE, (req, res) => {
    if (!admit(req, res, ctx)) return
    const m = ENTITY_PATH.exec(decodeURIComponent(req.url.pathname))
    const set = entitySets(ctx).find((s) => s.name === m?.groups?.set)
    try {
      if (!set)
        throw new ODataRequestError(
          404,
          'NotFound',
          `No entity set '${m?.groups?.set ?? ''}'. See ${RESO_ROOT}/ for the list.`
        )
      const key = m?.groups?.skey?.replace(/''/g, "'") ?? m?.groups?.nkey
      if (key !== undefined) serveEntity(req, res, ctx, set, key)
      else serveCollection(req, res, ctx, set)
    } catch (err) {
      if (err instanceof ODataRequestError) sendODataError(res, err)
      else throw err
    }
  })
}
