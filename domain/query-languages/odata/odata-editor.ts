import type { FieldMeta } from '../../metadata/metadata-model'
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  EditorContext,
  HoverInfo,
  LanguageServices,
  SyntaxToken,
  SyntaxTokenKind
} from '../editor/editor-types'
import {
  describeField,
  describeLookupValue,
  fieldItems,
  findLookupValue,
  lookupItems,
  lookupValuesOf,
  resolverFor
} from '../editor/field-docs'
import { checkFieldName, checkLiteral, type LiteralUse } from '../editor/value-checks'
import { isDateText, isDateTimeText } from '../values/compare-values'
import { fieldKindOf } from '../values/field-kind'
import type { ODataExpr, ODataLiteral } from './odata-ast'
import { ODATA_FUNCTIONS, ODataSyntaxError, parseODataFilter } from './odata-parser'
import { tokenizeOData, type ODataToken } from './odata-tokenizer'

// Editor services for OData $filter. Completion reads only the tokens before the cursor, so it works while the
// filter is half typed; diagnostics need a parse.

const COMPARISON = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has', 'in'])
const LOGICAL = new Set(['and', 'or', 'not'])
const CONSTANTS = new Set(['true', 'false', 'null'])
const OPERAND_END = new Set(['string', 'number', 'date', 'datetime', 'guid', 'enum', 'typed', 'rparen'])

function isWord(t: ODataToken | undefined, words: Set<string>): boolean {
  return t?.type === 'ident' && words.has(t.text.toLowerCase())
}

export function odataTokens(text: string): SyntaxToken[] {
  const toks = tokenizeOData(text)
  return toks.map((t, i): SyntaxToken => {
    let kind: SyntaxTokenKind
    switch (t.type) {
      case 'ident':
        if (isWord(t, COMPARISON)) kind = 'operator'
        else if (isWord(t, LOGICAL) || isWord(t, CONSTANTS) || toks[i + 1]?.type === 'lparen') kind = 'keyword'
        else kind = 'field'
        break
      case 'string':
        kind = 'string'
        break
      case 'enum':
        kind = 'lookup-value'
        break
      case 'number':
        kind = 'number'
        break
      case 'date':
      case 'datetime':
        kind = 'date'
        break
      case 'guid':
      case 'typed':
        kind = 'value'
        break
      case 'error':
        kind = 'error'
        break
      default:
        kind = 'punctuation'
    }
    return { from: t.from, to: t.to, kind }
  })
}

/** The collection field a lambda variable ranges over: `Features/any(f: f eq …)` → Features. */
function lambdaCollection(toks: ODataToken[], upTo: number, variable: string): string | undefined {
  for (let i = upTo - 1; i >= 4; i--) {
    const [coll, slash, op, open, v, colon] = toks.slice(i - 4, i + 2)
    if (
      v?.text === variable &&
      colon?.type === 'colon' &&
      open?.type === 'lparen' &&
      isWord(op, new Set(['any', 'all'])) &&
      slash?.type === 'slash' &&
      coll?.type === 'ident'
    ) {
      return coll.text
    }
  }
  return undefined
}

/** The field compared by the operator at `opIndex` (`City eq`, `f eq` inside a lambda), if it is a plain name. */
function fieldBefore(toks: ODataToken[], opIndex: number, ctx: EditorContext): FieldMeta | undefined {
  const t = toks[opIndex - 1]
  if (t?.type !== 'ident' || toks[opIndex - 2]?.type === 'slash') return undefined
  const name = lambdaCollection(toks, opIndex - 1, t.text) ?? t.text
  return resolverFor(ctx)(name)
}

function quote(v: string): string {
  return `'${v.replace(/'/g, "''")}'`
}

const OPERATOR_ITEMS: CompletionItem[] = [
  ...(['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const).map((op) => ({
    label: op,
    kind: 'operator' as const,
    detail: {
      eq: 'equals',
      ne: 'not equal',
      gt: 'greater than',
      ge: 'greater or equal',
      lt: 'less than',
      le: 'less or equal'
    }[op],
    insertText: `${op} `
  })),
  {
    label: 'has',
    kind: 'operator',
    detail: 'flags enum contains',
    insertText: 'has ',
    documentation: "Features has Ns.Features'Pool'"
  },
  {
    label: 'in',
    kind: 'operator',
    detail: 'one of a list',
    insertText: 'in (',
    documentation: "City in ('Fargo','Moorhead')"
  },
  { label: 'and', kind: 'keyword', insertText: 'and ' },
  { label: 'or', kind: 'keyword', insertText: 'or ' }
]

function functionItems(): CompletionItem[] {
  return Object.entries(ODATA_FUNCTIONS).map(([name, f]) => ({
    label: name,
    kind: 'function',
    detail: `→ ${f.returns}`,
    insertText: f.args === 0 ? `${name}()` : `${name}(`,
    documentation: f.doc
  }))
}

export function odataComplete(text: string, offset: number, ctx: EditorContext): CompletionList {
  const toks = tokenizeOData(text.slice(0, offset))
  const last = toks[toks.length - 1]
  const partial =
    last && last.to === offset && (last.type === 'ident' || (last.type === 'error' && last.text.startsWith("'")))
      ? last
      : undefined
  const beforeIndex = toks.length - (partial ? 2 : 1)
  const before = toks[beforeIndex]
  const list = (items: CompletionItem[]): CompletionList => ({
    from: partial ? partial.from : offset,
    to: offset,
    items
  })

  // Value position: after a comparison, after `has`, or inside `in (…)`.
  let opIndex = -1
  if (isWord(before, COMPARISON) && before!.text.toLowerCase() !== 'in') opIndex = beforeIndex
  else if (before?.type === 'lparen' || before?.type === 'comma') {
    let depth = 0
    for (let i = beforeIndex; i >= 0; i--) {
      const t = toks[i]!
      if (t.type === 'rparen') depth++
      else if (t.type === 'lparen' && depth-- === 0) {
        if (isWord(toks[i - 1], new Set(['in']))) opIndex = i - 1
        break
      }
    }
  }
  if (opIndex >= 0) {
    const field = fieldBefore(toks, opIndex, ctx)
    const isHas = toks[opIndex]!.text.toLowerCase() === 'has'
    return list(valueItems(field, isHas, ctx))
  }
  if (
    before &&
    (OPERAND_END.has(before.type) ||
      (before.type === 'ident' && !isWord(before, COMPARISON) && !isWord(before, LOGICAL)))
  ) {
    return list(OPERATOR_ITEMS)
  }
  if (before?.type === 'slash') {
    return list([
      {
        label: 'any',
        kind: 'keyword',
        detail: 'some element matches',
        insertText: 'any(x: x eq ',
        documentation: "Features/any(x: x eq 'Pool')"
      },
      {
        label: 'all',
        kind: 'keyword',
        detail: 'every element matches',
        insertText: 'all(x: x ',
        documentation: 'Rooms/all(x: x ne null)'
      }
    ])
  }
  return list([
    ...fieldItems(ctx, (n) => n, 'odata'),
    ...functionItems(),
    { label: 'not', kind: 'keyword', detail: 'negation', insertText: 'not ' }
  ])
}

function valueItems(field: FieldMeta | undefined, isHas: boolean, ctx: EditorContext): CompletionItem[] {
  const items: CompletionItem[] = []
  const values = lookupValuesOf(field, ctx)
  // Enum-typed properties (dataType is the enum's qualified name) can take the qualified literal; `has` needs it.
  const enumType = field && /\./.test(field.dataType) && !/^Edm\./i.test(field.dataType) ? field.dataType : undefined
  if (field && values)
    items.push(...lookupItems(field, values, (v) => (isHas && enumType ? `${enumType}${quote(v)}` : quote(v))))
  const kind = field ? fieldKindOf(field.dataType) : undefined
  if (kind === 'datetime' || kind === 'date')
    items.push({ label: 'now()', kind: 'function', detail: 'current date-time', insertText: 'now()' })
  if (kind === 'boolean')
    items.push(...['true', 'false'].map((b) => ({ label: b, kind: 'keyword' as const, insertText: b })))
  items.push({ label: 'null', kind: 'keyword', detail: 'no value', insertText: 'null' })
  return items
}

export function odataDiagnose(text: string, ctx: EditorContext): Diagnostic[] {
  // $filter is optional: an empty editor means "no filter", not a syntax error
  if (!text.trim()) return []
  let ast: ODataExpr
  try {
    ast = parseODataFilter(text)
  } catch (e) {
    if (e instanceof ODataSyntaxError) return [{ from: e.offset, to: e.end, severity: 'error', message: e.message }]
    throw e
  }
  const out: Diagnostic[] = []
  const fieldOf = (e: ODataExpr, vars: ReadonlyMap<string, FieldMeta | undefined>): FieldMeta | undefined => {
    if (e.type !== 'property' || e.path.length !== 1) return undefined
    return vars.has(e.path[0]!) ? vars.get(e.path[0]!) : resolverFor(ctx)(e.path[0]!)
  }
  const checkPair = (a: ODataExpr, b: ODataExpr, vars: ReadonlyMap<string, FieldMeta | undefined>): void => {
    const [field, lit] =
      b.type === 'literal'
        ? [fieldOf(a, vars), b]
        : a.type === 'literal'
          ? [fieldOf(b, vars), a]
          : [undefined, undefined]
    if (field && lit) out.push(...checkODataLiteral(field, lit, ctx))
  }
  const walk = (e: ODataExpr, vars: ReadonlyMap<string, FieldMeta | undefined>): void => {
    switch (e.type) {
      case 'property':
        if (e.path.length === 1 && !vars.has(e.path[0]!))
          out.push(...checkFieldName(e.path[0]!, e.range, ctx).diagnostics)
        return
      case 'binary':
        walk(e.left, vars)
        walk(e.right, vars)
        if (e.op !== 'and' && e.op !== 'or') checkPair(e.left, e.right, vars)
        return
      case 'not': {
        // `not` binds tighter than eq (URL Conventions §5.1.1.15): `not City eq 'x'` negates City alone.
        const f = fieldOf(e.operand, vars)
        if (f && fieldKindOf(f.dataType) !== 'boolean') {
          out.push({
            ...e.range,
            severity: 'warning',
            message: `'not' applies to ${f.systemName} alone here; write not (${text.slice(e.operand.range.from, e.operand.range.to)} …) to negate a comparison`
          })
        }
        return walk(e.operand, vars)
      }
      case 'in':
        walk(e.left, vars)
        for (const item of e.list) checkPair(e.left, item, vars)
        return
      case 'call':
        return e.args.forEach((a) => walk(a, vars))
      case 'lambda': {
        // The collection may be a navigation property (Media, Rooms), which is not among the class's fields.
        if (!e.body || !e.variable) return
        const coll = e.collection.path.length === 1 ? resolverFor(ctx)(e.collection.path[0]!) : undefined
        return walk(e.body, new Map(vars).set(e.variable, coll))
      }
      case 'literal':
        return
    }
  }
  walk(ast, new Map())
  return out
}

function checkODataLiteral(field: FieldMeta, lit: ODataLiteral, ctx: EditorContext): Diagnostic[] {
  const kind = fieldKindOf(field.dataType)
  const text = String(lit.value)
  // OData is typed: a quoted date or number is a string, which strict servers reject.
  if (
    lit.valueType === 'string' &&
    (kind === 'date' || kind === 'datetime') &&
    (isDateText(text) || isDateTimeText(text))
  ) {
    return [{ ...lit.range, severity: 'warning', message: `OData writes dates without quotes: ${text}` }]
  }
  if (lit.valueType === 'string' && kind === 'number' && /^-?\d+(\.\d+)?$/.test(text)) {
    return [
      {
        ...lit.range,
        severity: 'warning',
        message: `${field.systemName} is numeric: write the number without quotes (${text})`
      }
    ]
  }
  if (lit.valueType === 'number' && kind === 'string') {
    return [
      {
        ...lit.range,
        severity: 'error',
        message: `${field.systemName} is text (${field.dataType}): quote the value ('${lit.text}')`
      }
    ]
  }
  const uses: LiteralUse[] =
    lit.valueType === 'enum'
      ? text.split(',').map((m) => ({ kind: 'string', text: m.trim(), range: lit.range }))
      : [{ kind: literalKind(lit), text, range: lit.range }]
  return uses.flatMap((u) => checkLiteral(field, u, ctx))
}

function literalKind(lit: ODataLiteral): LiteralUse['kind'] {
  switch (lit.valueType) {
    case 'string':
    case 'number':
    case 'date':
    case 'datetime':
    case 'boolean':
    case 'null':
      return lit.valueType
    default:
      return 'other'
  }
}

export function odataHover(text: string, offset: number, ctx: EditorContext): HoverInfo | undefined {
  const toks = tokenizeOData(text)
  const i = toks.findIndex((t) => t.from <= offset && offset < t.to)
  const t = toks[i]
  if (!t) return undefined
  if (t.type === 'ident') {
    const fn = Object.hasOwn(ODATA_FUNCTIONS, t.text.toLowerCase()) ? ODATA_FUNCTIONS[t.text.toLowerCase()] : undefined
    if (fn && toks[i + 1]?.type === 'lparen') return { from: t.from, to: t.to, text: `\`${fn.doc}\`` }
    const name = lambdaCollection(toks, i, t.text) ?? t.text
    const f = resolverFor(ctx)(name)
    return f ? { from: t.from, to: t.to, text: describeField(f, lookupValuesOf(f, ctx)) } : undefined
  }
  if (t.type === 'string' || t.type === 'enum') {
    const opIndex = isWord(toks[i - 1], COMPARISON) ? i - 1 : -1
    const f = opIndex >= 0 ? fieldBefore(toks, opIndex, ctx) : undefined
    const values = lookupValuesOf(f, ctx)
    const v = values && findLookupValue(values, t.value ?? '')
    return f && v ? { from: t.from, to: t.to, text: describeLookupValue(f, v) } : undefined
  }
  return undefined
}

export const odataLanguage: LanguageServices = {
  tokens: odataTokens,
  complete: odataComplete,
  diagnose: odataDiagnose,
  hover: odataHover
}
