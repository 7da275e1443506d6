// Applies OData system query options to an entity set's rows for the Demo MLS: $filter (helper D's evaluator),
// $orderby, $skip, $top, $select, $count, $expand=Media, with a server page cap and `Prefer: odata.maxpagesize`.
// Paging state travels in $skiptoken on a next link that repeats the original options (clients must treat it as
// opaque; the Demo MLS keeps it readable for the raw view).
import {
  parseODataFilter,
  parseODataOrderBy,
  parseODataSelect,
  evaluateODataFilter
} from '../../domain/query-languages/odata'
import { fieldResolver, recordFromObject, type FieldResolver } from '../../domain/query-languages'
import type { FieldMeta } from '../../domain/metadata/metadata-model'
import { QuerySyntaxError } from '../../domain/query-languages'
import { compareJsonValues } from '../web-api/sort-values'

export class ODataRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string
  ) {
    super(message)
  }
}

export interface ResoPageRequest {
  params: URLSearchParams
  fields: FieldMeta[]
  key: string
  /** what the client may $expand (Property: Media) */
  expandable: string[]
  preferMaxPageSize?: number
  serverMaxPageSize: number
}

export interface ResoPagePlan {
  rows: Array<Record<string, unknown>>
  count?: number
  /** $skiptoken of the next page, when there is one */
  nextSkipToken?: number
  pageSize: number
  expand: string[]
  select?: string[]
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name)
  if (raw === null) return undefined
  if (!/^\d+$/.test(raw))
    throw new ODataRequestError(400, 'BadRequest', `${name} must be a non-negative integer, not '${raw}'.`, name)
  return Number(raw)
}

function syntax<T>(fn: () => T, option: string): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof QuerySyntaxError || err instanceof Error)
      throw new ODataRequestError(400, 'BadRequest', `${option}: ${err.message}`, option)
    throw err
  }
}

export function checkFields(names: string[], resolve: FieldResolver, option: string, extra: string[] = []): void {
  for (const n of names) {
    if (!resolve(n) && !extra.includes(n))
      throw new ODataRequestError(
        400,
        'BadRequest',
        `${option}: the property '${n}' does not exist on this entity type.`,
        option
      )
  }
}

export function planPage(rows: Iterable<Record<string, unknown>>, req: ResoPageRequest): ResoPagePlan {
  const p = req.params
  const resolve = fieldResolver(req.fields)
  const filterText = p.get('$filter')
  const filter = filterText ? syntax(() => parseODataFilter(filterText), '$filter') : undefined
  const orderby = p.get('$orderby') ? syntax(() => parseODataOrderBy(p.get('$orderby')!), '$orderby') : []
  checkFields(
    orderby.map((o) => o.field),
    resolve,
    '$orderby'
  )
  const selectItems = p.get('$select') ? syntax(() => parseODataSelect(p.get('$select')!), '$select') : undefined
  const select = selectItems && !selectItems.some((s) => s.field === '*') ? selectItems.map((s) => s.field) : undefined
  if (select) checkFields(select, resolve, '$select', req.expandable)
  const expand = (p.get('$expand') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const e of expand)
    if (!req.expandable.includes(e))
      throw new ODataRequestError(400, 'BadRequest', `$expand: '${e}' is not a navigation property here.`, '$expand')
  const skip = intParam(p, '$skip') ?? 0
  const top = intParam(p, '$top')
  const token = intParam(p, '$skiptoken') ?? 0
  const pageSize = Math.max(1, Math.min(req.serverMaxPageSize, req.preferMaxPageSize ?? Infinity))
  const wantCount = p.get('$count') === 'true'

  const start = skip + token
  const end = Math.min(top !== undefined ? skip + top : Infinity, start + pageSize)
  // the full match list is only needed to sort or count; otherwise stop at the page's end
  const matches: Array<Record<string, unknown>> = []
  let total = 0
  let more = false
  for (const row of rows) {
    if (filter && !evaluateODataFilter(filter, recordFromObject(row), resolve)) continue
    total++
    if (orderby.length || wantCount) matches.push(row)
    else if (total > start && total <= end) matches.push(row)
    else if (total > end) {
      more = true
      break
    }
  }
  let page: Array<Record<string, unknown>>
  if (orderby.length || wantCount) {
    if (orderby.length) {
      matches.sort((a, b) => {
        for (const o of orderby) {
          const c = compareJsonValues(a[o.field], b[o.field])
          if (c !== 0) return o.direction === 'desc' ? -c : c
        }
        return compareJsonValues(a[req.key], b[req.key])
      })
    }
    page = matches.slice(start, end)
    more = total > end
  } else page = matches
  const plan: ResoPagePlan = { rows: page, pageSize, expand, ...(select ? { select } : {}) }
  // $count is the number of matches, whatever $top and $skip say (URL Conventions §5.1.6)
  if (wantCount) plan.count = total
  if (more && (top === undefined || end < skip + top)) plan.nextSkipToken = end - skip
  return plan
}

/** The next link repeats every option but $skiptoken, which says where to go on. */
export function nextLinkFor(baseUrl: string, path: string, params: URLSearchParams, skipToken: number): string {
  const next = new URLSearchParams(params)
  next.set('$skiptoken', String(skipToken))
  return `${baseUrl}${path}?${next.toString().replace(/%24/g, '$')}`
}

export function selectFields(
  row: Record<string, unknown>,
  select: string[] | undefined,
  expand: string[]
): Record<string, unknown> {
  if (!select) return row
  const out: Record<string, unknown> = {}
  for (const f of select) if (f in row) out[f] = row[f]
  for (const e of expand) if (e in row) out[e] = row[e]
  return out
}
