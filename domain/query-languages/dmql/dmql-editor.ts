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
import type { DmqlNode, DmqlValueItem } from './dmql-ast'
import { DmqlSyntaxError, parseDmql } from './dmql-parser'
import { tokenizeDmql, type DmqlToken } from './dmql-tokenizer'
import { classifyDmqlItem } from './dmql-values'

// Editor services for DMQL2: colouring, completion, diagnostics, hover. Completion works on the tokens before the
// cursor only, so it still helps in a half-typed query that does not parse.

export function dmqlTokens(text: string, ctx?: EditorContext): SyntaxToken[] {
  const resolve = ctx ? resolverFor(ctx) : undefined
  let field: FieldMeta | undefined
  let lookupOp = false
  return tokenizeDmql(text).map((t): SyntaxToken => {
    let kind: SyntaxTokenKind
    switch (t.type) {
      case 'lparen':
      case 'rparen':
      case 'comma':
        kind = 'punctuation'
        if (t.type === 'rparen') lookupOp = false
        break
      case 'equals':
        kind = 'operator'
        break
      case 'lookup-op':
        kind = 'operator'
        lookupOp = true
        break
      case 'and':
      case 'or':
      case 'not':
        kind = /^[,|~]$/.test(t.text) ? 'operator' : 'keyword'
        break
      case 'field':
        kind = 'field'
        field = resolve?.(t.text)
        lookupOp = false
        break
      case 'value':
        kind = valueKind(classifyDmqlItem(t.text, t.from), lookupOp || !!field?.lookupName)
        break
      default:
        kind = 'error'
    }
    return { from: t.from, to: t.to, kind }
  })
}

function valueKind(item: DmqlValueItem, lookup: boolean): SyntaxTokenKind {
  switch (item.kind) {
    case 'string':
      return item.quoted ? 'string' : lookup ? 'lookup-value' : 'value'
    case 'number':
      return lookup ? 'lookup-value' : 'number'
    case 'date':
      return 'date'
    case 'range':
      return 'range'
    default:
      return 'keyword'
  }
}

const BOOLEAN_OPS: CompletionItem[] = [
  {
    label: ',',
    kind: 'operator',
    detail: 'AND',
    insertText: ',',
    documentation: 'Both conditions must match (AND binds tighter than OR)'
  },
  { label: '|', kind: 'operator', detail: 'OR', insertText: '|', documentation: 'Either condition matches' },
  { label: 'AND', kind: 'keyword', detail: 'same as ,', insertText: 'AND ' },
  { label: 'OR', kind: 'keyword', detail: 'same as |', insertText: 'OR ' }
]
const NOT_ITEM: CompletionItem = {
  label: '~',
  kind: 'operator',
  detail: 'NOT',
  insertText: '~(',
  documentation: 'Negates the following condition: ~(Field=value)'
}
const LOOKUP_OPS: CompletionItem[] = [
  {
    label: '|',
    kind: 'operator',
    detail: 'any of these lookup values',
    insertText: '|',
    documentation: '(Field=|A,B) matches A or B'
  },
  {
    label: '+',
    kind: 'operator',
    detail: 'all of these lookup values',
    insertText: '+',
    documentation: '(Field=+A,B) multi-select holding both A and B'
  },
  {
    label: '~',
    kind: 'operator',
    detail: 'none of these lookup values',
    insertText: '~',
    documentation: '(Field=~A,B) neither A nor B'
  }
]

export function dmqlComplete(text: string, offset: number, ctx: EditorContext): CompletionList {
  const toks = tokenizeDmql(text.slice(0, offset))
  const last = toks[toks.length - 1]
  const partial =
    last &&
    last.to === offset &&
    ['field', 'error', 'value', 'and', 'or', 'not'].includes(last.type) &&
    /\w|"|\.$/.test(last.text)
      ? last
      : undefined
  const before = partial ? toks[toks.length - 2] : last
  const from = partial ? partial.from : offset
  const list = (items: CompletionItem[]): CompletionList => ({ from, to: offset, items })

  const inValue =
    partial?.type === 'value' || (!partial && before && ['equals', 'lookup-op', 'comma'].includes(before.type))
  if (inValue) return list(valueItems(toks, before, ctx))
  if (before?.type === 'lparen' && (!partial || partial.type === 'field')) {
    // the name only: people type the `=` themselves (it then offers the values), and an inserted one made `==`
    return list(fieldItems(ctx, (n) => n, 'dmql-name'))
  }
  if (before?.type === 'rparen') return list(BOOLEAN_OPS)
  // Start of the query or after AND/OR/NOT: a whole new condition.
  return list([...fieldItems(ctx, (n) => `(${n}`, 'dmql-(name'), NOT_ITEM])
}

function valueItems(toks: DmqlToken[], before: DmqlToken | undefined, ctx: EditorContext): CompletionItem[] {
  const fieldTok = [...toks].reverse().find((t) => t.type === 'field')
  const field = fieldTok ? resolverFor(ctx)(fieldTok.text) : undefined
  const items: CompletionItem[] = []
  const values = lookupValuesOf(field, ctx)
  if (field && values) items.push(...lookupItems(field, values, (v) => (/[\s,()|~+"]/.test(v) ? `"${v}"` : v)))
  const afterEquals = before?.type === 'equals'
  if (afterEquals && field?.lookupName) items.push(...LOOKUP_OPS)
  const kind = field ? fieldKindOf(field.dataType) : undefined
  if (kind === 'date' || kind === 'datetime') {
    items.push({ label: '.TODAY.', kind: 'keyword', detail: "today's date", insertText: '.TODAY.' })
    items.push({ label: '.NOW.', kind: 'keyword', detail: 'the current date-time', insertText: '.NOW.' })
  }
  items.push({ label: '.EMPTY.', kind: 'keyword', detail: 'the field has no value', insertText: '.EMPTY.' })
  if (afterEquals)
    items.push({ label: '.ANY.', kind: 'keyword', detail: 'the field has any value', insertText: '.ANY.' })
  return items
}

export function dmqlDiagnose(text: string, ctx: EditorContext): Diagnostic[] {
  let ast: DmqlNode
  try {
    ast = parseDmql(text)
  } catch (e) {
    if (e instanceof DmqlSyntaxError) return [{ from: e.offset, to: e.end, severity: 'error', message: e.message }]
    throw e
  }
  const out: Diagnostic[] = []
  const walk = (n: DmqlNode): void => {
    if (n.type === 'not') return walk(n.item)
    if (n.type !== 'criterion') return n.items.forEach(walk)
    const { field, diagnostics } = checkFieldName(n.field, n.fieldRange, ctx)
    out.push(...diagnostics)
    if (!field) return
    for (const item of n.values) {
      for (const lit of literalsOf(item)) out.push(...checkLiteral(field, lit, ctx))
      if (
        item.kind === 'range' &&
        fieldKindOf(field.dataType) === 'string' &&
        (item.from ?? item.to)?.kind === 'number'
      ) {
        out.push({
          ...item.range,
          severity: 'info',
          message: `This is a numeric range on the text field ${field.systemName}; quote it ("${text.slice(item.range.from, item.range.to)}") to search the text itself`
        })
      }
    }
  }
  walk(ast)
  return out
}

function literalsOf(item: DmqlValueItem): LiteralUse[] {
  switch (item.kind) {
    case 'string':
      return [{ kind: 'string', text: item.value, range: item.range, wildcard: item.wildcard }]
    case 'number':
      return [{ kind: 'number', text: item.text, range: item.range }]
    case 'date':
      return [{ kind: item.precision === 'time' ? 'other' : item.precision, text: item.text, range: item.range }]
    case 'range':
      return [item.from, item.to].flatMap((b) => (b ? literalsOf(b) : []))
    default:
      return []
  }
}

const KEYWORD_DOCS: Record<string, string> = {
  '.EMPTY.': '`.EMPTY.` — the field has no value',
  '.ANY.': '`.ANY.` — the field has any value',
  '.TODAY.': "`.TODAY.` — today's date on the server",
  '.NOW.': '`.NOW.` — the current date-time on the server'
}

export function dmqlHover(text: string, offset: number, ctx: EditorContext): HoverInfo | undefined {
  const toks = tokenizeDmql(text)
  const i = toks.findIndex((t) => t.from <= offset && offset < t.to)
  const t = toks[i]
  if (!t) return undefined
  const resolve = resolverFor(ctx)
  if (t.type === 'field') {
    const f = resolve(t.text)
    return f ? { from: t.from, to: t.to, text: describeField(f, lookupValuesOf(f, ctx)) } : undefined
  }
  if (t.type !== 'value') return undefined
  const doc = KEYWORD_DOCS[t.text.toUpperCase()]
  if (doc) return { from: t.from, to: t.to, text: doc }
  const fieldTok = toks
    .slice(0, i)
    .reverse()
    .find((x) => x.type === 'field')
  const f = fieldTok ? resolve(fieldTok.text) : undefined
  const values = lookupValuesOf(f, ctx)
  const v = values && findLookupValue(values, t.text.replace(/^"|"$/g, ''))
  return f && v ? { from: t.from, to: t.to, text: describeLookupValue(f, v) } : undefined
}

export const dmqlLanguage: LanguageServices = {
  tokens: dmqlTokens,
  complete: dmqlComplete,
  diagnose: dmqlDiagnose,
  hover: dmqlHover
}
