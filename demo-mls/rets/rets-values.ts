// How record values travel in RETS: lookups as their server codes (COMPACT) or long values (COMPACT-DECODED),
// LookupMulti as a comma list, decimals with the metadata precision, booleans as 1/0. The formatters are compiled
// once per field (lookup tables as Maps), because a large-mode search formats millions of cells with them.
import type { DemoData, FieldDef } from '../data/types'
import type { FieldMeta } from '../../domain/metadata/metadata-model'
import { retsInterpretation } from '../data/field-catalogue'

export type ValueMode = 'code' | 'decoded' | 'standard'

export type ValueFormatter = (raw: unknown) => string

/** standard value → the text a mode shows, for the field's lookup (undefined: shown as it is) */
function lookupTable(data: DemoData, def: FieldDef, mode: ValueMode): Map<string, string> | undefined {
  const lookup = def.lookup ? data.lookup(def.lookup) : undefined
  if (mode === 'standard' || !lookup) return undefined
  return new Map(lookup.values.map((v) => [v.standardValue, mode === 'code' ? v.value : v.longValue]))
}

export function retsValueFormatter(data: DemoData, def: FieldDef, mode: ValueMode): ValueFormatter {
  const table = lookupTable(data, def, mode)
  const text = (v: unknown): string => {
    const s = String(v)
    return table?.get(s) ?? s
  }
  const decimals = def.type === 'Decimal' && !def.lookup ? def.precision : undefined
  // whole numbers (prices, areas) are most decimals: their digits plus zeros, without toFixed's cost
  const zeros = decimals ? `.${'0'.repeat(decimals)}` : ''
  const any: ValueFormatter = (raw) => {
    if (raw === undefined || raw === null) return ''
    if (Array.isArray(raw)) return raw.map(text).join(',')
    if (typeof raw === 'number') {
      if (decimals === undefined) return text(raw)
      return Number.isSafeInteger(raw) ? String(raw) + zeros : raw.toFixed(decimals)
    }
    if (typeof raw === 'boolean') return def.lookup ? text(raw) : raw ? '1' : '0'
    return text(raw)
  }
  // the value type the field's rows hold, first and without the general checks (a search formats millions)
  if (table) return (raw) => (typeof raw === 'string' ? (table.get(raw) ?? raw) : any(raw))
  if (decimals !== undefined)
    return (raw) =>
      typeof raw === 'number' ? (Number.isSafeInteger(raw) ? String(raw) + zeros : raw.toFixed(decimals)) : any(raw)
  return (raw) => (typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : any(raw))
}

export function formatRetsValue(data: DemoData, def: FieldDef, raw: unknown, mode: ValueMode): string {
  return retsValueFormatter(data, def, mode)(raw)
}

export type DmqlValue = string | number | boolean | string[] | undefined

/** The record as DMQL sees it: lookups by code (what queries are written with), multi-selects as arrays. */
export function dmqlValueReader(data: DemoData, def: FieldDef): (raw: unknown) => DmqlValue {
  const table = lookupTable(data, def, 'code')
  const code = (v: unknown): string => {
    const s = String(v)
    return table?.get(s) ?? s
  }
  return (raw) => {
    if (raw === undefined || raw === null) return undefined
    if (Array.isArray(raw)) return raw.map(code)
    if (def.lookup) return code(raw)
    if (typeof raw === 'number' || typeof raw === 'boolean') return raw
    return String(raw)
  }
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
