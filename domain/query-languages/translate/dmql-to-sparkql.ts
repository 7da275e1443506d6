// DMQL2 → SparkQL `_filter` (Spark API search syntax) through the same RETS → RESO map: Spark's standard fields
// carry the RESO names and, for lookups, the standard values. Only constructs Spark has are translated:
//   (F=a,b) → F Eq a,b        (F=a-b) → F Bt a,b        (F=a+) / (F=a-) → F Ge a / F Le a
//   (F=|A,B) → F Eq 'A','B'   (F=~A,B) → F Ne 'A','B'   (F=+A,B) → F Eq 'A' And F Eq 'B'
//   Bo* / *ville / *vil* → 'Bo*' / '*ville' / '*vil*' (Spark's * wildcard; `?` has none)
//   .EMPTY. → Eq Null, .ANY. → Ne Null, .NOW. → now(); AND / OR / NOT → And / Or / Not (…)
// Anything else (.TODAY., times of day, `?`) is a diagnostic at its range.
import { parseDmql } from '../dmql/dmql-parser'
import type { DmqlBound, DmqlCriterion, DmqlNode, DmqlValueItem } from '../dmql/dmql-ast'
import type { SourceRange } from '../source-range'
import { byRetsName, lookupNotLoaded, type FieldMap, type MappedField } from '../../mapping/field-map'
import {
  translateParsed,
  walkDmql,
  DiagnosticSink,
  joinAll,
  nextDay,
  withZone,
  type Emitted,
  type TranslationResult
} from './translate-types'

export function dmqlToSparkQL(dmql: string, map: FieldMap): TranslationResult {
  return translateParsed(parseDmql, dmql, (ast, sink) => new DmqlToSpark(map, sink).node(ast))
}

/** Spark quotes text in single quotes and escapes a quote with a backslash. */
export function sparkString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

const atom = (text: string): Emitted => ({ text, prec: 'atom' })

class DmqlToSpark {
  constructor(
    private readonly map: FieldMap,
    private readonly sink: DiagnosticSink
  ) {}

  node(n: DmqlNode): Emitted | undefined {
    return walkDmql(n, { and: 'And', or: 'Or', not: 'Not' }, (c) => this.criterion(c))
  }

  private criterion(c: DmqlCriterion): Emitted | undefined {
    const f = byRetsName(this.map, c.field)
    if (!f?.resoName)
      return this.sink.fail(c.fieldRange, `${c.field} has no standard (Spark) field: add an override to the map`)
    const name = f.resoName
    // plain values and lookups as one Eq / Ne list when that is all they are
    const plain = c.values.every((v) => v.kind === 'string' || v.kind === 'number')
    if (plain && c.lookupOp !== 'and') {
      const lits = c.values.map((v) => this.literal(v as Extract<DmqlValueItem, { kind: 'string' | 'number' }>, f))
      if (lits.some((l) => l === undefined)) return undefined
      return atom(`${name} ${c.lookupOp === 'not' ? 'Ne' : 'Eq'} ${lits.join(',')}`)
    }
    const parts = c.values.map((v) => this.item(v, f, name))
    if (parts.some((p) => !p)) return undefined
    const items = parts as Emitted[]
    if (c.lookupOp === 'and') return joinAll(items, 'and', ' And ')
    const any = joinAll(items, 'or', ' Or ')
    return c.lookupOp === 'not' ? { text: `Not (${any.text})`, prec: 'not' } : any
  }

  private literal(v: Extract<DmqlValueItem, { kind: 'string' | 'number' }>, f: MappedField): string | undefined {
    const text = v.kind === 'number' ? v.text : v.value
    if (lookupNotLoaded(f)) return this.sink.fail(v.range, `The values of ${f.retsName}'s lookup are not loaded`)
    if (f.values) {
      const pair = f.values.find((p) => p.rets.toLowerCase() === text.toLowerCase())
      if (pair?.reso === undefined) return this.sink.fail(v.range, `${text} has no standard value in ${f.resoName}`)
      return sparkString(pair.reso)
    }
    if (v.kind === 'string' && v.wildcard) {
      if (f.kind !== 'string' || v.value.includes('?'))
        return this.sink.fail(v.range, `${v.value}: Spark has the * wildcard on text fields only (no ?)`)
      return sparkString(v.value)
    }
    if (f.kind === 'number' && v.kind === 'number') return v.text
    if (f.kind === 'string') return sparkString(text)
    return this.sink.fail(v.range, `${text} is not a ${f.kind} value for ${f.resoName}`)
  }

  private item(v: DmqlValueItem, f: MappedField, name: string): Emitted | undefined {
    switch (v.kind) {
      case 'empty':
        return atom(`${name} Eq Null`)
      case 'any':
        return atom(`${name} Ne Null`)
      case 'string':
      case 'number': {
        const lit = this.literal(v, f)
        return lit === undefined ? undefined : atom(`${name} Eq ${lit}`)
      }
      case 'date': {
        if (v.precision === 'date' && !v.relative && f.kind === 'datetime')
          return { text: `${name} Ge ${v.text}T00:00:00Z And ${name} Lt ${nextDay(v.text)}T00:00:00Z`, prec: 'and' }
        const lit = this.bound(v, f, v.range)
        return lit === undefined ? undefined : atom(`${name} Eq ${lit}`)
      }
      case 'range': {
        if (f.values || f.multi)
          return this.sink.fail(v.range, `A range has no meaning on the lookup field ${f.retsName}`)
        const lo = v.from && this.bound(v.from, f, v.from.range)
        const hi = v.to && this.bound(v.to, f, v.to.range)
        if ((v.from && lo === undefined) || (v.to && hi === undefined)) return undefined
        // a whole day as the upper bound of a date-time range ends before the next day
        const dayEnd = v.to?.kind === 'date' && v.to.precision === 'date' && !v.to.relative && f.kind === 'datetime'
        if (dayEnd) {
          const end = `${name} Lt ${nextDay((v.to as { text: string }).text)}T00:00:00Z`
          return lo === undefined ? atom(end) : { text: `${name} Ge ${lo} And ${end}`, prec: 'and' }
        }
        if (lo !== undefined && hi !== undefined) return atom(`${name} Bt ${lo},${hi}`)
        return atom(lo !== undefined ? `${name} Ge ${lo}` : `${name} Le ${hi}`)
      }
    }
  }

  private bound(b: DmqlBound, f: MappedField, range: SourceRange): string | undefined {
    if (b.kind === 'number')
      return f.kind === 'number' ? b.text : this.sink.fail(range, `${b.text} is a number but ${f.resoName} is not`)
    if (b.kind === 'string')
      return f.kind === 'string'
        ? sparkString(b.value)
        : this.sink.fail(range, `${b.value} is text but ${f.resoName} is not`)
    if (b.relative === 'now' && f.kind === 'datetime') return 'now()'
    if (b.relative)
      return this.sink.fail(range, `.${b.relative.toUpperCase()}. has no exact SparkQL equivalent on ${f.resoName}`)
    if (b.precision === 'date' && (f.kind === 'date' || f.kind === 'datetime'))
      return f.kind === 'date' ? b.text : `${b.text}T00:00:00Z`
    if (b.precision === 'datetime' && f.kind === 'datetime') return withZone(b.text)
    return this.sink.fail(range, `${b.text} has no exact SparkQL equivalent on ${f.resoName}`)
  }
}
