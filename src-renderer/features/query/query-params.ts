// The parameter bar of a query tab, per query language, and how it becomes the QuerySpec that query:run takes.
// Numbers arrive from <input>s as text; empty means "not sent" so the server's defaults apply.
import type { FieldMeta } from '../../../domain/metadata/metadata-model'
import { fieldKindOf } from '../../../domain/query-languages/values/field-kind'
import { queryLanguageOf } from '../../../contract/kinds'
import type { MetadataSummary } from '../../../contract/metadata-channels'
import type { ProfileKind } from '../../../contract/kinds'
import type { QuerySpec, RetsFormat } from '../../../contract/query-channels'

export type QueryKind = QuerySpec['kind']

export interface DmqlParams {
  kind: 'dmql'
  resource: string
  class: string
  format: RetsFormat
  select: string[]
  limit: string
  offset: string
  count: 0 | 1 | 2
  standardNames: boolean
  fetchAll: boolean
}

export interface ODataParams {
  kind: 'odata'
  resource: string
  select: string[]
  top: string
  skip: string
  orderby: string
  expand: string
  count: boolean
  fetchAll: boolean
}

export interface SparkParams {
  kind: 'spark'
  select: string[]
  expand: string
  orderby: string
  limit: string
  page: string
  fetchAll: boolean
}

export type QueryParams = DmqlParams | ODataParams | SparkParams

/** The query language of a profile kind (the kinds table in contract/kinds.ts). */
export function queryKindFor(profile: ProfileKind): QueryKind | undefined {
  return queryLanguageOf(profile)
}

/** Monaco language ids registered by monaco/languages/*. */
export function editorLanguageFor(kind: QueryKind): 'dmql' | 'odata' | 'sparkql' {
  return kind === 'spark' ? 'sparkql' : kind
}

export function defaultParams(kind: QueryKind): QueryParams {
  switch (kind) {
    case 'dmql':
      return {
        kind,
        resource: '',
        class: '',
        format: 'COMPACT-DECODED',
        select: [],
        limit: '100',
        offset: '',
        count: 1,
        standardNames: false,
        fetchAll: false
      }
    case 'odata':
      return {
        kind,
        resource: '',
        select: [],
        top: '100',
        skip: '',
        orderby: '',
        expand: '',
        count: true,
        fetchAll: false
      }
    case 'spark':
      return { kind, select: [], expand: '', orderby: '', limit: '25', page: '', fetchAll: false }
  }
}

/**
 * A first DMQL query that works on this class: RETS requires a Query, and SystemNames differ per server (the Demo
 * MLS calls ListPrice "LIST_22"), so the starter is built from the metadata — the list price (by StandardName),
 * else the first searchable number, else the first searchable date. '' when nothing fits (the placeholder shows).
 */
export function starterDmqlQuery(fields: readonly FieldMeta[]): string {
  const searchable = fields.filter((f) => f.searchable)
  const price = searchable.find((f) => f.standardName === 'ListPrice' || f.systemName === 'ListPrice')
  const number = price ?? searchable.find((f) => fieldKindOf(f.dataType) === 'number')
  if (number) return `(${number.systemName}=0+)`
  const date = searchable.find((f) => fieldKindOf(f.dataType) === 'date' || fieldKindOf(f.dataType) === 'datetime')
  return date ? `(${date.systemName}=1900-01-01+)` : ''
}

/** What an empty editor suggests writing. */
export function queryPlaceholder(kind: QueryKind): string {
  switch (kind) {
    case 'dmql':
      return 'DMQL2 query, e.g. (ListPrice=100000+),(Status=|A)'
    case 'odata':
      return "$filter (optional), e.g. City eq 'Fargo' and ListPrice ge 100000"
    case 'spark':
      return "_filter (optional), e.g. City Eq 'Fargo' And ListPrice Ge 100000"
  }
}

export type SpecResult = { ok: true; spec: QuerySpec } | { ok: false; errors: string[] }

function readInt(text: string, label: string, min: number, errors: string[]): number | undefined {
  const t = text.trim()
  if (!t) return undefined
  if (!/^\d+$/.test(t) || Number(t) < min) {
    errors.push(`${label} must be a whole number ≥ ${min}.`)
    return undefined
  }
  return Number(t)
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: V }
}

function cleanSelect(select: string[]): string[] | undefined {
  const names = [...new Set(select.map((s) => s.trim()).filter(Boolean))]
  return names.length ? names : undefined
}

export function buildQuerySpec(params: QueryParams, text: string): SpecResult {
  const errors: string[] = []
  const query = text.trim()
  switch (params.kind) {
    case 'dmql': {
      if (!params.resource) errors.push('Pick a resource.')
      if (!params.class) errors.push('Pick a class.')
      // RETS Search requires a Query argument (RETS 1.7.2 §7.4); there is no "everything" query.
      if (!query) errors.push('Write a DMQL query, e.g. (ListPrice=0+).')
      // RETS Limit caps the whole search: with "Fetch all" it would stop at the first 100 rows, so the profile's
      // "Stop after rows" is the cap instead
      const limit = params.fetchAll ? undefined : readInt(params.limit, 'Limit', 1, errors)
      const offset = readInt(params.offset, 'Offset', 1, errors)
      if (errors.length) return { ok: false, errors }
      return {
        ok: true,
        spec: {
          kind: 'dmql',
          resource: params.resource,
          class: params.class,
          query,
          format: params.format,
          ...optional('select', cleanSelect(params.select)),
          ...optional('limit', limit),
          ...optional('offset', offset),
          count: params.count,
          standardNames: params.standardNames,
          fetchAll: params.fetchAll
        }
      }
    }
    case 'odata': {
      if (!params.resource) errors.push('Pick a resource (entity set).')
      const top = params.fetchAll ? undefined : readInt(params.top, '$top', 1, errors)
      const skip = readInt(params.skip, '$skip', 0, errors)
      if (errors.length) return { ok: false, errors }
      return {
        ok: true,
        spec: {
          kind: 'odata',
          resource: params.resource,
          ...optional('filter', query),
          ...optional('select', cleanSelect(params.select)),
          ...optional('top', top),
          ...optional('skip', skip),
          ...optional('orderby', params.orderby.trim()),
          ...optional('expand', params.expand.trim()),
          count: params.count,
          fetchAll: params.fetchAll
        }
      }
    }
    case 'spark': {
      const limit = readInt(params.limit, '_limit', 1, errors)
      const page = readInt(params.page, 'Page', 1, errors)
      if (errors.length) return { ok: false, errors }
      return {
        ok: true,
        spec: {
          kind: 'spark',
          ...optional('filter', query),
          ...optional('select', cleanSelect(params.select)),
          ...optional('expand', params.expand.trim()),
          ...optional('orderby', params.orderby.trim()),
          ...optional('limit', limit),
          ...optional('page', page),
          fetchAll: params.fetchAll
        }
      }
    }
  }
}

/**
 * The resource and class whose fields feed completion and the field picker. RESO entity sets are resources with
 * one class; Spark has a single resource ("Property"), so the first one is taken.
 */
export function metadataTarget(
  params: QueryParams,
  summary: MetadataSummary | undefined
): { resource: string; cls: string } | undefined {
  if (!summary) return undefined
  const name = params.kind === 'spark' ? summary.resources[0]?.name : params.resource
  const resource = summary.resources.find((r) => r.name === name)
  if (!resource) return undefined
  const cls = params.kind === 'dmql' ? resource.classes.find((c) => c.name === params.class) : resource.classes[0]
  return cls ? { resource: resource.name, cls: cls.name } : undefined
}
