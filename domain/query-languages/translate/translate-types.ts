// What a translation gives back: the query in the other language, or — when any part of it has no exact equivalent —
// no query and a diagnostic per part, each pointing at the exact source range. Translations never approximate.
import type { z } from 'zod'
import type { SourceRange } from '../source-range'
import type { translationDiagnosticSchema, translationResultSchema } from '../../../contract/intel-model-schema'

export type TranslationDiagnostic = z.output<typeof translationDiagnosticSchema>
export type TranslationResult = z.output<typeof translationResultSchema>

/** Collects diagnostics while a translator walks a tree; `fail` returns undefined so callers can `return fail(...)`. */
export class DiagnosticSink {
  readonly items: TranslationDiagnostic[] = []
  fail(range: SourceRange, message: string): undefined {
    this.items.push({ from: range.from, to: range.to, message })
    return undefined
  }
  result(text: string | undefined): TranslationResult {
    return this.items.length || text === undefined ? { diagnostics: this.items } : { text, diagnostics: [] }
  }
}

/** A translated expression and how tightly it binds, so parentheses are added only where needed. */
export interface Emitted {
  text: string
  prec: 'atom' | 'not' | 'and' | 'or'
}

const ORDER = { or: 0, and: 1, not: 2, atom: 3 } as const

export function wrap(e: Emitted, atLeast: Emitted['prec']): string {
  return ORDER[e.prec] < ORDER[atLeast] ? `(${e.text})` : e.text
}

export function joinAll(items: Emitted[], op: 'and' | 'or', word: string): Emitted {
  if (items.length === 1) return items[0]!
  return { text: items.map((i) => wrap(i, op)).join(word), prec: op }
}

/** The next calendar day of `YYYY-MM-DD` (UTC), for turning a day into a half-open range of instants. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** A date-time as DMQL and OData both read it: DMQL takes a zone-less time as UTC, so say Z explicitly. */
export function withZone(text: string): string {
  return /(Z|[+-]\d\d:\d\d)$/.test(text) ? text : `${text}Z`
}
