// /v1/standardfields → the shared metadata model (model note: Spark = one "Property" resource, standard
// fields = fields, field lists = lookups). Results is ONE object keyed by field name, not an array of fields.
// /v1/standardfields/<Field> adds FieldList [{Name, Value, "Applies To": [PropertyType codes]}] → lookup values;
// Name may carry leading blanks ("  Fargo" in the gem's fixture), kept verbatim in attrs.
import type { FieldMeta, LookupMeta, LookupValue } from '../../../domain/metadata/metadata-model'
import { asRecord } from '../json-api/json-shapes'

interface StandardFieldJson {
  ResourceUri?: unknown
  HasList?: unknown
  Searchable?: unknown
  Type?: unknown
  Label?: unknown
  MaxListSize?: unknown
  FieldList?: unknown
  [key: string]: unknown
}

/** Keeps every scalar attribute verbatim (booleans and numbers as text), so the details panel can show them. */
export function scalarAttrs(obj: Record<string, unknown>, skip: readonly string[] = []): Record<string, string> {
  const attrs: Record<string, string> = {}
  for (const [k, v] of Object.entries(obj)) {
    if (skip.includes(k)) continue
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') attrs[k] = String(v)
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) attrs[k] = v.join(',')
  }
  return attrs
}

/** Merges the objects of D.Results (one object keyed by field name; some servers split it across several). */
function fieldEntries(results: unknown[]): Array<[string, StandardFieldJson]> {
  const out: Array<[string, StandardFieldJson]> = []
  for (const item of results) {
    const obj = asRecord(item)
    if (!obj) continue
    for (const [name, def] of Object.entries(obj)) {
      const rec = asRecord(def)
      if (rec) out.push([name, rec as StandardFieldJson])
    }
  }
  return out
}

export function standardFieldToMeta(name: string, def: StandardFieldJson): FieldMeta {
  const hasList = def.HasList === true
  const field: FieldMeta = {
    systemName: name,
    standardName: name,
    dataType: typeof def.Type === 'string' ? def.Type : 'Character',
    searchable: def.Searchable === true,
    attrs: scalarAttrs(def as Record<string, unknown>)
  }
  if (typeof def.Label === 'string') field.longName = def.Label
  if (hasList) {
    field.lookupName = name
    field.interpretation = 'Lookup'
  }
  return field
}

/** D.Results of /v1/standardfields → fields, plus one not-yet-loaded lookup per HasList field. */
export function parseStandardFields(results: unknown[]): { fields: FieldMeta[]; lookups: LookupMeta[] } {
  const fields: FieldMeta[] = []
  const lookups: LookupMeta[] = []
  for (const [name, def] of fieldEntries(results)) {
    const field = standardFieldToMeta(name, def)
    fields.push(field)
    if (field.lookupName) {
      const lookup: LookupMeta = { name, attrs: {} }
      const values = fieldListValues(def.FieldList)
      if (values) lookup.values = values
      lookups.push(lookup)
    }
  }
  return { fields, lookups }
}

function fieldListValues(list: unknown): LookupValue[] | undefined {
  if (!Array.isArray(list)) return undefined
  const values: LookupValue[] = []
  for (const item of list) {
    const entry = asRecord(item)
    if (!entry) continue
    const value = entry.Value
    if (typeof value !== 'string' && typeof value !== 'number') continue
    const lv: LookupValue = { value: String(value), attrs: scalarAttrs(entry) }
    if (typeof entry.Name === 'string') lv.longValue = entry.Name.trim()
    values.push(lv)
  }
  return values
}

/** D.Results of /v1/standardfields/<Field> → that field's lookup with its values. */
export function parseFieldList(field: string, results: unknown[]): LookupMeta {
  for (const [name, def] of fieldEntries(results)) {
    if (name !== field) continue
    return { name, values: fieldListValues(def.FieldList) ?? [], attrs: scalarAttrs(def as Record<string, unknown>) }
  }
  return { name: field, values: [], attrs: {} }
}

/** `Applies To` on a FieldList entry limits the value to some PropertyType codes; absent = all types. */
export function valueAppliesTo(value: LookupValue, propertyType: string): boolean {
  const appliesTo = value.attrs['Applies To']
  return appliesTo === undefined || appliesTo.split(',').includes(propertyType)
}
