import type { FieldMeta } from '../../metadata/metadata-model'
import type { SourceRange } from '../source-range'
import { isDateText, isDateTimeText } from '../values/compare-values'
import { fieldKindOf } from '../values/field-kind'
import type { Diagnostic, EditorContext } from './editor-types'
import { findLookupValue, lookupValuesOf, resolverFor } from './field-docs'

// Checks shared by the three languages' diagnostics. Each language describes its literals in this neutral form
// and gets back the same messages, so "unknown field" reads the same in DMQL, OData and SparkQL.

export interface LiteralUse {
  kind: 'number' | 'string' | 'date' | 'datetime' | 'boolean' | 'null' | 'other'
  /** the value as the user means it (no quotes) */
  text: string
  range: SourceRange
  /** wildcard patterns are not checked against lookups or lengths */
  wildcard?: boolean
}

export function checkFieldName(
  name: string,
  range: SourceRange,
  ctx: EditorContext
): { field?: FieldMeta; diagnostics: Diagnostic[] } {
  if (ctx.fields.length === 0) return { diagnostics: [] } // metadata not loaded: nothing to check against
  const field = resolverFor(ctx)(name)
  if (!field) {
    return {
      diagnostics: [
        { ...range, severity: 'error', message: `Unknown field '${name}' in this class${suggest(name, ctx)}` }
      ]
    }
  }
  const diagnostics: Diagnostic[] = []
  const misnamed = wrongNameKind(name, field, ctx)
  if (misnamed) diagnostics.push({ ...range, severity: 'error', message: misnamed })
  if (!field.searchable) {
    diagnostics.push({
      ...range,
      severity: 'warning',
      message: `${field.systemName} is not searchable: the server will reject this condition`
    })
  }
  return { field, diagnostics }
}

/** A StandardName while the search sends SystemNames (or the reverse): the server answers "Unknown Query Field". */
function wrongNameKind(name: string, field: FieldMeta, ctx: EditorContext): string | undefined {
  const is = (n: string | undefined): boolean => n !== undefined && n.toLowerCase() === name.toLowerCase()
  if (ctx.names === 'system' && !is(field.systemName)) {
    return `'${name}' is the StandardName of ${field.systemName}: StandardNames is off, so the server knows this field as ${field.systemName}`
  }
  if (ctx.names === 'standard' && !is(field.standardName)) {
    return field.standardName
      ? `'${name}' is a SystemName: StandardNames is on, so the server knows this field as ${field.standardName}`
      : `${field.systemName} has no StandardName: turn StandardNames off to query it`
  }
  return undefined
}

function suggest(name: string, ctx: EditorContext): string {
  const n = name.toLowerCase()
  const close = ctx.fields
    .flatMap((f) => [f.systemName, f.standardName].filter((x): x is string => !!x))
    .filter((x) => x.toLowerCase().includes(n) || n.includes(x.toLowerCase()))
    .slice(0, 3)
  return close.length ? ` (did you mean ${close.join(', ')}?)` : ''
}

const BOOLEAN_TEXT = /^(true|false|y|n|yes|no|1|0)$/i

export function checkLiteral(field: FieldMeta, lit: LiteralUse, ctx: EditorContext): Diagnostic[] {
  if (lit.kind === 'null' || lit.kind === 'other') return []
  const kind = fieldKindOf(field.dataType)
  const name = field.systemName
  const at = (severity: Diagnostic['severity'], message: string): Diagnostic[] => [{ ...lit.range, severity, message }]
  if (kind === 'number') {
    if (lit.kind === 'string' && !lit.wildcard && !/^-?\d+(\.\d+)?$/.test(lit.text.trim())) {
      return at('error', `${name} is numeric (${field.dataType}): '${lit.text}' is not a number`)
    }
    if (lit.kind === 'date' || lit.kind === 'datetime')
      return at('error', `${name} is numeric (${field.dataType}), not a date`)
    if (lit.kind === 'boolean') return at('error', `${name} is numeric (${field.dataType}), not a boolean`)
  }
  if (kind === 'date' || kind === 'datetime') {
    if (lit.kind === 'number' || lit.kind === 'boolean')
      return at('error', `${name} is a ${field.dataType} field: expected a date such as 2024-01-31`)
    if (lit.kind === 'string' && !lit.wildcard) {
      const t = lit.text.trim()
      if (isDateText(t) || isDateTimeText(t)) return []
      if (/^\d{4}-\d{1,2}-\d{1,2}/.test(t))
        return at('error', `'${t}' is not a valid date (YYYY-MM-DD, month 01-12, day within the month)`)
      return at(
        'error',
        `${name} is a ${field.dataType} field: '${t}' is not a date (write 2024-01-31 or 2024-01-31T10:00:00Z)`
      )
    }
  }
  if (kind === 'boolean' && (lit.kind === 'string' || lit.kind === 'number') && !BOOLEAN_TEXT.test(lit.text.trim())) {
    return at('error', `${name} is Boolean: '${lit.text}' is not true/false (1/0)`)
  }
  if ((lit.kind === 'string' || lit.kind === 'number') && !lit.wildcard) {
    const values = lookupValuesOf(field, ctx)
    if (values && values.length > 0 && !findLookupValue(values, lit.text)) {
      const sample = values
        .slice(0, 6)
        .map((v) => v.value)
        .join(', ')
      return at(
        'warning',
        `'${lit.text}' is not a value of lookup ${field.lookupName} (${name}); known values: ${sample}${values.length > 6 ? ', …' : ''}`
      )
    }
    if (kind === 'string' && field.maxLength && lit.text.length > field.maxLength) {
      return at('warning', `'${lit.text}' is longer than ${name}'s maximum length ${field.maxLength}`)
    }
  }
  return []
}
