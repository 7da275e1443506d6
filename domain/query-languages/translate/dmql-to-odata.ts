// DMQL2 → OData `$filter`, field by field through the RETS → RESO map (domain/mapping/field-map.ts).
// Exact equivalents only (RETS 1.7.2 §7.7 against OData 4.01 URL Conventions §5.1.1):
//   (F=a,b) → F eq a or F eq b          (F=a-b) → F ge a and F le b       (F=a+) / (F=a-) → F ge a / F le a
//   (F=|A,B) → F eq 'A' or F eq 'B'     (F=+A,B) → every one present      (F=~A,B) → not (any one present)
//   multi-select fields: F/any(x: x eq …) for collections, F has … for flag enums
//   Bo* → startswith, *ville → endswith, *vil* → contains; any other wildcard (`?`, one in the middle) has none
//   .EMPTY. → eq null, .ANY. → ne null, .NOW. → now() (date-times), .TODAY. → date(now()) (dates)
//   a day on a date-time field → the half-open range of that day's instants (DMQL compares at the precision written)
// Lookup codes become the RESO value the map pairs them with; a code without one is a diagnostic.
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

export function dmqlToOData(dmql: string, map: FieldMap): TranslationResult {
  return translateParsed(parseDmql, dmql, (ast, sink) => new DmqlToOData(map, sink).node(ast))
}

/** `'it''s'` — OData doubles a single quote inside a string literal. */
export function odataString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

const atom = (text: string): Emitted => ({ text, prec: 'atom' })

class DmqlToOData {
  constructor(
    private readonly map: FieldMap,
    private readonly sink: DiagnosticSink
  ) {}

  node(n: DmqlNode): Emitted | undefined {
    return walkDmql(n, { and: 'and', or: 'or', not: 'not' }, (c) => this.criterion(c))
  }

  private criterion(c: DmqlCriterion): Emitted | undefined {
    const f = byRetsName(this.map, c.field)
    if (!f)
      return this.sink.fail(c.fieldRange, `${c.field} is not a field of ${this.map.retsResource}:${this.map.retsClass}`)
    if (!f.resoName)
      return this.sink.fail(
        c.fieldRange,
        `${c.field} has no RESO field in ${this.map.resoEntity}: add an override to the map`
      )
    const parts = c.values.map((v) => this.item(v, f, f.resoName!))
    if (parts.some((p) => !p)) return undefined
    const items = parts as Emitted[]
    if (c.lookupOp === 'and') return joinAll(items, 'and', ' and ')
    const any = joinAll(items, 'or', ' or ')
    return c.lookupOp === 'not' ? { text: `not (${any.text})`, prec: 'not' } : any
  }

  private item(v: DmqlValueItem, f: MappedField, name: string): Emitted | undefined {
    switch (v.kind) {
      case 'empty':
        return atom(f.multi ? `not ${name}/any()` : `${name} eq null`)
      case 'any':
        return atom(f.multi ? `${name}/any()` : `${name} ne null`)
      case 'string':
        if (v.wildcard) return this.wildcard(v.value, v.range, f, name)
        return this.equals(f, name, this.literal(v.value, f, v.range, v.quoted))
      case 'number':
        return this.equals(f, name, this.literal(v.text, f, v.range, false))
      case 'date':
        return this.dateEquals(v, f, name)
      case 'range':
        return this.range(v, f, name)
    }
  }

  /** The OData literal for a DMQL value on this field: lookup codes through the value map, else by the field's kind. */
  private literal(text: string, f: MappedField, range: SourceRange, quoted: boolean): string | undefined {
    if (lookupNotLoaded(f))
      return this.sink.fail(
        range,
        `The values of ${f.retsName}'s lookup ${f.retsLookup} are not loaded: reconnect, then translate`
      )
    if (f.values) {
      const pair =
        f.values.find((p) => p.rets === text) ?? f.values.find((p) => p.rets.toLowerCase() === text.toLowerCase())
      if (!pair) return this.sink.fail(range, `${text} is not a value of ${f.retsName}'s lookup`)
      if (pair.reso === undefined)
        return this.sink.fail(range, `${text} has no RESO value in ${f.resoName}: add a value override to the map`)
      return f.enumType ? `${f.enumType}${odataString(pair.reso)}` : odataString(pair.reso)
    }
    if (f.kind === 'string') return odataString(text)
    if (f.kind === 'number' && !quoted && /^-?\d+(\.\d+)?$/.test(text)) return text
    if (f.kind === 'boolean' && /^(1|0|true|false)$/i.test(text)) return /^(1|true)$/i.test(text) ? 'true' : 'false'
    return this.sink.fail(range, `${text} is not a ${f.kind} value for ${f.resoName} (${f.resoType})`)
  }

  private equals(f: MappedField, name: string, lit: string | undefined): Emitted | undefined {
    if (lit === undefined) return undefined
    if (!f.multi) return atom(`${name} eq ${lit}`)
    if (f.resoType?.startsWith('Collection(')) return atom(`${name}/any(x: x eq ${lit})`)
    return atom(`${name} has ${lit}`)
  }

  private wildcard(pattern: string, range: SourceRange, f: MappedField, name: string): Emitted | undefined {
    if (f.kind !== 'string' || f.values || f.multi)
      return this.sink.fail(range, `Wildcards have no OData equivalent on ${f.resoName} (${f.resoType})`)
    const m = /^(\*?)([^*?]+)(\*?)$/.exec(pattern)
    if (!m || (!m[1] && !m[3]))
      return this.sink.fail(
        range,
        `${pattern}: only text*, *text and *text* have OData equivalents (startswith, endswith, contains)`
      )
    const fn = m[1] && m[3] ? 'contains' : m[3] ? 'startswith' : 'endswith'
    return atom(`${fn}(${name},${odataString(m[2]!)})`)
  }

  private dateEquals(v: Extract<DmqlValueItem, { kind: 'date' }>, f: MappedField, name: string): Emitted | undefined {
    if (v.relative || v.precision !== 'date' || f.kind !== 'datetime') {
      const lit = this.dateLiteral(v, f)
      return lit === undefined ? undefined : atom(`${name} eq ${lit}`)
    }
    return { text: `${name} ge ${v.text}T00:00:00Z and ${name} lt ${nextDay(v.text)}T00:00:00Z`, prec: 'and' }
  }

  /** A date bound as an OData literal of the field's own type; undefined (with a diagnostic) where none is exact. */
  private dateLiteral(v: Extract<DmqlBound, { kind: 'date' }>, f: MappedField): string | undefined {
    if (v.relative === 'now' && f.kind === 'datetime') return 'now()'
    if (v.relative === 'today' && f.kind === 'date') return 'date(now())'
    if (v.relative)
      return this.sink.fail(
        v.range,
        `.${v.relative.toUpperCase()}. has no exact OData equivalent on ${f.resoName} (${f.resoType})`
      )
    if (v.precision === 'date' && f.kind === 'date') return v.text
    if (v.precision === 'datetime' && f.kind === 'datetime') return withZone(v.text)
    return this.sink.fail(v.range, `${v.text} has no exact OData equivalent on ${f.resoName} (${f.resoType})`)
  }

  private range(v: Extract<DmqlValueItem, { kind: 'range' }>, f: MappedField, name: string): Emitted | undefined {
    if (f.values || f.multi) return this.sink.fail(v.range, `A range has no meaning on the lookup field ${f.retsName}`)
    const parts: string[] = []
    if (v.from) {
      const lo = this.bound(v.from, f, 'from')
      if (lo === undefined) return undefined
      parts.push(`${name} ge ${lo}`)
    }
    if (v.to) {
      const hi = this.bound(v.to, f, 'to')
      if (hi === undefined) return undefined
      parts.push(hi.startsWith('<') ? `${name} lt ${hi.slice(1)}` : `${name} le ${hi}`)
    }
    return parts.length === 1 ? atom(parts[0]!) : { text: parts.join(' and '), prec: 'and' }
  }

  /** A range bound; '<' marks an exclusive upper bound (a whole day on a date-time field ends before the next day). */
  private bound(b: DmqlBound, f: MappedField, side: 'from' | 'to'): string | undefined {
    if (b.kind === 'number') {
      if (f.kind === 'number') return b.text
      return this.sink.fail(
        b.range,
        `${b.text} is a number but ${f.resoName} is ${f.resoType}: quote it or fix the field`
      )
    }
    if (b.kind === 'string') {
      if (f.kind === 'string') return odataString(b.value)
      return this.sink.fail(b.range, `${b.value} is text but ${f.resoName} is ${f.resoType}`)
    }
    if (b.precision === 'date' && !b.relative && f.kind === 'datetime')
      return side === 'from' ? `${b.text}T00:00:00Z` : `<${nextDay(b.text)}T00:00:00Z`
    return this.dateLiteral(b, f)
  }
}
