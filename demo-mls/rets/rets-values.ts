// How record values travel in RETS: lookups as their server codes (COMPACT) or long values (COMPACT-DECODED),
// LookupMulti as a comma list, decimals with the metadata precision, booleans as 1/0.
import type { DemoData, FieldDef, LookupDef } from '../data/types'
import type { FieldMeta } from '../../domain/metadata/metadata-model'
import { retsInterpretation } from '../data/field-catalogue'

export type ValueMode = 'code' | 'decoded' | 'standard'

function lookupText(lookup: LookupDef | undefined, standard: string, mode: ValueMode): string {
  if (mode === 'standard' || !lookup) return standard
  const v = lookup.values.find((x) => x.standardValue === standard)
  if (!v) return standard
  return mode === 'code' ? v.value : v.longValue
}

export function formatRetsValue(data: DemoData, def: FieldDef, raw: unknown, mode: ValueMode): string {
  if (raw === undefined || raw === null) return ''
  const lookup = def.lookup ? data.lookup(def.lookup) : undefined
  if (Array.isArray(raw)) return raw.map((v) => lookupText(lookup, String(v), mode)).join(',')
  if (def.lookup) return lookupText(lookup, String(raw), mode)
  if (typeof raw === 'boolean') return raw ? '1' : '0'
  if (typeof raw === 'number' && def.type === 'Decimal' && def.precision !== undefined)
    return raw.toFixed(def.precision)
  return String(raw)
}

/** The record as DMQL sees it: lookups by code (what queries are written with), multi-selects as arrays. */
export function dmqlValue(
  data: DemoData,
  def: FieldDef,
  raw: unknown
): string | number | boolean | string[] | undefined {
  if (raw === undefined || raw === null) return undefined
  const lookup = def.lookup ? data.lookup(def.lookup) : undefined
  if (Array.isArray(raw)) return raw.map((v) => lookupText(lookup, String(v), 'code'))
  if (def.lookup) return lookupText(lookup, String(raw), 'code')
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw
  return String(raw)
}

/** The shared metadata model's view of a catalogue field (what the DMQL evaluator needs to compare values). */
export function toFieldMeta(def: FieldDef, standardNames: boolean): FieldMeta {
  const meta: FieldMeta = {
    systemName: standardNames ? def.standardName : def.systemName,
    standardName: def.standardName,
    longName: def.longName,
    dataType: def.type,
    maxLength: def.length,
    searchable: def.searchable,
    interpretation: retsInterpretation(def) || undefined,
    attrs: {}
  }
  if (def.lookup) meta.lookupName = def.lookup
  return meta
}
