import { QuerySyntaxError, positionOf } from '../source-range'
import type { ODataBinaryOp, ODataExpr, ODataLiteral, ODataProperty } from './odata-ast'
import { tokenizeOData, type ODataToken } from './odata-tokenizer'

// Precedence climbing per OData URL Conventions §5.1.1.1 (lowest first): or, and, eq/ne, gt/ge/lt/le,
// has/in, not, then primaries (literals, properties, calls, lambdas, parentheses). Operator words are matched
// case-insensitively: the spec keeps them lower case, but servers accept `AND`/`Eq` and users type them.

export class ODataSyntaxError extends QuerySyntaxError {
  constructor(message: string, offset: number, end?: number) {
    super('odata', message, offset, end)
    this.name = 'ODataSyntaxError'
  }
}

export const ODATA_FUNCTIONS: Record<
  string,
  { args: number; returns: 'boolean' | 'string' | 'number' | 'datetime' | 'date'; doc: string }
> = {
  contains: { args: 2, returns: 'boolean', doc: "contains(Field, 'text'): true when the text occurs in the field" },
  startswith: { args: 2, returns: 'boolean', doc: "startswith(Field, 'text')" },
  endswith: { args: 2, returns: 'boolean', doc: "endswith(Field, 'text')" },
  tolower: { args: 1, returns: 'string', doc: 'tolower(Field): lower-case text' },
  toupper: { args: 1, returns: 'string', doc: 'toupper(Field): upper-case text' },
  trim: { args: 1, returns: 'string', doc: 'trim(Field): text without leading/trailing spaces' },
  length: { args: 1, returns: 'number', doc: 'length(Field): number of characters' },
  year: { args: 1, returns: 'number', doc: 'year(DateField)' },
  month: { args: 1, returns: 'number', doc: 'month(DateField), 1-12' },
  day: { args: 1, returns: 'number', doc: 'day(DateField), 1-31' },
  hour: { args: 1, returns: 'number', doc: 'hour(DateTimeField)' },
  minute: { args: 1, returns: 'number', doc: 'minute(DateTimeField)' },
  second: { args: 1, returns: 'number', doc: 'second(DateTimeField)' },
  date: { args: 1, returns: 'date', doc: 'date(DateTimeField): the day part' },
  now: { args: 0, returns: 'datetime', doc: 'now(): the current date-time' }
}

const LEVELS: ODataBinaryOp[][] = [['or'], ['and'], ['eq', 'ne'], ['gt', 'ge', 'lt', 'le']]

export function parseODataFilter(text: string): ODataExpr {
  return new Parser(text).parseAll()
}

class Parser {
  private readonly tokens: ODataToken[]
  private pos = 0
  constructor(private readonly text: string) {
    this.tokens = tokenizeOData(text)
  }

  parseAll(): ODataExpr {
    if (this.tokens.length === 0)
      throw new ODataSyntaxError(
        "The filter is empty. Example: City eq 'Fargo' and ListPrice ge 100000",
        0,
        this.text.length
      )
    const e = this.parseLevel(0)
    const t = this.peek()
    if (t) {
      if (t.type === 'rparen') throw this.error(t, "Unexpected ')': it has no matching '('")
      throw this.error(t, `Expected an operator (and, or, eq, ne, gt, ge, lt, le, has, in) before '${t.text}'`)
    }
    return e
  }

  private parseLevel(level: number): ODataExpr {
    if (level === LEVELS.length) return this.parseHasIn()
    let left = this.parseLevel(level + 1)
    for (;;) {
      const t = this.peek()
      const op = t?.type === 'ident' ? (t.text.toLowerCase() as ODataBinaryOp) : undefined
      if (!t || !op || !LEVELS[level]!.includes(op)) return left
      this.pos++
      const right = this.parseLevel(level + 1)
      left = {
        type: 'binary',
        op,
        left,
        right,
        opRange: { from: t.from, to: t.to },
        range: { from: left.range.from, to: right.range.to }
      }
    }
  }

  private parseHasIn(): ODataExpr {
    let left = this.parseUnary()
    for (;;) {
      const t = this.peek()
      const word = t?.type === 'ident' ? t.text.toLowerCase() : ''
      if (word === 'has') {
        this.pos++
        const right = this.parseUnary()
        left = {
          type: 'binary',
          op: 'has',
          left,
          right,
          opRange: { from: t!.from, to: t!.to },
          range: { from: left.range.from, to: right.range.to }
        }
      } else if (word === 'in') {
        this.pos++
        const open = this.expect('lparen', "Expected '(' after 'in', e.g. City in ('Fargo','Moorhead')")
        const list = this.parseArgs(open)
        const close = this.tokens[this.pos - 1]!
        if (list.length === 0) throw new ODataSyntaxError("'in' needs at least one value", open.from, close.to)
        left = { type: 'in', left, list, range: { from: left.range.from, to: close.to } }
      } else return left
    }
  }

  private parseUnary(): ODataExpr {
    const t = this.peek()
    if (t?.type === 'ident' && t.text.toLowerCase() === 'not') {
      this.pos++
      const operand = this.parseUnary()
      return { type: 'not', operand, range: { from: t.from, to: operand.range.to } }
    }
    return this.parsePrimary()
  }

  private parsePrimary(): ODataExpr {
    const t = this.peek()
    if (!t)
      throw new ODataSyntaxError(
        'Expected a value, a field name or a function after this point',
        this.text.length,
        this.text.length
      )
    this.pos++
    const range = { from: t.from, to: t.to }
    switch (t.type) {
      case 'lparen': {
        const inner = this.parseLevel(0)
        const close = this.peek()
        if (close?.type !== 'rparen') {
          const msg = `Missing ')' to close the '(' at ${positionOf(this.text, t.from)}`
          throw close
            ? this.error(close, `${msg}, found '${close.text}'`)
            : new ODataSyntaxError(msg, this.text.length, this.text.length)
        }
        this.pos++
        return { ...inner, range: { from: t.from, to: close.to } }
      }
      case 'string':
        return literal('string', t.value ?? '', t, range)
      case 'number':
        return literal('number', Number(t.text.replace(/^(-?)INF$/, '$1Infinity')), t, range)
      case 'date':
      case 'datetime':
      case 'guid':
      case 'typed':
        return literal(t.type, t.type === 'typed' ? (t.value ?? '') : t.text, t, range)
      case 'enum':
        return { ...literal('enum', t.value ?? '', t, range), enumType: t.enumType! }
      case 'ident':
        return this.parseIdent(t)
      case 'error':
        throw this.error(
          t,
          t.text.startsWith("'")
            ? "Unterminated string: add the closing quote (write '' for a quote inside)"
            : `Unexpected '${t.text}'`
        )
      default:
        throw this.error(t, `Expected a value, a field name or a function, found '${t.text}'`)
    }
  }

  private parseIdent(t: ODataToken): ODataExpr {
    const lower = t.text.toLowerCase()
    const range = { from: t.from, to: t.to }
    if (lower === 'true' || lower === 'false') return literal('boolean', lower === 'true', t, range)
    if (lower === 'null') return literal('null', null, t, range)
    if (this.peek()?.type === 'lparen') {
      const open = this.tokens[this.pos++]!
      const args = this.parseArgs(open)
      const close = this.tokens[this.pos - 1]!
      const fn = Object.hasOwn(ODATA_FUNCTIONS, lower) ? ODATA_FUNCTIONS[lower] : undefined
      if (!fn) throw this.error(t, `Unknown function '${t.text}'. Known: ${Object.keys(ODATA_FUNCTIONS).join(', ')}`)
      if (args.length !== fn.args) {
        throw new ODataSyntaxError(
          `${lower}() takes ${fn.args} argument${fn.args === 1 ? '' : 's'}, got ${args.length}`,
          t.from,
          close.to
        )
      }
      return { type: 'call', name: lower, args, nameRange: range, range: { from: t.from, to: close.to } }
    }
    if (['and', 'or', 'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has', 'in'].includes(lower)) {
      throw this.error(t, `Expected a field name or a value before '${t.text}'`)
    }
    const path = [t.text]
    let end = t.to
    while (this.peek()?.type === 'slash') {
      this.pos++
      const seg = this.peek()
      if (seg?.type !== 'ident') {
        throw seg
          ? this.error(seg, "Expected a property name or any/all after '/'")
          : new ODataSyntaxError("Expected a property name or any/all after '/'", this.text.length)
      }
      this.pos++
      const segLower = seg.text.toLowerCase()
      if ((segLower === 'any' || segLower === 'all') && this.peek()?.type === 'lparen') {
        const collection: ODataProperty = { type: 'property', path, range: { from: t.from, to: end } }
        return this.parseLambda(segLower, collection)
      }
      path.push(seg.text)
      end = seg.to
    }
    return { type: 'property', path, range: { from: t.from, to: end } }
  }

  private parseLambda(op: 'any' | 'all', collection: ODataProperty): ODataExpr {
    const open = this.tokens[this.pos++]!
    if (this.peek()?.type === 'rparen') {
      const close = this.tokens[this.pos++]!
      if (op === 'all') throw this.error(close, 'all() needs a condition, e.g. Rooms/all(r: r/Area gt 10)')
      return { type: 'lambda', op, collection, range: { from: collection.range.from, to: close.to } }
    }
    const v = this.expect('ident', `Expected a variable name after '${op}(', e.g. ${op}(x: x eq 'A')`)
    this.expect('colon', `Expected ':' after the lambda variable '${v.text}'`)
    const body = this.parseLevel(0)
    const close = this.peek()
    if (close?.type !== 'rparen') {
      const msg = `Missing ')' to close ${op}( at ${positionOf(this.text, open.from)}`
      throw close ? this.error(close, msg) : new ODataSyntaxError(msg, this.text.length)
    }
    this.pos++
    return {
      type: 'lambda',
      op,
      collection,
      variable: v.text,
      body,
      range: { from: collection.range.from, to: close.to }
    }
  }

  /** Comma-separated expressions up to and including the closing `)`. */
  private parseArgs(open: ODataToken): ODataExpr[] {
    const args: ODataExpr[] = []
    if (this.peek()?.type === 'rparen') {
      this.pos++
      return args
    }
    for (;;) {
      args.push(this.parseLevel(0))
      const t = this.peek()
      if (t?.type === 'comma') {
        this.pos++
        continue
      }
      if (t?.type === 'rparen') {
        this.pos++
        return args
      }
      const msg = `Expected ',' or ')' in the list opened at ${positionOf(this.text, open.from)}`
      throw t ? this.error(t, msg) : new ODataSyntaxError(msg, this.text.length)
    }
  }

  private expect(type: ODataToken['type'], message: string): ODataToken {
    const t = this.peek()
    if (t?.type !== type) throw t ? this.error(t, message) : new ODataSyntaxError(message, this.text.length)
    this.pos++
    return t
  }

  private peek(): ODataToken | undefined {
    return this.tokens[this.pos]
  }

  private error(t: ODataToken, message: string): ODataSyntaxError {
    return new ODataSyntaxError(message, t.from, t.to)
  }
}

function literal(
  valueType: ODataLiteral['valueType'],
  value: ODataLiteral['value'],
  t: ODataToken,
  range: { from: number; to: number }
): ODataLiteral {
  return { type: 'literal', valueType, value, text: t.text, range }
}
