// Data Dictionary conformance: the local metadata (a RETS server's, a Web API's, Spark's) against a reference (the
// RESO Data Dictionary reference EDMX, or any EDMX / metadata JSON the user loads). Per reference resource: which
// standard fields are present, missing, of another type or longer than the standard, which lookup values are not
// in the standard lookup, which local names are near misses of a standard name (variations, name-similarity.ts),
// which are local — and the coverage in per cent. RETS fields count under their StandardName (RETS 1.7.2
// METADATA-TABLE); Web API fields under their name (or a StandardName annotation).
import type { z } from 'zod'
import type { conformanceReportSchema, resourceConformanceSchema } from '../../../contract/intel-model-schema'
import type { FieldMeta, LookupValue, MetadataModel, ResourceMeta } from '../metadata-model'
import { foldName } from '../../mapping/field-map'
import { fieldKindOf } from '../../query-languages/values/field-kind'
import { DEFAULT_VARIATION_THRESHOLD, VariationIndex } from './name-similarity'

export type ConformanceReport = z.output<typeof conformanceReportSchema>
export type ResourceConformance = z.output<typeof resourceConformanceSchema>

export interface ConformanceOptions {
  /** variation threshold, 0…1 (default DEFAULT_VARIATION_THRESHOLD) */
  threshold?: number
}

/** The name a local field stands for in the Data Dictionary. */
function standardNameOf(f: FieldMeta, source: MetadataModel['source']): string | undefined {
  return source === 'rets' ? f.standardName : (f.standardName ?? f.systemName)
}

/** Integer, decimal and the other kinds: a standard Edm.Decimal held in an Int (or a Double) is a mismatch. */
function typeClass(dataType: string, isEnum: boolean): string {
  if (isEnum) return 'string'
  const t = dataType
    .toLowerCase()
    .replace(/^collection\((.*)\)$/, '$1')
    .replace(/^edm\./, '')
  if (/^(int|int16|int32|int64|integer|small|tiny|long|byte|sbyte)$/.test(t)) return 'integer'
  if (t === 'decimal' || t === 'currency') return 'decimal'
  if (/^(double|single|float)$/.test(t)) return 'float'
  return fieldKindOf(t)
}

const isEnumField = (f: FieldMeta): boolean => !!f.lookupName && !/^(collection\()?edm\./i.test(f.dataType)

/** A resource's fields, every class's (RETS classes share a resource's standard names), first of each name. */
function fieldsOf(r: ResourceMeta): FieldMeta[] {
  const seen = new Map<string, FieldMeta>()
  for (const c of r.classes) for (const f of c.fields ?? []) if (!seen.has(f.systemName)) seen.set(f.systemName, f)
  return [...seen.values()]
}

function valueKeys(v: LookupValue): string[] {
  return [v.value, v.standardValue, v.longValue].filter((x): x is string => !!x).map(foldName)
}

function lookupValues(r: ResourceMeta, f: FieldMeta): LookupValue[] | undefined {
  return f.lookupName ? r.lookups.find((l) => l.name === f.lookupName)?.values : undefined
}

function checkResource(
  ref: ResourceMeta,
  local: ResourceMeta | undefined,
  source: MetadataModel['source'],
  threshold: number
): ResourceConformance {
  const standard = fieldsOf(ref)
  const out: ResourceConformance = {
    resource: ref.name,
    standardFields: standard.length,
    coverage: 0,
    present: [],
    missing: [],
    mismatches: [],
    nonStandardValues: [],
    variations: [],
    localFields: []
  }
  if (local) out.local = local.name
  const localFields = local ? fieldsOf(local) : []
  const byStandard = new Map<string, FieldMeta>()
  for (const f of localFields) {
    const s = standardNameOf(f, source)
    if (s && !byStandard.has(s)) byStandard.set(s, f)
  }
  const matched = new Set<FieldMeta>()
  for (const sf of standard) {
    const lf = byStandard.get(sf.systemName)
    if (!lf) {
      out.missing.push(sf.systemName)
      continue
    }
    matched.add(lf)
    const pair = { standard: sf.systemName, local: lf.systemName }
    out.present.push(pair)
    const expected = typeClass(sf.dataType, isEnumField(sf))
    const actual = typeClass(lf.dataType, isEnumField(lf))
    if (expected !== actual)
      out.mismatches.push({ ...pair, problem: 'type', expected: sf.dataType, actual: lf.dataType })
    if (sf.maxLength !== undefined && lf.maxLength !== undefined && lf.maxLength > sf.maxLength)
      out.mismatches.push({ ...pair, problem: 'length', expected: String(sf.maxLength), actual: String(lf.maxLength) })
    const refValues = lookupValues(ref, sf)
    const ownValues = local && lookupValues(local, lf)
    if (refValues?.length && ownValues) {
      const known = new Set(refValues.flatMap(valueKeys))
      const outside = ownValues.filter((v) => !valueKeys(v).some((k) => known.has(k))).map((v) => v.value)
      if (outside.length) out.nonStandardValues.push({ ...pair, lookup: lf.lookupName ?? '', values: outside })
    }
  }
  const index = new VariationIndex(
    standard.map((f) => f.systemName),
    threshold
  )
  for (const lf of localFields) {
    if (matched.has(lf)) continue
    const name = standardNameOf(lf, source) ?? lf.systemName
    const best = index.best(name)
    if (best)
      out.variations.push({ local: lf.systemName, standard: best.name, score: Math.round(best.score * 1000) / 1000 })
    else out.localFields.push(lf.systemName)
  }
  out.coverage = standard.length ? Math.round((1000 * out.present.length) / standard.length) / 10 : 100
  return out
}

export function checkConformance(
  local: MetadataModel,
  reference: MetadataModel,
  options: ConformanceOptions = {}
): ConformanceReport {
  const threshold = options.threshold ?? DEFAULT_VARIATION_THRESHOLD
  const localByName = new Map<string, ResourceMeta>()
  for (const r of local.resources)
    for (const n of [r.standardName, r.name]) if (n && !localByName.has(foldName(n))) localByName.set(foldName(n), r)
  const used = new Set<ResourceMeta>()
  const resources = reference.resources.map((ref) => {
    const match = localByName.get(foldName(ref.standardName ?? ref.name))
    if (match) used.add(match)
    return checkResource(ref, match, local.source, threshold)
  })
  const notCompared = local.resources.flatMap((r) =>
    r.classes.filter((c) => c.fields === undefined).map((c) => `Fields of ${r.name}:${c.name} not loaded`)
  )
  return {
    reference: {
      id: reference.system.id,
      resources: reference.resources.length,
      fields: resources.reduce((n, r) => n + r.standardFields, 0)
    },
    threshold,
    resources,
    localResources: local.resources.filter((r) => !used.has(r)).map((r) => r.name),
    notCompared
  }
}
