import { QuerySyntaxError, positionOf } from '../source-range'
import { isDateText, isDateTimeText } from '../values/compare-values'
import type { SparkCondition, SparkNode, SparkOp, SparkValue } from './sparkql-ast'
import { tokenizeSparkQL, type SparkToken } from './sparkql-tokenizer'

// Recursive descent for SparkQL:
//   or-expr   = and-expr *( "Or" and-expr )
//   and-expr  = not-expr *( ("And" / "Not") not-expr )     ; "A Not B" reads as "A And Not B", as Spark does
//   not-expr  = "Not" not-expr / "(" or-expr ")" / condition
//   condition = field op value *( "," value )
// Words are matched case-insensitively (Spark documents `Eq`, `And`; users type `eq`, `AND`).

export class SparkQLSyntaxError extends QuerySyntaxError {
  constructor(message: string, offset: number, end?: number) {
    super('sparkql', message, offset, end)
    this.name = 'SparkQLSyntaxError'
  }
}

export const SPARK_OPS: Record<string, SparkOp> = {
  eq: 'Eq',
  ne: 'Ne',
  gt: 'Gt',
  ge: 'Ge',
  lt: 'Lt',
  le: 'Le',
  bt: 'Bt'
}
const SYMBOL_HINT: Record<string, SparkOp> = {
  '=': 'Eq',
  '==': 'Eq',
  '!=': 'Ne',
  '<>': 'Ne',
  '>': 'Gt',
  '>=': 'Ge',
  '<': 'Lt',
  '<=': 'Le'
}
export const SPARK_FUNCTIONS = ['now', 'days', 'months', 'years'] as const

export function parseSparkQL(text: string): SparkNode {
  return new Parser(text).parseAll()
}

class Parser {
  private readonly tokens: SparkToken[]
  private pos = 0
  constructor(private readonly text: string) {
    this.tokens = tokenizeSparkQL(text)
  }

  parseAll(): SparkNode {
    if (this.tokens.length === 0)
      throw new SparkQLSyntaxError(
        "The filter is empty. Example: City Eq 'Fargo' And ListPrice Ge 100000",
        0,
        this.text.length
      )
    const node = this.parseOr()
    const t = this.peek()
    if (t) {
      if (t.type === 'rparen') throw this.error(t, "Unexpected ')': it has no matching '('")
      throw this.error(t, `Expected And or Or before '${t.text}'`)
    }
    return node
  }

  private parseOr(): SparkNode {
    const items = [this.parseAnd()]
    while (this.isWord('or')) {
      this.pos++
      items.push(this.parseAnd())
    }
    return items.length === 1 ? items[0]! : { type: 'or', items, range: span(items) }
  }

  private parseAnd(): SparkNode {
    const items = [this.parseNot()]
    for (;;) {
      if (this.isWord('and')) {
        this.pos++
        items.push(this.parseNot())
      } else if (this.isWord('not')) {
        const t = this.tokens[this.pos++]!
        const item = this.parseNot()
        items.push({ type: 'not', item, range: { from: t.from, to: item.range.to } })
      } else break
    }
    return items.length === 1 ? items[0]! : { type: 'and', items, range: span(items) }
  }

  private parseNot(): SparkNode {
    const t = this.peek()
    if (!t) throw this.atEnd("Expected a condition such as City Eq 'Fargo' after this point")
    if (this.isWord('not')) {
      this.pos++
      const item = this.parseNot()
      return { type: 'not', item, range: { from: t.from, to: item.range.to } }
    }
    if (t.type === 'lparen') {
      this.pos++
      const inner = this.parseOr()
      const close = this.peek()
      if (close?.type !== 'rparen') {
        const msg = `Missing ')' to close the '(' at ${positionOf(this.text, t.from)}`
        throw close ? this.error(close, `${msg}, found '${close.text}'`) : this.atEnd(msg)
      }
      this.pos++
      return { ...inner, range: { from: t.from, to: close.to } }
    }
    return this.parseCondition()
  }

  private parseCondition(): SparkCondition {
    const f = this.tokens[this.pos]!
    if (f.type !== 'ident' && f.type !== 'quoted-field') {
      throw this.error(
        f,
        f.type === 'error' && f.text.startsWith('"')
          ? "Unterminated custom field name: add the closing '\"'"
          : `Expected a field name, found '${f.text}'`
      )
    }
    this.pos++
    const opTok = this.peek()
    if (!opTok) throw this.atEnd(`Expected an operator (Eq, Ne, Gt, Ge, Lt, Le, Bt) after '${f.text}'`)
    const op =
      opTok.type === 'ident' && Object.hasOwn(SPARK_OPS, opTok.text.toLowerCase())
        ? SPARK_OPS[opTok.text.toLowerCase()]
        : undefined
    if (!op) {
      const hint = Object.hasOwn(SYMBOL_HINT, opTok.text) ? SYMBOL_HINT[opTok.text] : undefined
      throw this.error(
        opTok,
        hint
          ? `SparkQL writes '${opTok.text}' as ${hint}`
          : `Expected an operator (Eq, Ne, Gt, Ge, Lt, Le, Bt) after '${f.text}', found '${opTok.text}'`
      )
    }
    this.pos++
    const values = [this.parseValue()]
    while (this.peek()?.type === 'comma') {
      this.pos++
      values.push(this.parseValue())
    }
    const first = values[0]!.range.from
    const last = values[values.length - 1]!.range.to
    if (op === 'Bt' && values.length !== 2) {
      throw new SparkQLSyntaxError(`Bt takes exactly two values (low,high), got ${values.length}`, first, last)
    }
    if (op !== 'Bt' && op !== 'Eq' && op !== 'Ne' && values.length > 1) {
      throw new SparkQLSyntaxError(`${op} takes one value; only Eq and Ne accept a list`, first, last)
    }
    const fieldName = f.type === 'quoted-field' ? f.value! : f.text
    return {
      type: 'condition',
      field: fieldName,
      fieldRange: { from: f.from, to: f.to },
      op,
      opRange: { from: opTok.from, to: opTok.to },
      values,
      range: { from: f.from, to: last }
    }
  }

  private parseValue(): SparkValue {
    const t = this.peek()
    if (!t) throw this.atEnd('Expected a value after this point')
    this.pos++
    const range = { from: t.from, to: t.to }
    switch (t.type) {
      case 'string':
        return { kind: 'string', value: t.value ?? '', wildcard: (t.value ?? '').includes('*'), range }
      case 'number':
        return { kind: 'number', value: Number(t.text), text: t.text, range }
      case 'date':
        if (!isDateText(t.text)) throw this.error(t, `'${t.text}' is not a valid date (YYYY-MM-DD)`)
        return { kind: 'date', text: t.text, precision: 'date', range }
      case 'datetime':
        if (!isDateTimeText(t.text)) throw this.error(t, `'${t.text}' is not a valid date-time`)
        return { kind: 'date', text: t.text, precision: 'datetime', range }
      case 'time':
        return { kind: 'time', text: t.text, range }
      case 'ident':
        return this.parseWordValue(t)
      case 'error':
        if (t.text.startsWith("'"))
          throw this.error(t, "Unterminated string: add the closing quote (write \\' for a quote inside)")
        throw this.error(t, `Unexpected '${t.text}'`)
      default:
        throw this.error(t, `Expected a value, found '${t.text}'`)
    }
  }

  private parseWordValue(t: SparkToken): SparkValue {
    const lower = t.text.toLowerCase()
    const range = { from: t.from, to: t.to }
    if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', range }
    if (lower === 'null') return { kind: 'null', range }
    if ((SPARK_FUNCTIONS as readonly string[]).includes(lower) && this.peek()?.type === 'lparen') {
      this.pos++
      const name = lower as (typeof SPARK_FUNCTIONS)[number]
      let arg: number | undefined
      if (this.peek()?.type === 'number') arg = Number(this.tokens[this.pos++]!.text)
      const close = this.peek()
      if (close?.type !== 'rparen')
        throw close
          ? this.error(close, `Expected ')' to close ${lower}(`)
          : this.atEnd(`Expected ')' to close ${lower}(`)
      this.pos++
      if (name !== 'now' && arg === undefined)
        throw new SparkQLSyntaxError(`${lower}() needs a number, e.g. ${lower}(-7)`, t.from, close.to)
      return { kind: 'function', name, ...(arg !== undefined ? { arg } : {}), range: { from: t.from, to: close.to } }
    }
    throw this.error(t, `Text values need single quotes: '${t.text}'`)
  }

  private isWord(word: string): boolean {
    const t = this.peek()
    return t?.type === 'ident' && t.text.toLowerCase() === word
  }

  private peek(): SparkToken | undefined {
    return this.tokens[this.pos]
  }

  private error(t: SparkToken, message: string): SparkQLSyntaxError {
    return new SparkQLSyntaxError(message, t.from, t.to)
  }

  private atEnd(message: string): SparkQLSyntaxError {
    return new SparkQLSyntaxError(message, this.text.length, this.text.length)
  }
}

function span(items: SparkNode[]): { from: number; to: number } {
  return { from: items[0]!.range.from, to: items[items.length - 1]!.range.to }
}
