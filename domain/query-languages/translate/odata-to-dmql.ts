// OData `$filter` → DMQL2 through the RETS → RESO map, the inverse of dmql-to-odata.ts. Exact equivalents only:
//   F eq v → (F=v)   F ne v → ~(F=v)   F ge v → (F=v+)   F le v → (F=v-)   F gt v → (F=v+),~(F=v)   F lt v likewise
//   F in (a,b) → (F=a,b)   F eq null → (F=.EMPTY.)   F ne null → (F=.ANY.)
//   F has E'A' / F/any(x: x eq 'A' or x eq 'B') → (F=+A) / (F=|A,B)   F/any() → (F=.ANY.)
//   startswith / endswith / contains(F,'text') → (F=text*) / (F=*text) / (F=*text*) (plain letters and digits only:
//   DMQL wildcards cannot be quoted)   now() → .NOW.   date(now()) → .TODAY.
// RESO lookup values become the RETS codes the map pairs them with. Everything else (functions such as tolower or
// year, lambdas with other bodies, all(), arithmetic) is a diagnostic on its own range.
import { parseODataFilter } from '../odata/odata-parser'
import type { ODataBinary, ODataCall, ODataExpr, ODataLambda, ODataLiteral } from '../odata/odata-ast'
import type { SourceRange } from '../source-range'
import { byResoName, lookupNotLoaded, type FieldMap, type MappedField } from '../../mapping/field-map'
import { translateParsed, DiagnosticSink, joinAll, wrap, type Emitted, type TranslationResult } from './translate-types'

export function odataToDmql(filter: string, map: FieldMap): TranslationResult {
  return translateParsed(parseODataFilter, filter, (ast, sink) => new ODataToDmql(map, sink).expr(ast))
}

const FLIP = { gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', eq: 'eq', ne: 'ne' } as const
const atom = (text: string): Emitted => ({ text, prec: 'atom' })

/** Text DMQL reads as itself without quotes (no separators, range signs, wildcards or keywords). */
function plainDmql(s: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(s)
}

class ODataToDmql {
  constructor(
    private readonly map: FieldMap,
    private readonly sink: DiagnosticSink
  ) {}

  expr(e: ODataExpr): Emitted | undefined {
    switch (e.type) {
      case 'binary':
        return this.binary(e)
      case 'not': {
        const inner = this.expr(e.operand)
        return inner && { text: `~${wrap(inner, 'atom')}`, prec: 'not' }
      }
      case 'in':
        return this.inList(e.left, e.list, e.range)
      case 'call':
        return this.call(e, true)
      case 'lambda':
        return this.lambda(e)
      default:
        return this.sink.fail(e.range, 'Only a condition can stand here (a field compared with a value)')
    }
  }

  private field(e: ODataExpr): MappedField | undefined {
    if (e.type !== 'property' || e.path.length !== 1)
      return this.sink.fail(
        e.range,
        'DMQL compares a field of the class itself: a path or expression has no equivalent'
      )
    const f = byResoName(this.map, e.path[0]!)
    if (!f)
      return this.sink.fail(
        e.range,
        `${e.path[0]} maps to no RETS field of ${this.map.retsResource}:${this.map.retsClass}`
      )
    return f
  }

  private binary(e: ODataBinary): Emitted | undefined {
    if (e.op === 'and' || e.op === 'or') {
      const l = this.expr(e.left)
      const r = this.expr(e.right)
      if (!l || !r) return undefined
      return joinAll([l, r], e.op, e.op === 'and' ? ',' : '|')
    }
    let prop = e.left
    let lit = e.right
    let op = e.op
    if (prop.type !== 'property' && lit.type === 'property' && op !== 'has') {
      ;[prop, lit] = [lit, prop]
      op = FLIP[op as keyof typeof FLIP]
    }
    const f = this.field(prop)
    if (!f) return undefined
    if (op === 'has') return this.lookupSet(f, [lit], 'and', e.range)
    if (lit.type === 'literal' && lit.valueType === 'null') {
      if (op === 'eq') return atom(`(${f.retsName}=.EMPTY.)`)
      if (op === 'ne') return atom(`(${f.retsName}=.ANY.)`)
      return this.sink.fail(e.range, `${op} null has no meaning`)
    }
    if (f.multi) return this.sink.fail(e.range, `${f.resoName} holds several values: use has or any() to test one`)
    const v = this.value(lit, f)
    if (v === undefined) return undefined
    const c = (x: string): string => `(${f.retsName}=${x})`
    switch (op) {
      case 'eq':
        return atom(c(v))
      case 'ne':
        return { text: `~${c(v)}`, prec: 'not' }
      case 'ge':
      case 'le':
      case 'gt':
      case 'lt': {
        if (f.values) return this.sink.fail(e.range, `${op} has no meaning on the lookup field ${f.resoName}`)
        if (!/^[A-Za-z0-9]/.test(v) && !v.startsWith('.'))
          return this.sink.fail(lit.range, `A quoted value cannot bound a DMQL range`)
        const open = op === 'ge' || op === 'gt' ? '+' : '-'
        return op === 'ge' || op === 'le' ? atom(c(v + open)) : { text: `${c(v + open)},~${c(v)}`, prec: 'and' }
      }
    }
  }

  /** A literal as DMQL writes it for this field (lookup values as RETS codes). */
  private value(e: ODataExpr, f: MappedField): string | undefined {
    if (e.type === 'call') {
      if (e.name === 'now' && !e.args.length) return '.NOW.'
      const inner = e.args[0]
      if (e.name === 'date' && inner?.type === 'call' && inner.name === 'now') return '.TODAY.'
      return this.sink.fail(e.range, `${e.name}() has no DMQL equivalent`)
    }
    if (e.type !== 'literal') return this.sink.fail(e.range, 'DMQL compares a field with a value: this is not one')
    if (lookupNotLoaded(f)) return this.sink.fail(e.range, `The values of ${f.retsName}'s lookup are not loaded`)
    if (f.values) return this.code(e, f)
    return this.scalar(e, f)
  }

  private code(e: ODataLiteral, f: MappedField): string | undefined {
    const text = String(e.value)
    const pair =
      f.values!.find((p) => p.reso === text) ?? f.values!.find((p) => p.reso?.toLowerCase() === text.toLowerCase())
    if (!pair) return this.sink.fail(e.range, `${text} has no RETS code in ${f.retsName}'s lookup`)
    return plainDmql(pair.rets) ? pair.rets : this.quoted(pair.rets, e.range)
  }

  private scalar(e: ODataLiteral, f: MappedField): string | undefined {
    switch (e.valueType) {
      case 'number':
        return f.kind === 'string' ? this.quoted(String(e.value), e.range) : e.text
      case 'string': {
        const s = String(e.value)
        if (f.kind === 'number' && /^-?\d+(\.\d+)?$/.test(s)) return s
        return this.quoted(s, e.range)
      }
      case 'boolean':
        return e.value ? '1' : '0'
      case 'date':
      case 'datetime':
        return e.text
      default:
        return this.sink.fail(e.range, `A ${e.valueType} literal has no DMQL equivalent`)
    }
  }

  private quoted(s: string, range: SourceRange): string | undefined {
    if (s.includes('"')) return this.sink.fail(range, 'DMQL cannot quote a value that contains "')
    return `"${s}"`
  }

  private inList(left: ODataExpr, list: ODataExpr[], range: SourceRange): Emitted | undefined {
    const f = this.field(left)
    if (!f) return undefined
    if (f.multi) return this.sink.fail(range, `${f.resoName} holds several values: use any() to test them`)
    const values = list.map((x) => this.value(x, f))
    if (values.some((v) => v === undefined)) return undefined
    return atom(`(${f.retsName}=${f.values ? '|' : ''}${values.join(',')})`)
  }

  /** `+A,B` (has, flags) or `|A,B` (any). */
  private lookupSet(f: MappedField, lits: ODataExpr[], op: 'and' | 'or', range: SourceRange): Emitted | undefined {
    if (!f.values) return this.sink.fail(range, `${f.resoName} is not a lookup field`)
    const codes: string[] = []
    for (const lit of lits) {
      if (lit.type !== 'literal') return this.sink.fail(lit.range, 'Expected a lookup value')
      for (const member of String(lit.value).split(',')) {
        const code = this.code({ ...lit, value: member.trim() }, f)
        if (code === undefined) return undefined
        codes.push(code)
      }
    }
    return atom(`(${f.retsName}=${op === 'and' ? '+' : '|'}${codes.join(',')})`)
  }

  /** `F/any(x: x eq A or x eq B)` → `(F=|A,B)`; `F/any()` → `(F=.ANY.)`. */
  private lambda(e: ODataLambda): Emitted | undefined {
    const f = this.field(e.collection)
    if (!f) return undefined
    if (e.op === 'all') return this.sink.fail(e.range, 'all() has no DMQL equivalent')
    if (!e.body) return atom(`(${f.retsName}=.ANY.)`)
    const lits: ODataExpr[] = []
    const collect = (b: ODataExpr): boolean => {
      if (b.type === 'binary' && b.op === 'or') return collect(b.left) && collect(b.right)
      if (b.type === 'binary' && b.op === 'eq' && b.left.type === 'property' && b.left.path[0] === e.variable) {
        lits.push(b.right)
        return true
      }
      return false
    }
    if (!collect(e.body))
      return this.sink.fail(e.body.range, `Only x eq value (or several, joined by or) has a DMQL equivalent`)
    return this.lookupSet(f, lits, 'or', e.range)
  }

  /** startswith/endswith/contains(F,'text') [eq true] → a DMQL wildcard. */
  private call(e: ODataCall, truth: boolean): Emitted | undefined {
    const shape = {
      startswith: (s: string) => `${s}*`,
      endswith: (s: string) => `*${s}`,
      contains: (s: string) => `*${s}*`
    }
    const make = shape[e.name as keyof typeof shape]
    if (!make || !truth) return this.sink.fail(e.range, `${e.name}() has no DMQL equivalent`)
    const [prop, lit] = e.args
    const f = prop && this.field(prop)
    if (!f) return undefined
    if (lit?.type !== 'literal' || lit.valueType !== 'string')
      return this.sink.fail(e.range, `${e.name}() translates only with a text literal`)
    const text = String(lit.value)
    if (!plainDmql(text))
      return this.sink.fail(lit.range, `DMQL wildcards cannot be quoted: only letters and digits can go with *`)
    if (f.values || f.kind !== 'string') return this.sink.fail(e.range, `${e.name}() needs a text field`)
    return atom(`(${f.retsName}=${make(text)})`)
  }
}
