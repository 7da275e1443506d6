// A saved query and a query tab meet here: the spec becomes the tab's parameter bar and editor text (the inverse of
// buildQuerySpec), and a fingerprint of the spec tells whether the tab still holds what was saved.
import type { QuerySpec } from '../../../contract/query-channels'
import { buildQuerySpec, type QueryParams } from '../query/query-params'

const text = (n: number | undefined): string => (n === undefined ? '' : String(n))

export function paramsFromSpec(spec: QuerySpec): { params: QueryParams; text: string } {
  switch (spec.kind) {
    case 'dmql':
      return {
        params: {
          kind: 'dmql',
          resource: spec.resource,
          class: spec.class,
          format: spec.format,
          select: [...(spec.select ?? [])],
          limit: text(spec.limit),
          offset: text(spec.offset),
          count: spec.count,
          standardNames: spec.standardNames,
          fetchAll: spec.fetchAll
        },
        text: spec.query
      }
    case 'odata':
      return {
        params: {
          kind: 'odata',
          resource: spec.resource,
          select: [...(spec.select ?? [])],
          top: text(spec.top),
          skip: text(spec.skip),
          orderby: spec.orderby ?? '',
          expand: spec.expand ?? '',
          count: spec.count,
          fetchAll: spec.fetchAll
        },
        text: spec.filter ?? ''
      }
    case 'spark':
      return {
        params: {
          kind: 'spark',
          select: [...(spec.select ?? [])],
          expand: spec.expand ?? '',
          orderby: spec.orderby ?? '',
          limit: text(spec.limit),
          page: text(spec.page),
          fetchAll: spec.fetchAll
        },
        text: spec.filter ?? ''
      }
  }
}

/** Key order does not matter: the same query built twice gives the same fingerprint. */
export function specFingerprint(spec: QuerySpec): string {
  const entries = Object.entries(spec).filter(([, v]) => v !== undefined)
  entries.sort(([a], [b]) => a.localeCompare(b))
  return JSON.stringify(entries)
}

/** The fingerprint of what the tab holds now, or undefined when its parameters do not make a query yet. */
export function tabFingerprint(params: QueryParams, editorText: string): string | undefined {
  const built = buildQuerySpec(params, editorText)
  return built.ok ? specFingerprint(built.spec) : undefined
}

/**
 * The spec to save from a tab: what the tab builds, plus the saved query's maxRows, which has no field in the
 * parameter bar and would otherwise be lost on every save.
 */
export function specToSave(built: QuerySpec, previous: QuerySpec | undefined): QuerySpec {
  if (previous?.maxRows === undefined || built.maxRows !== undefined || previous.kind !== built.kind) return built
  return { ...built, maxRows: previous.maxRows }
}
