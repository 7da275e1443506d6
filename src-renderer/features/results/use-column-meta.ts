// What the grid knows about a result's columns from the metadata of the query that made it: the field behind a
// column (header tooltip) and the long values of lookup codes (cell tooltip), loading lookups on first hover.
import type { FieldMeta } from '../../../domain/metadata/metadata-model'
import { useResultsStore } from './results-store'
import { useSessionStore } from '../metadata/session-store'

export function useColumnMeta(resultId: () => string) {
  const results = useResultsStore()
  const session = useSessionStore()
  // each load is asked for once per grid: a refused one must not be retried on every render (a request loop)
  const asked = new Set<string>()
  const once = (key: string, load: () => Promise<unknown>): void => {
    if (asked.has(key)) return
    asked.add(key)
    void load()
  }

  /** the column's field, when its class's fields are loaded (RETS class; OData/Spark: the resource's one class) */
  function fieldMeta(name: string): FieldMeta | undefined {
    const info = results.info(resultId())
    if (!info?.resource) return undefined
    const cls =
      info.class ??
      session.summaries.get(info.profileId)?.resources.find((r) => r.name === info.resource)?.classes[0]?.name
    if (!cls) return undefined
    const fields = session.fieldsOf(info.profileId, info.resource, cls)
    if (fields === undefined)
      once(`f:${info.profileId}:${info.resource}:${cls}`, () =>
        session.ensureFields(info.profileId, info.resource!, cls)
      )
    return Array.isArray(fields) ? fields.find((f) => f.systemName === name || f.standardName === name) : undefined
  }

  /** a lookup column's decoder (code → long value), loading the lookup the first time; undefined until loaded */
  function longValues(lookupName: string | undefined): ((code: string) => string | undefined) | undefined {
    const info = results.info(resultId())
    if (!lookupName || !info?.resource) return undefined
    const values = session.lookupOf(info.profileId, info.resource, lookupName)
    if (values === undefined)
      once(`l:${info.profileId}:${info.resource}:${lookupName}`, () =>
        session.ensureLookup(info.profileId, info.resource!, lookupName)
      )
    if (!Array.isArray(values)) return undefined
    const byCode = new Map(values.map((v) => [v.value, v.longValue]))
    return (code) => byCode.get(code)
  }

  /** long value of a lookup code (or of each code of a multi-value cell), for the cell's tooltip */
  function lookupTitle(lookupName: string | undefined, value: string): string | undefined {
    const info = results.info(resultId())
    if (!lookupName || !info?.resource || !value) return undefined
    const values = session.lookupOf(info.profileId, info.resource, lookupName)
    if (!Array.isArray(values)) return undefined
    const long = (code: string): string => values.find((v) => v.value === code)?.longValue ?? code
    return value.split(',').map(long).join(', ')
  }

  function hoverLookup(lookupName: string | undefined): void {
    const info = results.info(resultId())
    if (lookupName && info?.resource && session.lookupOf(info.profileId, info.resource, lookupName) === undefined)
      void session.ensureLookup(info.profileId, info.resource, lookupName)
  }

  return { fieldMeta, longValues, lookupTitle, hoverLookup }
}
