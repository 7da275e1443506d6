// What a translation gives back: the query in the other language, or — when any part of it has no exact equivalent —
// no query and a diagnostic per part, each pointing at the exact source range. Translations never approximate.
import type { z } from 'zod'
import { QuerySyntaxError, type SourceRange } from '../source-range'
import type { DmqlCriterion, DmqlNode } from '../dmql/dmql-ast'
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

/** Parses, then translates; a syntax error becomes the one diagnostic, at the parser's range. */
export function translateParsed<T>(
  parse: (text: string) => T,
  text: string,
  translate: (ast: T, sink: DiagnosticSink) => Emitted | undefined
): TranslationResult {
  let ast: T
  try {
    ast = parse(text)
  } catch (e) {
    if (e instanceof QuerySyntaxError) return { diagnostics: [{ from: e.offset, to: e.end, message: e.message }] }
    throw e
  }
  const sink = new DiagnosticSink()
  return sink.result(translate(ast, sink)?.text)
}

/** Walks a DMQL tree's AND / OR / NOT with the target language's words; criteria go to `criterion`. */
export function walkDmql(
  n: DmqlNode,
  words: { and: string; or: string; not: string },
  criterion: (c: DmqlCriterion) => Emitted | undefined
): Emitted | undefined {
  switch (n.type) {
    case 'and':
    case 'or': {
      const items = n.items.map((i) => walkDmql(i, words, criterion))
      if (items.some((i) => !i)) return undefined
      return joinAll(items as Emitted[], n.type, ` ${words[n.type]} `)
    }
    case 'not': {
      // the operand always in parentheses: OData's not binds tighter than eq (URL Conventions §5.1.1.16)
      const inner = walkDmql(n.item, words, criterion)
      return inner && { text: `${words.not} (${inner.text})`, prec: 'not' }
    }
    case 'criterion':
      return criterion(n)
  }
}
