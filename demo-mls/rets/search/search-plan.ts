// Turns Search parameters into a plan, or into the RETS reply code that explains what is wrong:
// 20203 unknown resource/class (with the valid ones, as flexmls does), 20200 unknown query field, 20202 bad
// Select, 20206 query syntax error with the offset the parser stopped at.
import { parseDmql, fieldsIn, evaluateDmql, DmqlSyntaxError, type DmqlNode } from '../../../domain/query-languages/dmql'
import { fieldResolver } from '../../../domain/query-languages/values/field-kind'
import type { DemoContext, DemoUser } from '../../demo-context'
import type { FieldDef } from '../../data/types'
import {
  findRetsClass,
  findRetsResource,
  retsResources,
  type RetsClass,
  type RetsResource,
  type RetsRow,
  type RowHint
} from '../rets-resources'
import { dmqlValueReader, toFieldMeta, type DmqlValue } from '../rets-values'
import { parseLimit, parseOffset } from './search-paging'
import { stampFloorMs } from './stamp-floor'

export type SearchFormat = 'COMPACT' | 'COMPACT-DECODED' | 'STANDARD-XML'

export interface SearchPlan {
  resource: RetsResource
  cls: RetsClass
  fields: FieldDef[]
  format: SearchFormat
  standardNames: boolean
  test: (row: RetsRow) => boolean
  limit: number
  offset: number
  count: 0 | 1 | 2
  /** passed to the class's rows(): see stamp-floor.ts */
  rowHint: RowHint
  /** names the rows this search matches (class, query, data version): see PageSpec.resumeKey */
  resultSet: string
  restrictedIndicator: string | undefined
  /** catalogue fields this caller may not see (value replaced by RestrictedIndicator or left empty) */
  restricted: Set<string>
}

export interface SearchRefusal {
  code: number
  text: string
  body?: string
}

/** Fields withheld from IDX-role users: sold prices are not for public display on many MLSs. */
const IDX_RESTRICTED = new Set(['ClosePrice'])

export function restrictedFor(user: DemoUser): Set<string> {
  return user.role === 'idx' ? IDX_RESTRICTED : new Set()
}

export function planSearch(ctx: DemoContext, user: DemoUser, params: URLSearchParams): SearchPlan | SearchRefusal {
  const resources = retsResources(ctx)
  const searchType = params.get('SearchType') ?? ''
  const resource = findRetsResource(resources, searchType)
  if (!resource) {
    return {
      code: 20203,
      text: `Specified SearchType (${searchType || 'none'}) is not valid.`,
      body: `Valid SearchTypes are:\n${resources.map((r) => `\t${r.id}`).join('\n')}\n`
    }
  }
  const className = params.get('Class') ?? ''
  const cls = findRetsClass(resource, className)
  if (!cls) {
    return {
      code: 20203,
      text: `Specified Class (${className || 'none'}) is not valid for ${resource.id}.`,
      body: `Valid Classes are:\n${resource.classes.map((c) => `\t${c.name}`).join('\n')}\n`
    }
  }
  const standardNames = params.get('StandardNames') === '1'
  const all = cls.fields()
  const nameOf = (f: FieldDef): string => (standardNames ? f.standardName : f.systemName)
  const byName = new Map(all.map((f) => [nameOf(f), f]))

  const format = (params.get('Format') ?? 'STANDARD-XML').toUpperCase() as SearchFormat
  if (!['COMPACT', 'COMPACT-DECODED', 'STANDARD-XML'].includes(format)) {
    return { code: 20203, text: `Unsupported Format ${format}. Use COMPACT, COMPACT-DECODED or STANDARD-XML.` }
  }
  if (format === 'COMPACT-DECODED' && ctx.quirk('rets-compact-decoded-refused'))
    return { code: 20206, text: 'Invalid Format: COMPACT-DECODED is not supported. Use COMPACT.' }
  const queryType = (params.get('QueryType') ?? 'DMQL2').toUpperCase()
  if (queryType !== 'DMQL2' && queryType !== 'DMQL') {
    return { code: 20203, text: `Unsupported QueryType ${queryType}. This server speaks DMQL2.` }
  }

  let fields = all
  const select = params.get('Select')
  if (select) {
    fields = []
    for (const name of select
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const f = byName.get(name)
      if (!f) return { code: 20202, text: `Invalid Select: unknown field ${name} in ${resource.id}:${cls.name}.` }
      fields.push(f)
    }
  }

  const query = params.get('Query') ?? ''
  let ast
  try {
    ast = parseDmql(query)
  } catch (err) {
    if (err instanceof DmqlSyntaxError) {
      return { code: 20206, text: `Invalid Query Syntax at position ${err.offset}: ${err.message}` }
    }
    throw err
  }
  for (const name of fieldsIn(ast)) {
    const f = byName.get(name)
    if (!f) return { code: 20200, text: `Unknown Query Field: ${name} is not a field of ${resource.id}:${cls.name}.` }
    if (!f.searchable) return { code: 20200, text: `Unknown Query Field: ${name} is not searchable.` }
  }
  const resolver = fieldResolver(all.map((f) => toFieldMeta(f, standardNames)))
  // compiled once: a reader per queried field, and one value getter reading the row under test
  const readers = new Map(
    fieldsIn(ast).map((name) => {
      const def = byName.get(name) as FieldDef
      return [name, { field: def.standardName, read: dmqlValueReader(ctx.data, def) }] as const
    })
  )
  let current: RetsRow = {}
  // .TODAY. / .NOW. are the search's start, the same for every row
  const evalOptions = { now: new Date() }
  const valueOf = (name: string): DmqlValue => {
    const reader = readers.get(name)
    return reader ? reader.read(current[reader.field]) : undefined
  }
  const test = (row: RetsRow): boolean => {
    current = row
    return evaluateDmql(ast, valueOf, resolver, evalOptions)
  }

  const limit = parseLimit(params.get('Limit'), ctx.options.maxRows)
  const offset = parseOffset(params.get('Offset'))
  if (limit === 'invalid')
    return { code: 20203, text: `Invalid Limit ${params.get('Limit') ?? ''}: use a number or NONE.` }
  if (offset === 'invalid')
    return { code: 20203, text: `Invalid Offset ${params.get('Offset') ?? ''}: use a number from 1.` }
  const countRaw = params.get('Count') ?? '0'
  const count = countRaw === '1' ? 1 : countRaw === '2' ? 2 : 0

  return {
    resource,
    cls,
    fields,
    // some servers answer a STANDARD-XML search in COMPACT, saying nothing
    format: format === 'STANDARD-XML' && ctx.quirk('rets-compact-for-standard-xml') ? 'COMPACT' : format,
    standardNames,
    test,
    limit,
    // and some ignore Offset: every page starts from the first row
    offset: ctx.quirk('rets-offset-ignored') ? 1 : offset,
    count,
    rowHint: rowHintFor(ast, all, nameOf),
    // a mutation moves lastModified (stamps strictly increase), a new field the metadata version
    resultSet: [
      resource.id,
      cls.name,
      standardNames ? 'std' : 'sys',
      ctx.data.lastModified(),
      ctx.data.count(),
      ctx.data.metadataVersion(),
      query
    ].join('\u0000'),
    restrictedIndicator: params.get('RestrictedIndicator') ?? undefined,
    restricted: restrictedFor(user)
  }
}

function rowHintFor(ast: DmqlNode, fields: FieldDef[], nameOf: (f: FieldDef) => string): RowHint {
  const stamp = fields.find((f) => f.standardName === 'ModificationTimestamp')
  const floor = stamp ? stampFloorMs(ast, nameOf(stamp)) : undefined
  return floor === undefined ? {} : { modifiedFromMs: floor }
}
