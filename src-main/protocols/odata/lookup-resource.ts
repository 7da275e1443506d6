// RESO DD 2.x `Lookup` resource: string-typed lookup fields carry a LookupName annotation and their values are rows
// {LookupKey, LookupName, LookupValue, StandardLookupValue, LegacyODataValue} of the Lookup entity set, paged like
// any other. The rows fill the lookups the EDMX declared (and add any it did not).
import type { LookupValue, MetadataModel } from '../../../domain/metadata/metadata-model'

export interface LookupRow {
  LookupKey?: unknown
  LookupName?: unknown
  LookupValue?: unknown
  StandardLookupValue?: unknown
  LegacyODataValue?: unknown
  [key: string]: unknown
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : value === null || value === undefined ? undefined : String(value)
}

/** Adds the values to every resource whose fields name the lookup; returns how many values were placed. */
export function applyLookupRows(model: MetadataModel, rows: LookupRow[]): number {
  const byName = new Map<string, LookupValue[]>()
  for (const row of rows) {
    const name = text(row.LookupName)
    const value = text(row.LookupValue)
    if (!name || value === undefined) continue
    const lv: LookupValue = { value, attrs: {} }
    const standard = text(row.StandardLookupValue)
    if (standard) lv.standardValue = standard
    for (const [k, v] of Object.entries(row)) {
      const t = text(v)
      if (t !== undefined) lv.attrs[k] = t
    }
    const list = byName.get(name) ?? []
    list.push(lv)
    byName.set(name, list)
  }
  let placed = 0
  for (const resource of model.resources) {
    for (const lookup of resource.lookups) {
      const values = byName.get(lookup.name)
      if (values && lookup.values === undefined) {
        lookup.values = values
        placed += values.length
      }
    }
  }
  return placed
}
