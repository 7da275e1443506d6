import { compareDate, compareNumbers, dayOf, numberOf } from '../values/compare-values'
import { fieldKindOf, type FieldKind, type FieldResolver } from '../values/field-kind'
import { scalarsOf, type RecordAccessor, type Scalar } from '../values/record-value'
import type { ODataComparisonOp, ODataExpr, ODataLiteralType } from './odata-ast'

// Evaluates a $filter tree against one record (the Demo MLS RESO server's row filter). Choices, per what RESO
// servers do: strings compare case-insensitively; an enum member matches whether the record or the query writes it
// qualified (`Odata.Models.StandardStatus'Active'`) or plain (`'Active'`); a date literal compares days, a
// dateTimeOffset compares instants (zone-less record values are UTC); comparisons with null are false except
// eq/ne null. Multi-valued fields (arrays, or flags enums written "A,B") work with has, any() and all().

export interface ODataEvalOptions {
  now?: Date
}

interface Val {
  v: Scalar | Scalar[] | null
  kind?: FieldKind
  /** set when the value came from a literal (or a function result of a literal's type) */
  literal?: ODataLiteralType | 'date' | 'datetime'
}

type Env = ReadonlyMap<string, Scalar>

export function evaluateODataFilter(
  ast: ODataExpr,
  record: RecordAccessor,
  fieldInfo?: FieldResolver,
  options: ODataEvalOptions = {}
): boolean {
  const now = options.now ?? new Date()
  const ev = (e: ODataExpr, env: Env): Val => {
    switch (e.type) {
      case 'literal':
        return {
          v: e.value === null ? null : e.value,
          literal: e.valueType,
          ...(e.valueType === 'number' ? { kind: 'number' as const } : {})
        }
      case 'property': {
        const [head, ...rest] = e.path
        if (env.has(head!)) return rest.length === 0 ? { v: env.get(head!)! } : { v: null }
        const name = e.path.join('/')
        const meta = fieldInfo?.(name)
        const raw = record(name)
        return { v: raw === undefined ? null : raw, ...(meta ? { kind: fieldKindOf(meta.dataType) } : {}) }
      }
      case 'not':
        return { v: !truthy(ev(e.operand, env)) }
      case 'in': {
        const left = ev(e.left, env)
        return { v: e.list.some((item) => equals(left, ev(item, env))) }
      }
      case 'binary': {
        if (e.op === 'and') return { v: truthy(ev(e.left, env)) && truthy(ev(e.right, env)) }
        if (e.op === 'or') return { v: truthy(ev(e.left, env)) || truthy(ev(e.right, env)) }
        const left = ev(e.left, env)
        const right = ev(e.right, env)
        if (e.op === 'has') return { v: has(left, right) }
        return { v: compareOp(e.op, left, right) }
      }
      case 'lambda': {
        const items = scalarsOf(ev(e.collection, env).v, true)
        if (!e.body || !e.variable) return { v: items.length > 0 }
        const test = (item: Scalar) => truthy(ev(e.body!, new Map(env).set(e.variable!, item)))
        return { v: e.op === 'any' ? items.some(test) : items.every(test) }
      }
      case 'call':
        return call(
          e.name,
          e.args.map((a) => ev(a, env)),
          now
        )
    }
  }
  return truthy(ev(ast, new Map()))
}

function truthy(v: Val): boolean {
  return v.v === true
}

function isNull(v: Val): boolean {
  return v.v === null || v.v === undefined || (Array.isArray(v.v) && v.v.length === 0)
}

function compareOp(op: ODataComparisonOp, a: Val, b: Val): boolean {
  if (op === 'eq') return equals(a, b)
  if (op === 'ne') return !equals(a, b)
  if (isNull(a) || isNull(b)) return false
  return anyOf(a, (x) => {
    const c = compareScalars(x, a, scalar(b), b)
    if (c === undefined) return false
    return op === 'gt' ? c > 0 : op === 'ge' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0
  })
}

function equals(a: Val, b: Val): boolean {
  if (isNull(a) || isNull(b)) return isNull(a) && isNull(b)
  return anyOf(a, (x) => compareScalars(x, a, scalar(b), b) === 0)
}

function anyOf(a: Val, test: (x: Scalar) => boolean): boolean {
  return Array.isArray(a.v) ? a.v.some(test) : test(a.v as Scalar)
}

function scalar(v: Val): Scalar {
  return Array.isArray(v.v) ? (v.v[0] ?? '') : (v.v as Scalar)
}

/** Picks the comparison from the literal's type first (it is what the user wrote), then the field's type. */
function compareScalars(x: Scalar, xv: Val, y: Scalar, yv: Val): number | undefined {
  const lits = [xv.literal, yv.literal]
  const kinds = [xv.kind, yv.kind]
  if (lits.includes('date')) return compareDate(x, String(y), 'date')
  if (lits.includes('datetime') || kinds.includes('datetime')) return compareDate(x, String(y), 'datetime')
  if (kinds.includes('date')) return compareDate(x, String(y), 'date')
  if (lits.includes('number') || kinds.includes('number')) {
    const a = numberOf(x)
    const b = numberOf(y)
    return a === undefined || b === undefined ? undefined : compareNumbers(a, b)
  }
  if (lits.includes('boolean') || kinds.includes('boolean')) {
    const a = booleanOf(x)
    const b = booleanOf(y)
    return a === undefined || b === undefined ? undefined : a === b ? 0 : a ? 1 : -1
  }
  const a = enumMember(String(x)).toLowerCase()
  const b = enumMember(String(y)).toLowerCase()
  return a < b ? -1 : a > b ? 1 : 0
}

function booleanOf(v: Scalar): boolean | undefined {
  if (typeof v === 'boolean') return v
  const t = String(v).trim().toLowerCase()
  return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined
}

/** `Ns.Type'Member'` → `Member`; anything else unchanged. */
export function enumMember(text: string): string {
  const m = /^[A-Za-z_][\w.]*'(.*)'$/s.exec(text.trim())
  return m ? m[1]!.replace(/''/g, "'") : text.trim()
}

/** Flags enum `has`: every member on the right is among the record's members. */
function has(a: Val, b: Val): boolean {
  if (isNull(a) || isNull(b)) return false
  const members = new Set(
    scalarsOf(Array.isArray(a.v) ? a.v.map((x) => enumMember(String(x))) : enumMember(String(a.v)), true).map((x) =>
      String(x).toLowerCase()
    )
  )
  const wanted = enumMember(String(scalar(b)))
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)
  return wanted.length > 0 && wanted.every((w) => members.has(w))
}

function text(v: Val): string | undefined {
  return isNull(v) ? undefined : enumMember(String(scalar(v)))
}

function call(name: string, args: Val[], now: Date): Val {
  const [a, b] = args
  const s = a ? text(a) : undefined
  switch (name) {
    case 'contains':
    case 'startswith':
    case 'endswith': {
      const t = b ? text(b) : undefined
      if (s === undefined || t === undefined) return { v: false }
      const x = s.toLowerCase()
      const y = t.toLowerCase()
      return { v: name === 'contains' ? x.includes(y) : name === 'startswith' ? x.startsWith(y) : x.endsWith(y) }
    }
    case 'tolower':
      return { v: s === undefined ? null : s.toLowerCase(), kind: 'string' }
    case 'toupper':
      return { v: s === undefined ? null : s.toUpperCase(), kind: 'string' }
    case 'trim':
      return { v: s === undefined ? null : s.trim(), kind: 'string' }
    case 'length':
      return { v: s === undefined ? null : s.length, kind: 'number' }
    case 'year':
    case 'month':
    case 'day': {
      const d = s === undefined ? undefined : dayOf(s)
      if (!d) return { v: null }
      const part = name === 'year' ? d.slice(0, 4) : name === 'month' ? d.slice(5, 7) : d.slice(8, 10)
      return { v: Number(part), kind: 'number' }
    }
    case 'hour':
    case 'minute':
    case 'second': {
      // The written clock time, not converted to UTC: OData returns the hour "in the value's offset".
      const m = s === undefined ? null : /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(s)
      if (!m) return { v: null }
      const part = name === 'hour' ? m[1] : name === 'minute' ? m[2] : (m[3] ?? '0')
      return { v: Number(part), kind: 'number' }
    }
    case 'date': {
      const d = s === undefined ? undefined : dayOf(s)
      return d ? { v: d, literal: 'date' } : { v: null }
    }
    case 'now':
      return { v: now.toISOString(), literal: 'datetime' }
    default:
      return { v: null }
  }
}

/** Property paths a filter reads (joined with '/'), in order of first use; lambda variables are left out. */
export function odataFieldsIn(ast: ODataExpr): string[] {
  const seen = new Set<string>()
  const walk = (e: ODataExpr, vars: ReadonlySet<string>): void => {
    switch (e.type) {
      case 'property':
        if (!vars.has(e.path[0]!)) seen.add(e.path.join('/'))
        return
      case 'binary':
        walk(e.left, vars)
        walk(e.right, vars)
        return
      case 'not':
        walk(e.operand, vars)
        return
      case 'in':
        walk(e.left, vars)
        e.list.forEach((x) => walk(x, vars))
        return
      case 'call':
        e.args.forEach((x) => walk(x, vars))
        return
      case 'lambda':
        walk(e.collection, vars)
        if (e.body) walk(e.body, e.variable ? new Set([...vars, e.variable]) : vars)
        return
      case 'literal':
        return
    }
  }
  walk(ast, new Set())
  return [...seen]
}
