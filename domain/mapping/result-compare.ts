// Compares the rows of one query run two ways (RETS and RESO, or any two result tables): joins them by key, lists
// the keys found on one side only, and the fields whose values differ after normalisation — decimals as numbers
// (250000.00 = 250000), dates and date-times as instants (…T10:00:00Z = …T10:00:00.000+00:00), lookups through the
// map's value pairs (RETS code OV61GOJ13C0 or its long value = RESO Active), multi-select lists as sets.
import type { z } from 'zod'
import type { resultComparisonSchema } from '../../contract/intel-model-schema'
import type { FieldKind } from '../query-languages/values/field-kind'
import { byRetsName, type FieldMap, type ValuePair } from './field-map'

export type ResultComparison = z.output<typeof resultComparisonSchema>

export interface ResultTable {
  columns: string[]
  rows: Iterable<string[]>
}

export interface ColumnPair {
  a: string
  b: string
  kind: FieldKind
  multi: boolean
  /** lookup pairs: A's values (RETS codes) become B's before comparing */
  values?: ValuePair[]
}

/** Column pairs from the map: A's columns are RETS SystemNames or StandardNames, B's the RESO names. */
export function columnPairs(map: FieldMap, columnsA: string[], columnsB: string[]): ColumnPair[] {
  const inB = new Set(columnsB)
  const pairs: ColumnPair[] = []
  for (const a of columnsA) {
    const f = byRetsName(map, a)
    if (!f?.resoName || !inB.has(f.resoName)) continue
    const pair: ColumnPair = { a, b: f.resoName, kind: f.kind, multi: f.multi }
    if (f.values) pair.values = f.values
    pairs.push(pair)
  }
  return pairs
}

/** Column pairs by equal name, for two tables of one protocol (or already renamed). */
export function sameNamePairs(columnsA: string[], columnsB: string[]): ColumnPair[] {
  const inB = new Set(columnsB)
  return columnsA.filter((c) => inB.has(c)).map((c) => ({ a: c, b: c, kind: 'string' as const, multi: false }))
}

function scalar(v: string, kind: FieldKind): string {
  const t = v.trim()
  if (t === '') return ''
  switch (kind) {
    case 'number': {
      const n = Number(t)
      return Number.isFinite(n) ? String(n) : t
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : t
    case 'datetime': {
      // a zone-less time is UTC, as DMQL and the Demo MLS read it
      const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(t) || !t.includes('T') ? t : `${t}Z`)
      return Number.isNaN(ms) ? t : new Date(ms).toISOString()
    }
    case 'boolean':
      return /^(1|true|y|yes)$/i.test(t) ? 'true' : /^(0|false|n|no)$/i.test(t) ? 'false' : t
    default:
      return t
  }
}

const toBCache = new WeakMap<ValuePair[], Map<string, string>>()

/** RETS code → RESO value, and the long value too (COMPACT-DECODED rows carry long values, not codes). */
function lookupToB(values: ValuePair[]): Map<string, string> {
  let map = toBCache.get(values)
  if (!map) {
    map = new Map()
    for (const p of values) if (p.retsLong && p.reso !== undefined && !map.has(p.retsLong)) map.set(p.retsLong, p.reso)
    for (const p of values) map.set(p.rets, p.reso ?? p.rets)
    toBCache.set(values, map)
  }
  return map
}

/** The comparable text of a cell; side A's lookup codes are turned into B's values first. */
export function normalise(v: string, pair: ColumnPair, side: 'a' | 'b'): string {
  const toB = side === 'a' && pair.values ? lookupToB(pair.values) : undefined
  const one = (x: string): string => scalar(toB?.get(x.trim()) ?? x, pair.kind)
  if (!pair.multi) return one(v)
  return v
    .split(',')
    .map((x) => one(x))
    .filter((x) => x !== '')
    .sort()
    .join(',')
}

export interface CompareOptions {
  keyA: string
  keyB: string
  pairs: ColumnPair[]
  /** cap of each list in the result (default 5000); counts are always complete */
  limit?: number
}

function indexBy(table: ResultTable, key: string): Map<string, string[]> {
  const k = table.columns.indexOf(key)
  if (k < 0) throw new Error(`The key column ${key} is not in the result (columns: ${table.columns.join(', ')})`)
  const out = new Map<string, string[]>()
  for (const row of table.rows) out.set(row[k] ?? '', row)
  return out
}

export function compareResults(a: ResultTable, b: ResultTable, options: CompareOptions): ResultComparison {
  const limit = options.limit ?? 5000
  const rowsA = indexBy(a, options.keyA)
  const rowsB = indexBy(b, options.keyB)
  const cols = options.pairs.map((p) => ({ p, ia: a.columns.indexOf(p.a), ib: b.columns.indexOf(p.b) }))
  const out: ResultComparison = {
    keyA: options.keyA,
    keyB: options.keyB,
    rowsA: rowsA.size,
    rowsB: rowsB.size,
    matched: 0,
    onlyA: [],
    onlyB: [],
    compared: options.pairs.map(({ a: ca, b: cb }) => ({ a: ca, b: cb })),
    differences: [],
    rowsDiffering: 0
  }
  let cut = false
  const push = <T>(list: T[], item: T): void => {
    if (list.length < limit) list.push(item)
    else cut = true
  }
  for (const [key, ra] of rowsA) {
    const rb = rowsB.get(key)
    if (!rb) {
      push(out.onlyA, key)
      continue
    }
    out.matched++
    let differs = false
    for (const { p, ia, ib } of cols) {
      const va = ra[ia] ?? ''
      const vb = rb[ib] ?? ''
      if (normalise(va, p, 'a') === normalise(vb, p, 'b')) continue
      differs = true
      push(out.differences, { key, columnA: p.a, columnB: p.b, valueA: va, valueB: vb })
    }
    if (differs) out.rowsDiffering++
  }
  for (const key of rowsB.keys()) if (!rowsA.has(key)) push(out.onlyB, key)
  if (cut) out.truncatedAt = limit
  return out
}

/** The comparison as CSV rows (for the export): one line per key on one side only and per differing value. */
export function comparisonCsvLines(c: ResultComparison): string[][] {
  return [
    ['what', 'key', 'field A', 'field B', 'value A', 'value B'],
    ...c.onlyA.map((k) => ['only in A', k, '', '', '', '']),
    ...c.onlyB.map((k) => ['only in B', k, '', '', '', '']),
    ...c.differences.map((d) => ['differs', d.key, d.columnA, d.columnB, d.valueA, d.valueB])
  ]
}
