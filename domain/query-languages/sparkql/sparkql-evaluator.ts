import { compareDate, compareNumbers, numberOf, sameText, todayText, wildcardMatcher } from '../values/compare-values'
import { fieldKindOf, isMultiValued, type FieldKind, type FieldResolver } from '../values/field-kind'
import { scalarsOf, type RecordAccessor, type Scalar } from '../values/record-value'
import type { SparkCondition, SparkNode, SparkValue } from './sparkql-ast'

// Evaluates a SparkQL tree against one record (the Demo MLS Spark server's row filter).
// Eq with a list = any of; Ne with a list = none of; Bt = inclusive between; `Eq Null` = empty, `Ne Null` = set.
// Strings compare case-insensitively and `*` in a string is a wildcard, as on Spark. days(n)/months(n)/years(n)
// are today ± n (UTC) at day precision; now() is an instant.

export interface SparkEvalOptions {
  now?: Date
}

export function evaluateSparkQL(
  ast: SparkNode,
  record: RecordAccessor,
  fieldInfo?: FieldResolver,
  options: SparkEvalOptions = {}
): boolean {
  const now = options.now ?? new Date()
  const visit = (n: SparkNode): boolean => {
    switch (n.type) {
      case 'and':
        return n.items.every(visit)
      case 'or':
        return n.items.some(visit)
      case 'not':
        return !visit(n.item)
      case 'condition':
        return evaluateCondition(n, record, fieldInfo, now)
    }
  }
  return visit(ast)
}

function evaluateCondition(
  c: SparkCondition,
  record: RecordAccessor,
  fieldInfo: FieldResolver | undefined,
  now: Date
): boolean {
  const meta = fieldInfo?.(c.field)
  const kind = meta ? fieldKindOf(meta.dataType) : undefined
  const values = scalarsOf(record(c.field), isMultiValued(meta))
  const nullTest = c.values.some((v) => v.kind === 'null')
  if (c.op === 'Eq' || c.op === 'Ne') {
    const hit = c.values.some((q) =>
      q.kind === 'null' ? values.length === 0 : values.some((v) => compareValue(v, q, kind, now) === 0)
    )
    return c.op === 'Eq' ? hit : !hit
  }
  if (nullTest || values.length === 0) return false
  if (c.op === 'Bt') {
    const [lo, hi] = c.values as [SparkValue, SparkValue]
    return values.some((v) => {
      const a = compareValue(v, lo, kind, now)
      const b = compareValue(v, hi, kind, now)
      return a !== undefined && b !== undefined && a >= 0 && b <= 0
    })
  }
  const q = c.values[0]!
  return values.some((v) => {
    const x = compareValue(v, q, kind, now)
    if (x === undefined) return false
    return c.op === 'Gt' ? x > 0 : c.op === 'Ge' ? x >= 0 : c.op === 'Lt' ? x < 0 : x <= 0
  })
}

/** sign(record value - query value), or undefined when they cannot be compared. */
function compareValue(v: Scalar, q: SparkValue, kind: FieldKind | undefined, now: Date): number | undefined {
  switch (q.kind) {
    case 'string':
      if (q.wildcard) return wildcardMatcher(q.value, false)(v) ? 0 : undefined
      if (kind === 'number') return numeric(v, numberOf(q.value))
      return textCompare(v, q.value)
    case 'number':
      return kind === 'string' ? (sameText(v, q.text) ? 0 : numeric(v, q.value)) : numeric(v, q.value)
    case 'boolean': {
      const b =
        typeof v === 'boolean'
          ? v
          : /^(true|1|y|yes)$/i.test(String(v))
            ? true
            : /^(false|0|n|no)$/i.test(String(v))
              ? false
              : undefined
      return b === undefined ? undefined : b === q.value ? 0 : b ? 1 : -1
    }
    case 'date':
      return compareDate(v, q.text, q.precision)
    case 'time': {
      const m = /(\d{2}:\d{2}(:\d{2})?)/.exec(String(v))
      return m ? textCompare(m[1]!.padEnd(8, ':00').slice(0, 8), q.text.padEnd(8, ':00').slice(0, 8)) : undefined
    }
    case 'function':
      return q.name === 'now'
        ? compareDate(v, now.toISOString(), 'datetime')
        : compareDate(v, shiftedDay(now, q.name, q.arg ?? 0), 'date')
    case 'null':
      return undefined
  }
}

function numeric(v: Scalar, n: number | undefined): number | undefined {
  const x = numberOf(v)
  return x === undefined || n === undefined ? undefined : compareNumbers(x, n)
}

function textCompare(v: Scalar, q: string): number {
  const a = String(v).trim().toLowerCase()
  const b = q.trim().toLowerCase()
  return a < b ? -1 : a > b ? 1 : 0
}

function shiftedDay(now: Date, unit: 'days' | 'months' | 'years', n: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  if (unit === 'days') d.setUTCDate(d.getUTCDate() + n)
  else if (unit === 'months') d.setUTCMonth(d.getUTCMonth() + n)
  else d.setUTCFullYear(d.getUTCFullYear() + n)
  return todayText(d)
}

/** Field names a filter uses, in order of first use. */
export function sparkFieldsIn(ast: SparkNode): string[] {
  const seen = new Set<string>()
  const walk = (n: SparkNode): void => {
    if (n.type === 'condition') seen.add(n.field)
    else if (n.type === 'not') walk(n.item)
    else n.items.forEach(walk)
  }
  walk(ast)
  return [...seen]
}
