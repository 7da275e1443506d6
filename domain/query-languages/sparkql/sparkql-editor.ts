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
import { fieldKindOf } from '../values/field-kind'
import type { SparkNode, SparkValue } from './sparkql-ast'
import { parseSparkQL, SparkQLSyntaxError, SPARK_FUNCTIONS, SPARK_OPS } from './sparkql-parser'
import { tokenizeSparkQL, type SparkToken } from './sparkql-tokenizer'

// Editor services for SparkQL `_filter`.

const CONJUNCTIONS = new Set(['and', 'or', 'not'])
const CONSTANTS = new Set(['true', 'false', 'null'])
const VALUE_END = new Set(['string', 'number', 'date', 'datetime', 'time', 'rparen'])

const word = (t: SparkToken | undefined): string => (t?.type === 'ident' ? t.text.toLowerCase() : '')
const isOp = (t: SparkToken | undefined): boolean => Object.hasOwn(SPARK_OPS, word(t))
const isFieldToken = (t: SparkToken | undefined): boolean =>
  t?.type === 'quoted-field' ||
  (t?.type === 'ident' && !isOp(t) && !CONJUNCTIONS.has(word(t)) && !CONSTANTS.has(word(t)))
const fieldName = (t: SparkToken): string => (t.type === 'quoted-field' ? t.value! : t.text)

const TOKEN_KINDS: Record<SparkToken['type'], SyntaxTokenKind> = {
  ident: 'field',
  'quoted-field': 'field',
  string: 'string',
  number: 'number',
  date: 'date',
  datetime: 'date',
  time: 'date',
  lparen: 'punctuation',
  rparen: 'punctuation',
  comma: 'punctuation',
  error: 'error'
}

export function sparkqlTokens(text: string): SyntaxToken[] {
  const toks = tokenizeSparkQL(text)
  return toks.map((t, i): SyntaxToken => {
    let kind = TOKEN_KINDS[t.type]
    if (t.type === 'ident') {
      const w = word(t)
      if (isOp(t)) kind = 'operator'
      else if (CONJUNCTIONS.has(w) || CONSTANTS.has(w)) kind = 'keyword'
      else if ((SPARK_FUNCTIONS as readonly string[]).includes(w) && toks[i + 1]?.type === 'lparen') kind = 'keyword'
    }
    return { from: t.from, to: t.to, kind }
  })
}

const OP_ITEMS: CompletionItem[] = [
  { label: 'Eq', kind: 'operator', detail: 'equals (a list = any of)', insertText: 'Eq ' },
  { label: 'Ne', kind: 'operator', detail: 'not equal (a list = none of)', insertText: 'Ne ' },
  { label: 'Gt', kind: 'operator', detail: 'greater than', insertText: 'Gt ' },
  { label: 'Ge', kind: 'operator', detail: 'greater or equal', insertText: 'Ge ' },
  { label: 'Lt', kind: 'operator', detail: 'less than', insertText: 'Lt ' },
  { label: 'Le', kind: 'operator', detail: 'less or equal', insertText: 'Le ' },
  {
    label: 'Bt',
    kind: 'operator',
    detail: 'between low,high (inclusive)',
    insertText: 'Bt ',
    documentation: 'ListPrice Bt 100000,200000'
  }
]
const CONJ_ITEMS: CompletionItem[] = ['And', 'Or', 'Not'].map((w) => ({
  label: w,
  kind: 'keyword',
  insertText: `${w} `
}))

export function sparkqlComplete(text: string, offset: number, ctx: EditorContext): CompletionList {
  const toks = tokenizeSparkQL(text.slice(0, offset))
  const last = toks[toks.length - 1]
  const partial =
    last && last.to === offset && (last.type === 'ident' || (last.type === 'error' && /^['"]/.test(last.text)))
      ? last
      : undefined
  const bi = toks.length - (partial ? 2 : 1)
  const before = toks[bi]
  const list = (items: CompletionItem[]): CompletionList => ({
    from: partial ? partial.from : offset,
    to: offset,
    items
  })

  let opIndex = -1
  if (isOp(before)) opIndex = bi
  else if (before?.type === 'comma') {
    for (let i = bi - 1; i >= 0 && opIndex < 0; i--) if (isOp(toks[i])) opIndex = i
  }
  if (opIndex >= 0) {
    const ft = toks[opIndex - 1]
    const field = ft && isFieldToken(ft) ? resolverFor(ctx)(fieldName(ft)) : undefined
    return list(valueItems(field, ctx))
  }
  if (isFieldToken(before)) return list(OP_ITEMS)
  if (before && (VALUE_END.has(before.type) || CONSTANTS.has(word(before)))) return list(CONJ_ITEMS)
  return list([
    ...fieldItems(ctx, (n) => (/^[A-Za-z_][\w.]*$/.test(n) ? `${n} ` : `"${n}" `), 'sparkql'),
    { label: 'Not', kind: 'keyword', insertText: 'Not ' }
  ])
}

function valueItems(field: FieldMeta | undefined, ctx: EditorContext): CompletionItem[] {
  const items: CompletionItem[] = []
  const values = lookupValuesOf(field, ctx)
  if (field && values)
    items.push(...lookupItems(field, values, (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`))
  const kind = field ? fieldKindOf(field.dataType) : undefined
  if (kind === 'date' || kind === 'datetime') {
    items.push({ label: 'days(-7)', kind: 'function', detail: 'today minus 7 days', insertText: 'days(-7)' })
    items.push({ label: 'now()', kind: 'function', detail: 'current date-time', insertText: 'now()' })
  }
  if (kind === 'boolean')
    items.push(...['true', 'false'].map((b) => ({ label: b, kind: 'keyword' as const, insertText: b })))
  items.push({ label: 'Null', kind: 'keyword', detail: 'no value', insertText: 'Null' })
  return items
}

export function sparkqlDiagnose(text: string, ctx: EditorContext): Diagnostic[] {
  // _filter is optional: an empty editor means "no filter", not a syntax error
  if (!text.trim()) return []
  let ast: SparkNode
  try {
    ast = parseSparkQL(text)
  } catch (e) {
    if (e instanceof SparkQLSyntaxError) return [{ from: e.offset, to: e.end, severity: 'error', message: e.message }]
    throw e
  }
  const out: Diagnostic[] = []
  const walk = (n: SparkNode): void => {
    if (n.type === 'not') return walk(n.item)
    if (n.type !== 'condition') return n.items.forEach(walk)
    const { field, diagnostics } = checkFieldName(n.field, n.fieldRange, ctx)
    out.push(...diagnostics)
    if (!field) return
    for (const v of n.values) {
      if (v.kind === 'number' && fieldKindOf(field.dataType) === 'string') {
        out.push({
          ...v.range,
          severity: 'warning',
          message: `${field.systemName} is text: quote the value ('${v.text}')`
        })
        continue
      }
      out.push(...checkLiteral(field, literalOf(v), ctx))
    }
  }
  walk(ast)
  return out
}

function literalOf(v: SparkValue): LiteralUse {
  switch (v.kind) {
    case 'string':
      return { kind: 'string', text: v.value, range: v.range, wildcard: v.wildcard }
    case 'number':
      return { kind: 'number', text: v.text, range: v.range }
    case 'boolean':
      return { kind: 'boolean', text: String(v.value), range: v.range }
    case 'date':
      return { kind: v.precision, text: v.text, range: v.range }
    case 'null':
      return { kind: 'null', text: '', range: v.range }
    default:
      return { kind: 'other', text: '', range: v.range }
  }
}

export function sparkqlHover(text: string, offset: number, ctx: EditorContext): HoverInfo | undefined {
  const toks = tokenizeSparkQL(text)
  const i = toks.findIndex((t) => t.from <= offset && offset < t.to)
  const t = toks[i]
  if (!t) return undefined
  const resolve = resolverFor(ctx)
  if (isFieldToken(t)) {
    const f = resolve(fieldName(t))
    return f ? { from: t.from, to: t.to, text: describeField(f, lookupValuesOf(f, ctx)) } : undefined
  }
  if (t.type === 'string') {
    let j = i - 1
    while (j >= 0 && !isOp(toks[j])) j--
    const ft = toks[j - 1]
    const f = ft && isFieldToken(ft) ? resolve(fieldName(ft)) : undefined
    const values = lookupValuesOf(f, ctx)
    const v = values && findLookupValue(values, t.value ?? '')
    return f && v ? { from: t.from, to: t.to, text: describeLookupValue(f, v) } : undefined
  }
  return undefined
}

export const sparkqlLanguage: LanguageServices = {
  tokens: sparkqlTokens,
  complete: sparkqlComplete,
  diagnose: sparkqlDiagnose,
  hover: sparkqlHover
}
