// The RETS → RESO field map of one RETS class and one RESO entity set: which RESO field each RETS field becomes,
// whether their types agree, and how lookup values translate (RETS Value ↔ RESO enum member or string value).
// RETS fields map through their StandardName (RETS 1.7.2 METADATA-TABLE StandardName = the RESO Data Dictionary
// name); values map through the RETS StandardValue/LongValue against the RESO member name, standard name or text.
// Users correct what the names cannot tell with overrides (a plain JSON file, see map-overrides.ts).
import type { FieldMeta, LookupValue, ResourceMeta } from '../metadata/metadata-model'
import { fieldKindOf, isMultiValued } from '../query-languages/values/field-kind'
import type { MapOverrides } from './map-overrides'
import type { z } from 'zod'
import type {
  fieldMapSchema,
  mappedFieldSchema,
  typeCompatibilitySchema,
  valuePairSchema
} from '../../contract/intel-model-schema'

export type TypeCompatibility = z.output<typeof typeCompatibilitySchema>
export type ValuePair = z.output<typeof valuePairSchema>
export type MappedField = z.output<typeof mappedFieldSchema>
export type FieldMap = z.output<typeof fieldMapSchema>

/** Folds a name or value for matching: case, spaces, underscores and punctuation do not count. */
export function foldName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '')
}

function compatibility(retsType: string, resoType: string, resoIsEnum: boolean): TypeCompatibility {
  const a = fieldKindOf(retsType)
  const b = resoIsEnum ? 'string' : fieldKindOf(resoType)
  if (a !== b) return 'different'
  const rets = retsType.toLowerCase()
  const reso = resoType.toLowerCase().replace(/^edm\./, '')
  const same =
    (rets === 'character' && reso === 'string') ||
    (rets === 'decimal' && reso === 'decimal') ||
    rets === reso ||
    (/^(int|small|tiny|long)$/.test(rets) && /^int(16|32|64)$/.test(reso))
  return same || resoIsEnum ? 'same' : 'compatible'
}

function valueKeys(v: LookupValue): string[] {
  return [v.value, v.standardValue, v.longValue].filter((x): x is string => !!x).map(foldName)
}

/** Pairs RETS lookup values with RESO ones: standard value first, then long value, then the code itself. */
export function mapLookupValues(
  rets: readonly LookupValue[],
  reso: readonly LookupValue[],
  overrides: Record<string, string> = {}
): ValuePair[] {
  const index = new Map<string, string>()
  for (const v of reso) for (const k of valueKeys(v)) if (!index.has(k)) index.set(k, v.value)
  return rets.map((v) => {
    const pair: ValuePair = { rets: v.value }
    if (v.longValue) pair.retsLong = v.longValue
    const forced = overrides[v.value]
    const candidates = [v.standardValue, v.longValue, v.value].filter((x): x is string => !!x).map(foldName)
    const found = forced ?? candidates.map((k) => index.get(k)).find((x) => x !== undefined)
    if (found !== undefined) pair.reso = found
    return pair
  })
}

function lookupValuesOf(resource: ResourceMeta, field: FieldMeta): LookupValue[] | undefined {
  if (!field.lookupName) return undefined
  return resource.lookups.find((l) => l.name === field.lookupName)?.values
}

export interface MapInput {
  rets: ResourceMeta
  retsClass: string
  reso: ResourceMeta
  overrides?: MapOverrides
}

/** Builds the map of one RETS class onto one RESO entity (its first class holds the properties). */
export function buildFieldMap({ rets, retsClass, reso, overrides }: MapInput): FieldMap {
  const cls = rets.classes.find((c) => c.name === retsClass)
  const retsFields = cls?.fields ?? []
  const resoFields = reso.classes[0]?.fields ?? []
  const exact = new Map(resoFields.map((f) => [f.systemName, f]))
  const folded = new Map<string, FieldMeta>()
  for (const f of resoFields)
    for (const n of [f.systemName, f.standardName]) if (n && !folded.has(foldName(n))) folded.set(foldName(n), f)
  const key = `${rets.name}:${retsClass}`
  const fieldOverrides = overrides?.fields?.[key] ?? {}
  const used = new Set<string>()
  const fields = retsFields.map((rf): MappedField => {
    const kindOfRets = fieldKindOf(rf.dataType)
    const out: MappedField = {
      retsName: rf.systemName,
      retsType: rf.dataType,
      kind: kindOfRets,
      multi: isMultiValued(rf)
    }
    if (rf.standardName) out.standardName = rf.standardName
    if (rf.lookupName) out.retsLookup = rf.lookupName
    const forced = fieldOverrides[rf.systemName]
    if (forced === null) return out
    let target: FieldMeta | undefined
    if (forced !== undefined) {
      target = exact.get(forced)
      if (target) out.matchedBy = 'override'
    } else if (rf.standardName && (target = exact.get(rf.standardName) ?? folded.get(foldName(rf.standardName)))) {
      out.matchedBy = 'standard-name'
    } else if ((target = exact.get(rf.systemName))) {
      out.matchedBy = 'name'
    }
    if (!target) return out
    used.add(target.systemName)
    const resoValues = lookupValuesOf(reso, target)
    // Collection(Edm.String) with a LookupName is a DD 2.x multi-select of strings, not an enum
    const base = target.dataType.replace(/^Collection\((.*)\)$/, '$1')
    const isEnum = !!target.lookupName && !/^edm\./i.test(base)
    out.resoName = target.systemName
    out.resoType = target.dataType
    out.kind = isEnum ? 'string' : fieldKindOf(base)
    out.multi = out.multi || isMultiValued(target)
    out.compatibility = compatibility(rf.dataType, base, isEnum)
    if (isEnum) out.enumType = base
    const retsValues = lookupValuesOf(rets, rf)
    if (retsValues)
      out.values = mapLookupValues(retsValues, resoValues ?? [], overrides?.values?.[`${key}.${rf.systemName}`])
    return out
  })
  const map: FieldMap = {
    retsResource: rets.name,
    retsClass,
    resoEntity: reso.name,
    fields,
    resoOnly: resoFields.map((f) => f.systemName).filter((n) => !used.has(n))
  }
  const condition =
    overrides?.classes?.[key] ?? propertyTypeCondition(fields, [cls?.visibleName, cls?.standardName, retsClass])
  if (condition) map.classCondition = condition
  return map
}

/** RETS classes are often property types (A = Residential): a class named like a PropertyType value selects it. */
function propertyTypeCondition(fields: MappedField[], classNames: Array<string | undefined>): string | undefined {
  const type = fields.find((f) => f.resoName === 'PropertyType' && f.values)
  const names = new Set(classNames.filter((n): n is string => !!n).map(foldName))
  const value = type?.values?.find((v) => v.reso !== undefined && names.has(foldName(v.reso)))?.reso
  if (!type || value === undefined) return undefined
  const literal = `'${value.replace(/'/g, "''")}'`
  return `PropertyType eq ${type.enumType ? type.enumType + literal : literal}`
}

/** Finds a mapped field by the name a DMQL query uses: SystemName or StandardName, exact then any case. */
export function byRetsName(map: FieldMap, name: string): MappedField | undefined {
  return (
    map.fields.find((f) => f.retsName === name || f.standardName === name) ??
    map.fields.find(
      (f) => f.retsName.toLowerCase() === name.toLowerCase() || f.standardName?.toLowerCase() === name.toLowerCase()
    )
  )
}

/** Finds a mapped field by its RESO name (exact, then any case). */
export function byResoName(map: FieldMap, name: string): MappedField | undefined {
  return (
    map.fields.find((f) => f.resoName === name) ??
    map.fields.find((f) => f.resoName?.toLowerCase() === name.toLowerCase())
  )
}

/** A lookup field whose RETS values are not loaded: its codes cannot be mapped, so translating them would guess. */
export function lookupNotLoaded(f: MappedField): boolean {
  return f.retsLookup !== undefined && f.values === undefined
}
