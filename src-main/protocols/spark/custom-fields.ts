// Custom fields: unstandardised, MLS-defined, grouped (Main → "Contract Information" → "Book Section").
// SparkQL names them as a quoted group/field pair: "Contract Information"."Book Section", so that is the field's
// systemName here; the full path (tab "Main" included) is kept in attrs.path.
// Two shapes: /v1/customfields metadata ({Label, Fields:[{name: def}]} groups down to {Type, HasList…} fields) and
// the listing's CustomFields expansion ([{Main:[{Group:[{Field: value}]}]}], arrays of single-key objects).
import type { FieldMeta } from '../../../domain/metadata/metadata-model'
import { scalarAttrs } from './standard-fields'
import { asRecord } from '../json-api/json-shapes'

export function customFieldName(group: string, field: string): string {
  return `"${group}"."${field}"`
}

/** D.Results of /v1/customfields → fields (HasList fields point at a lookup of the same name). */
export function parseCustomFields(results: unknown[]): FieldMeta[] {
  const fields: FieldMeta[] = []
  const walk = (name: string, def: Record<string, unknown>, path: string[]): void => {
    if (Array.isArray(def.Fields)) {
      for (const child of def.Fields) {
        const rec = asRecord(child)
        if (!rec) continue
        for (const [childName, childDef] of Object.entries(rec)) {
          const cd = asRecord(childDef)
          if (cd) walk(childName, cd, [...path, name])
        }
      }
      return
    }
    const group = path[path.length - 1] ?? ''
    const field: FieldMeta = {
      systemName: customFieldName(group, name),
      longName: typeof def.Label === 'string' ? def.Label : name,
      dataType: typeof def.Type === 'string' ? def.Type : 'Character',
      searchable: def.Searchable === true,
      attrs: { ...scalarAttrs(def), path: [...path, name].join('/'), custom: 'true' }
    }
    if (def.HasList === true) {
      field.lookupName = field.systemName
      field.interpretation = 'Lookup'
    }
    fields.push(field)
  }
  for (const item of results) {
    const rec = asRecord(item)
    if (!rec) continue
    for (const [name, def] of Object.entries(rec)) {
      const d = asRecord(def)
      if (d) walk(name, d, [])
    }
  }
  return fields
}

/** A listing's CustomFields expansion → flat {"Group"."Field": value}. */
export function flattenListingCustomFields(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  // entries are arrays of single-key objects at every level; leaves are scalars (or null)
  const walk = (node: unknown, group: string | undefined): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, group)
      return
    }
    const rec = asRecord(node)
    if (!rec) return
    for (const [key, child] of Object.entries(rec)) {
      if (Array.isArray(child) || asRecord(child)) walk(child, key)
      else if (group !== undefined) out[customFieldName(group, key)] = child
    }
  }
  walk(value, undefined)
  return out
}
