// Applies OData system query options to an entity set's rows for the Demo MLS: $filter (the shared evaluator),
// $orderby, $skip, $top, $select, $count, $expand with nested options, with a server page cap and
// `Prefer: odata.maxpagesize`. Paging state travels in $skiptoken on a next link that repeats the original options
// (clients must treat it as opaque; the Demo MLS keeps it readable for the raw view). Memory stays bounded by the
// page's end, whatever the set's size: matches are counted, not kept, and $orderby keeps only the best `end` rows.
import {
  parseODataFilter,
  parseODataOrderBy,
  parseODataSelect,
  evaluateODataFilter,
  type ODataExpr,
  type ODataOrderByItem
} from '../../domain/query-languages/odata'
import { fieldResolver, recordFromObject, type FieldResolver } from '../../domain/query-languages'
import type { FieldMeta } from '../../domain/metadata/metadata-model'
import { compareJsonValues } from '../web-api/sort-values'
import { ODataRequestError } from './odata-request-error'
import { parseExpand, type ExpandItem } from './reso-expand'
import { checkFormat, checkSystemOptions } from './reso-system-options'

export { ODataRequestError }

type Row = Record<string, unknown>

export interface ResoPageRequest {
  params: URLSearchParams
  fields: FieldMeta[]
  key: string
  /** what the client may $expand (Property: Media) */
  expandable: string[]
  preferMaxPageSize?: number
  serverMaxPageSize: number
  /** options written inside $expand=Nav(…): no request-level options, no paging */
  nested?: boolean
}

export interface ParsedQuery {
  filter?: ODataExpr
  orderby: ODataOrderByItem[]
  select?: string[]
  expand: ExpandItem[]
  skip: number
  top?: number
  skipToken: number
  pageSize: number
  wantCount: boolean
  resolve: FieldResolver
}

export interface ResoPagePlan {
  rows: Array<Record<string, unknown>>
  count?: number
  /** $skiptoken of the next page, when there is one */
  nextSkipToken?: number
  pageSize: number
  expand: ExpandItem[]
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
    if (err instanceof ODataRequestError) throw err
    if (err instanceof Error) throw new ODataRequestError(400, 'BadRequest', `${option}: ${err.message}`, option)
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

/** Reads and checks every option; no row is touched. */
export function parseQuery(req: ResoPageRequest): ParsedQuery {
  const p = req.params
  if (!req.nested) {
    checkSystemOptions(p.keys(), 'top')
    checkFormat(p.get('$format'))
  }
  const resolve = fieldResolver(req.fields)
  const filterText = p.get('$filter')
  const filter = filterText ? syntax(() => parseODataFilter(filterText), '$filter') : undefined
  const orderbyText = p.get('$orderby')
  const orderby = orderbyText ? syntax(() => parseODataOrderBy(orderbyText), '$orderby') : []
  checkFields(
    orderby.map((o) => o.field),
    resolve,
    '$orderby'
  )
  const selectText = p.get('$select')
  const selectItems = selectText ? syntax(() => parseODataSelect(selectText), '$select') : undefined
  const select = selectItems && !selectItems.some((s) => s.field === '*') ? selectItems.map((s) => s.field) : undefined
  if (select) checkFields(select, resolve, '$select', req.expandable)
  const expand = syntax(() => parseExpand(p.get('$expand')), '$expand')
  for (const e of expand)
    if (!req.expandable.includes(e.path))
      throw new ODataRequestError(
        400,
        'BadRequest',
        `$expand: '${e.path}' is not a navigation property here.`,
        '$expand'
      )
  const count = p.get('$count')
  if (count !== null && count !== 'true' && count !== 'false')
    throw new ODataRequestError(400, 'BadRequest', `$count must be true or false, not '${count}'.`, '$count')
  const top = intParam(p, '$top')
  return {
    ...(filter ? { filter } : {}),
    orderby,
    ...(select ? { select } : {}),
    expand,
    skip: intParam(p, '$skip') ?? 0,
    ...(top !== undefined ? { top } : {}),
    skipToken: req.nested ? 0 : (intParam(p, '$skiptoken') ?? 0),
    pageSize: Math.max(1, Math.min(req.serverMaxPageSize, req.preferMaxPageSize ?? Infinity)),
    wantCount: count === 'true',
    resolve
  }
}

/** Keeps `kept` sorted and no longer than `max` (the rows past a page's end are never needed). */
function insertBounded<T>(kept: T[], row: T, compare: (a: T, b: T) => number, max: number): void {
  const last = kept[kept.length - 1]
  if (kept.length >= max && last !== undefined && compare(row, last) >= 0) return
  let lo = 0
  let hi = kept.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compare(kept[mid] as T, row) <= 0) lo = mid + 1
    else hi = mid
  }
  kept.splice(lo, 0, row)
  if (kept.length > max) kept.pop()
}

/**
 * The page of `items` the query asks for. `view` makes an item the row a filter reads and a reply shows, and only
 * when one needs it: records a page skips without a filter are never made.
 */
export function runQuery<T>(
  items: Iterable<T>,
  q: ParsedQuery,
  key: string,
  view: (item: T) => Row = (item) => item as Row
): ResoPagePlan {
  const start = q.skip + q.skipToken
  const end = Math.min(q.top !== undefined ? q.skip + q.top : Infinity, start + q.pageSize)
  const compare = (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    for (const o of q.orderby) {
      const c = compareJsonValues(a[o.field], b[o.field])
      if (c !== 0) return o.direction === 'desc' ? -c : c
    }
    return compareJsonValues(a[key], b[key])
  }
  const kept: Array<Record<string, unknown>> = []
  let total = 0
  let more = false
  for (const item of items) {
    let row: Row | undefined
    if (q.filter) {
      row = view(item)
      if (!evaluateODataFilter(q.filter, recordFromObject(row), q.resolve)) continue
    }
    total++
    if (q.orderby.length) insertBounded(kept, row ?? view(item), compare, end)
    else if (total > start && total <= end) kept.push(row ?? view(item))
    else if (total > end && !q.wantCount) {
      more = true
      break
    }
  }
  if (q.orderby.length || q.wantCount) more = total > end
  const page = q.orderby.length ? kept.slice(start, end) : kept
  const plan: ResoPagePlan = {
    rows: page,
    pageSize: q.pageSize,
    expand: q.expand,
    ...(q.select ? { select: q.select } : {})
  }
  // $count is the number of matches, whatever $top and $skip say (URL Conventions §5.1.6)
  if (q.wantCount) plan.count = total
  if (more && (q.top === undefined || end < q.skip + q.top)) plan.nextSkipToken = end - q.skip
  return plan
}

export function planPage(rows: Iterable<Row>, req: ResoPageRequest): ResoPagePlan {
  return runQuery(rows, parseQuery(req), req.key)
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
  expand: ExpandItem[]
): Record<string, unknown> {
  if (!select) return row
  const out: Record<string, unknown> = {}
  for (const f of select) if (f in row) out[f] = row[f]
  for (const e of expand) {
    if (e.path in row) out[e.path] = row[e.path]
    const countKey = `${e.path}@odata.count`
    if (countKey in row) out[countKey] = row[countKey]
  }
  return out
}
