import { QuerySyntaxError, positionOf } from '../source-range'
import type { DmqlCriterion, DmqlLookupOp, DmqlNode, DmqlValueItem } from './dmql-ast'
import { tokenizeDmql, type DmqlToken } from './dmql-tokenizer'
import { classifyDmqlItem } from './dmql-values'

// Recursive descent over RETS 1.7.2 §7.7.1:
//   search-condition = query-clause *( or query-clause )        or  = "|" / "OR"
//   query-clause     = boolean-element *( and boolean-element ) and = "," / "AND"
//   boolean-element  = [ not ] query-element                     not = "~" / "NOT"
//   query-element    = field-criteria / "(" search-condition ")"
//   field-criteria   = "(" field "=" field-value ")"
// so AND binds tighter than OR, as in SQL.

export class DmqlSyntaxError extends QuerySyntaxError {
  constructor(message: string, offset: number, end?: number) {
    super('dmql', message, offset, end)
    this.name = 'DmqlSyntaxError'
  }
}

const LOOKUP_OPS: Record<string, DmqlLookupOp> = { '|': 'or', '+': 'and', '~': 'not' }

export function parseDmql(text: string): DmqlNode {
  return new Parser(text).parseQuery()
}

class Parser {
  private readonly tokens: DmqlToken[]
  private pos = 0
  constructor(private readonly text: string) {
    this.tokens = tokenizeDmql(text)
  }

  parseQuery(): DmqlNode {
    if (this.tokens.length === 0) {
      throw new DmqlSyntaxError('The query is empty. A DMQL2 query looks like (ListPrice=100000+)', 0, this.text.length)
    }
    const node = this.parseOr()
    const t = this.peek()
    if (t) {
      if (t.type === 'rparen') throw this.error(t, "Unexpected ')': it has no matching '('")
      if (t.type === 'lparen') {
        throw this.error(t, "Expected ',' (AND) or '|' (OR) between two conditions")
      }
      throw this.error(t, `Unexpected '${t.text}' after the end of the query`)
    }
    return node
  }

  private parseOr(): DmqlNode {
    const items = [this.parseAnd()]
    while (this.peek()?.type === 'or') {
      this.pos++
      items.push(this.parseAnd())
    }
    return items.length === 1 ? items[0]! : { type: 'or', items, range: span(items) }
  }

  private parseAnd(): DmqlNode {
    const items = [this.parseNot()]
    while (this.peek()?.type === 'and') {
      this.pos++
      items.push(this.parseNot())
    }
    return items.length === 1 ? items[0]! : { type: 'and', items, range: span(items) }
  }

  private parseNot(): DmqlNode {
    const t = this.peek()
    if (t?.type === 'not') {
      this.pos++
      const item = this.parseNot()
      return { type: 'not', item, range: { from: t.from, to: item.range.to } }
    }
    return this.parseElement()
  }

  private parseElement(): DmqlNode {
    const open = this.peek()
    if (!open) throw this.atEnd('Expected a condition such as (Field=value) after this point')
    if (open.type !== 'lparen') {
      if (open.type === 'field' || open.type === 'error') {
        throw this.error(open, `Expected '(' before '${open.text}': each condition is written (Field=value)`)
      }
      throw this.error(open, `Expected '(' to start a condition, found '${open.text}'`)
    }
    this.pos++
    const next = this.peek()
    if (!next) throw this.atEnd(`Missing field name and ')' for the '(' at ${positionOf(this.text, open.from)}`)
    if (next.type === 'rparen') throw this.error(next, 'Empty parentheses: expected (Field=value) inside')
    if (next.type === 'field') return this.parseCriterion(open)
    const inner = this.parseOr()
    const close = this.peek()
    if (close?.type !== 'rparen') {
      throw close
        ? this.error(
            close,
            `Expected ')' to close the '(' at ${positionOf(this.text, open.from)}, found '${close.text}'`
          )
        : this.atEnd(`Missing ')' to close the '(' at ${positionOf(this.text, open.from)}`)
    }
    this.pos++
    return { ...inner, range: { from: open.from, to: close.to } }
  }

  private parseCriterion(open: DmqlToken): DmqlCriterion {
    const field = this.tokens[this.pos++]!
    const eq = this.peek()
    if (eq?.type !== 'equals') {
      const msg = `Expected '=' after the field name '${field.text}' (DMQL2 has no other comparison operator; use ranges like 100+ or 5-10)`
      throw eq ? this.error(eq, msg) : this.atEnd(msg)
    }
    this.pos++
    let lookupOp: DmqlLookupOp | undefined
    const opTok = this.peek()
    if (opTok?.type === 'lookup-op') {
      lookupOp = LOOKUP_OPS[opTok.text]
      this.pos++
    }
    const values: DmqlValueItem[] = []
    let expectItem = true
    for (;;) {
      const t = this.peek()
      if (!t)
        throw this.atEnd(
          `Missing ')' to close the condition on ${field.text} that starts at ${positionOf(this.text, open.from)}`
        )
      if (t.type === 'rparen') break
      if (t.type === 'error') throw this.error(t, `Unterminated quoted string: add the closing '"'`)
      if (t.type === 'comma') {
        if (expectItem) throw this.error(t, `Empty value in the list for ${field.text}`)
        expectItem = true
      } else {
        values.push(classifyDmqlItem(t.text, t.from))
        expectItem = false
      }
      this.pos++
    }
    const close = this.tokens[this.pos++]!
    const valueRange = { from: eq.to, to: close.from }
    if (values.length === 0 || expectItem) {
      const what = lookupOp ? 'lookup value' : 'value'
      throw new DmqlSyntaxError(
        `Missing ${what} after '${field.text}=' (e.g. ${field.text}=|A,B or ${field.text}=100+)`,
        valueRange.from,
        Math.max(close.to, valueRange.from + 1)
      )
    }
    const any = values.find((v) => v.kind === 'any')
    if (any && values.length > 1) {
      throw new DmqlSyntaxError('.ANY. matches every value and must stand alone', any.range.from, any.range.to)
    }
    for (const v of values) {
      if (lookupOp && v.kind === 'range') {
        throw new DmqlSyntaxError(
          `A lookup list (${opTok!.text}) takes lookup values, not a range`,
          v.range.from,
          v.range.to
        )
      }
    }
    return {
      type: 'criterion',
      field: field.text,
      fieldRange: { from: field.from, to: field.to },
      ...(lookupOp ? { lookupOp } : {}),
      values,
      valueRange,
      range: { from: open.from, to: close.to }
    }
  }

  private peek(): DmqlToken | undefined {
    return this.tokens[this.pos]
  }

  private error(t: DmqlToken, message: string): DmqlSyntaxError {
    return new DmqlSyntaxError(message, t.from, t.to)
  }

  private atEnd(message: string): DmqlSyntaxError {
    return new DmqlSyntaxError(message, this.text.length, this.text.length)
  }
}

function span(items: DmqlNode[]): { from: number; to: number } {
  return { from: items[0]!.range.from, to: items[items.length - 1]!.range.to }
}
