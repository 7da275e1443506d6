import type { FieldMeta, LookupValue } from '../../metadata/metadata-model'
import { fieldResolver, type FieldResolver } from '../values/field-kind'
import type { CompletionItem, EditorContext } from './editor-types'

// Field and lookup descriptions shared by completion and hover of all three languages.

const resolvers = new WeakMap<readonly FieldMeta[], FieldResolver>()

/** Cached per field list: completion and diagnostics run on every keystroke. */
export function resolverFor(ctx: EditorContext): FieldResolver {
  let r = resolvers.get(ctx.fields)
  if (!r) {
    r = fieldResolver(ctx.fields)
    resolvers.set(ctx.fields, r)
  }
  return r
}

export function lookupValuesOf(field: FieldMeta | undefined, ctx: EditorContext): LookupValue[] | undefined {
  return field?.lookupName ? ctx.lookupValues?.(field.lookupName) : undefined
}

export function fieldDetail(f: FieldMeta): string {
  const type = f.maxLength ? `${f.dataType}(${f.maxLength})` : f.dataType
  const parts = [type]
  if (f.interpretation) parts.push(f.interpretation)
  if (!f.searchable) parts.push('not searchable')
  return parts.join(' · ')
}

export function describeField(f: FieldMeta, values?: LookupValue[]): string {
  const title =
    f.longName && f.longName !== f.systemName ? `**${f.systemName}** — ${f.longName}` : `**${f.systemName}**`
  const lines = [title, '', `Type: \`${fieldDetail(f)}\``]
  if (f.standardName && f.standardName !== f.systemName) lines.push(`Standard name: \`${f.standardName}\``)
  if (f.lookupName) lines.push(`Lookup: \`${f.lookupName}\`${values ? ` (${values.length} values)` : ''}`)
  if (f.isKey) lines.push('Key field')
  if (f.description) lines.push('', f.description)
  if (values && values.length > 0) {
    const shown = values
      .slice(0, 12)
      .map((v) => `\`${v.value}\`${v.longValue && v.longValue !== v.value ? ` ${v.longValue}` : ''}`)
    lines.push('', `Values: ${shown.join(', ')}${values.length > 12 ? ', …' : ''}`)
  }
  return lines.join('\n')
}

export function describeLookupValue(f: FieldMeta, v: LookupValue): string {
  const lines = [
    `**${v.value}**${v.longValue ? ` — ${v.longValue}` : ''}`,
    '',
    `Lookup \`${f.lookupName}\` of \`${f.systemName}\``
  ]
  if (v.shortValue) lines.push(`Short value: ${v.shortValue}`)
  if (v.standardValue) lines.push(`Standard value: ${v.standardValue}`)
  return lines.join('\n')
}

/** A field's completion texts: the same on every keystroke, so made once per field (70k fields: ~10× faster). */
interface FieldTexts {
  detail: string
  standardDetail: string
  documentation: string
}
const fieldTexts = new WeakMap<FieldMeta, FieldTexts>()

function textsOf(f: FieldMeta): FieldTexts {
  let t = fieldTexts.get(f)
  if (!t) {
    const detail = fieldDetail(f)
    t = {
      detail: detail + (f.longName ? ` — ${f.longName}` : ''),
      standardDetail: `standard name of ${f.systemName} · ${detail}`,
      documentation: describeField(f)
    }
    fieldTexts.set(f, t)
  }
  return t
}

const fieldLists = new WeakMap<readonly FieldMeta[], Map<string, CompletionItem[]>>()

/**
 * One item per SystemName, plus one per StandardName where it differs, so typing either finds the field — unless
 * the context says which of the two the server takes (RETS StandardNames=0/1): then only those names.
 * `insert` turns the name into the text to insert (DMQL adds `(`, etc.). With `cacheKey` (naming what `insert`
 * does) the list is made once per field list, key and naming, and shared: callers must not change it.
 */
export function fieldItems(ctx: EditorContext, insert: (name: string) => string, cacheKey?: string): CompletionItem[] {
  if (cacheKey === undefined) return makeFieldItems(ctx, insert)
  let lists = fieldLists.get(ctx.fields)
  if (!lists) fieldLists.set(ctx.fields, (lists = new Map()))
  const key = `${cacheKey}:${ctx.names ?? 'both'}`
  let items = lists.get(key)
  if (!items) lists.set(key, (items = makeFieldItems(ctx, insert)))
  return items
}

function makeFieldItems(ctx: EditorContext, insert: (name: string) => string): CompletionItem[] {
  const items: CompletionItem[] = []
  for (const f of ctx.fields) {
    const texts = textsOf(f)
    if (ctx.names !== 'standard') {
      items.push({
        label: f.systemName,
        kind: 'field',
        detail: texts.detail,
        insertText: insert(f.systemName),
        documentation: texts.documentation
      })
    }
    const standard = f.standardName && (ctx.names === 'standard' || f.standardName !== f.systemName)
    if (standard && f.standardName && ctx.names !== 'system') {
      items.push({
        label: f.standardName,
        kind: 'field',
        detail: texts.standardDetail,
        insertText: insert(f.standardName),
        documentation: texts.documentation
      })
    }
  }
  return items
}

export function lookupItems(f: FieldMeta, values: LookupValue[], insert: (value: string) => string): CompletionItem[] {
  return values.map((v) => ({
    label: v.value,
    kind: 'lookup-value' as const,
    detail: v.longValue && v.longValue !== v.value ? v.longValue : `${f.lookupName}`,
    insertText: insert(v.value),
    documentation: describeLookupValue(f, v)
  }))
}

export function findLookupValue(values: LookupValue[], text: string): LookupValue | undefined {
  const t = text.trim().toLowerCase()
  return (
    values.find((v) => v.value.toLowerCase() === t) ??
    values.find((v) =>
      [v.longValue, v.shortValue, v.standardValue].some((x) => x !== undefined && x.toLowerCase() === t)
    )
  )
}
