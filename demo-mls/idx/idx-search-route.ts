// IDX API Search (IDX API documentation): no ad-hoc queries, only three shapes —
//   (LastUpdated=RETSDateTime)  full records updated since then   (Limit / Offset / Count → <Pagination>)
//   (ID=*)                      master list of IDs + LastUpdated  (full set in STANDARD-XML; paged in COMPACT)
//   (ID=a,b,c)                  full records by ID
// COMPACT with Select=ListingKey,ModificationTimestamp is the master list whatever the query says.
import type { ServerResponse } from 'node:http'
import type { DemoContext } from '../demo-context'
import type { DemoRequest } from '../http/router'
import { requireCaller } from '../rets/rets-access'
import { XML_DECL, compactLine, sendReplyCode, xmlEscape } from '../rets/rets-envelope'
import { formatRetsValue } from '../rets/rets-values'
import { XmlStream } from '../rets/xml-writer'
import { countMatching, openPage, parseLimit, parseOffset } from '../rets/search/search-paging'
import { compactStamp, parseQueryDate, rfc1123 } from './idx-dates'
import { idxResources, type IdxRecord, type IdxResource } from './idx-records'

/** The IDX API pages at most 100 records (DDF's documented page cap). */
export const IDX_PAGE_CAP = 100

type IdxQuery = { kind: 'since'; since: string } | { kind: 'master' } | { kind: 'ids'; ids: Set<string> }

function parseIdxQuery(query: string): IdxQuery | string {
  const m = /^\s*\(\s*(LastUpdated|ID)\s*=\s*([^)]*)\)\s*$/i.exec(query)
  if (!m) return 'Query must be (LastUpdated=RETSDateTime), (ID=*) or (ID=id1,id2,…)'
  const value = (m[2] ?? '').trim()
  if ((m[1] ?? '').toLowerCase() === 'lastupdated') {
    const since = parseQueryDate(value)
    return since ? { kind: 'since', since } : `LastUpdated value "${value}" is not a RETS date/time`
  }
  if (value === '*') return { kind: 'master' }
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return ids.length ? { kind: 'ids', ids: new Set(ids) } : 'ID list is empty'
}

function paginationXml(total: number, limit: number, offset: number, returned: number): string {
  return (
    `<Pagination>\r\n<TotalRecords>${total}</TotalRecords>\r\n<Limit>${limit}</Limit>\r\n<Offset>${offset}</Offset>\r\n` +
    `<TotalPages>${limit > 0 ? Math.ceil(total / limit) : 0}</TotalPages>\r\n<RecordsReturned>${returned}</RecordsReturned>\r\n</Pagination>\r\n`
  )
}

export async function handleIdxSearch(req: DemoRequest, res: ServerResponse, ctx: DemoContext): Promise<void> {
  const caller = requireCaller(req, res, ctx)
  if (!caller) return
  const params = await req.form()
  const searchType = params.get('SearchType') ?? ''
  const resource = idxResources(ctx).find((r) => r.searchType.toLowerCase() === searchType.toLowerCase())
  if (!resource) {
    sendReplyCode(
      res,
      ctx,
      20203,
      `Specified SearchType (${searchType || 'none'}) is not valid. Valid: Property, Agent, Office.`
    )
    return
  }
  const format = (params.get('Format') ?? 'STANDARD-XML').toUpperCase()
  if (format !== 'STANDARD-XML' && format !== 'COMPACT') {
    sendReplyCode(res, ctx, 20203, `Unsupported Format ${format}. Use STANDARD-XML or COMPACT.`)
    return
  }
  const select = (params.get('Select') ?? '').replace(/[()\s]/g, '').toLowerCase()
  const masterBySelect = format === 'COMPACT' && select === 'listingkey,modificationtimestamp'
  const parsed = masterBySelect ? { kind: 'master' as const } : parseIdxQuery(params.get('Query') ?? '')
  if (typeof parsed === 'string') {
    sendReplyCode(res, ctx, 20206, `Invalid Query Syntax: ${parsed}.`)
    return
  }
  const limit = parseLimit(params.get('Limit'), IDX_PAGE_CAP)
  const offset = parseOffset(params.get('Offset'))
  if (limit === 'invalid' || offset === 'invalid') {
    sendReplyCode(res, ctx, 20203, 'Limit and Offset must be positive numbers.')
    return
  }
  const test = (r: IdxRecord): boolean =>
    parsed.kind === 'master'
      ? true
      : parsed.kind === 'ids'
        ? parsed.ids.has(resource.id(r))
        : resource.lastUpdated(r) >= parsed.since
  const withCount = params.get('Count') === '1'
  const total = countMatching(resource.rows(), test)
  if (total === 0) {
    sendReplyCode(res, ctx, 20201, 'No Records Found.')
    return
  }
  // Seed 002: the STANDARD-XML master list always returns the full set (no paging).
  const fullSet = parsed.kind === 'master' && format === 'STANDARD-XML'
  const spec = fullSet ? { offset: 1, limit: total, cap: total } : { offset, limit, cap: IDX_PAGE_CAP }
  const page = openPage(resource.rows(), test, spec)
  if (page.first === undefined) {
    sendReplyCode(res, ctx, 20201, `No Records Found at Offset ${offset} (${total} in total).`)
    return
  }
  const first = page.first
  // Streamed, never collected: the STANDARD-XML master list of a large instance is hundreds of thousands of rows.
  const rows = function* (): Generator<IdxRecord> {
    yield first
    yield* page.rest()
  }
  const returned = Math.max(0, Math.min(spec.limit, total - spec.offset + 1))
  const stream = new XmlStream(res, ctx)
  await stream.write(`${XML_DECL}<RETS ReplyCode="0" ReplyText="Operation successful">\r\n`)
  if (format === 'COMPACT') {
    await writeCompact(stream, ctx, resource, rows(), parsed.kind === 'master', withCount ? total : undefined)
    await stream.end('</RETS>\r\n')
    return
  }
  await stream.write(`<RETS-RESPONSE xmlns="MLSIDXAPI.Search.${resource.searchType}">\r\n`)
  if (withCount) await stream.write(paginationXml(total, spec.limit, spec.offset, returned))
  for (const r of rows()) {
    await stream.write(
      parsed.kind === 'master'
        ? `<${resource.searchType} ID="${xmlEscape(resource.id(r))}" LastUpdated="${rfc1123(resource.lastUpdated(r))}"/>\r\n`
        : resource.details(r)
    )
  }
  await stream.end('</RETS-RESPONSE>\r\n</RETS>\r\n')
}

async function writeCompact(
  stream: XmlStream,
  ctx: DemoContext,
  resource: IdxResource,
  rows: Iterable<IdxRecord>,
  master: boolean,
  total: number | undefined
): Promise<void> {
  if (total !== undefined) await stream.write(`<COUNT Records="${total}"/>\r\n`)
  await stream.write('<DELIMITER value="09"/>\r\n')
  if (master) {
    await stream.write(compactLine('COLUMNS', ['ListingKey', 'ModificationTimestamp']))
    for (const r of rows)
      await stream.write(compactLine('DATA', [resource.id(r), compactStamp(resource.lastUpdated(r))]))
    return
  }
  const fields = ctx.data.fields(resource.catalogue)
  await stream.write(
    compactLine(
      'COLUMNS',
      fields.map((f) => f.standardName)
    )
  )
  for (const r of rows) {
    const record = r as unknown as Record<string, unknown>
    await stream.write(
      compactLine(
        'DATA',
        fields.map((f) =>
          f.type === 'DateTime' && typeof record[f.standardName] === 'string'
            ? compactStamp(record[f.standardName] as string)
            : formatRetsValue(ctx.data, f, record[f.standardName], 'standard')
        )
      )
    )
  }
}
