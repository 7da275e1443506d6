import type { FieldMeta, LookupValue } from '../../metadata/metadata-model'

// The editor-facing results every language module returns. Pure data, so the Monaco glue in the renderer only
// converts offsets to positions, and tests can assert on plain objects.

export type SyntaxTokenKind =
  | 'field'
  | 'operator'
  | 'value'
  | 'lookup-value'
  | 'date'
  | 'range'
  | 'keyword'
  | 'punctuation'
  | 'string'
  | 'number'
  | 'error'

export interface SyntaxToken {
  from: number
  to: number
  kind: SyntaxTokenKind
}

/** What the editor knows about the chosen resource/class. */
export interface EditorContext {
  fields: readonly FieldMeta[]
  /** lookup values by LookupMeta name; undefined = unknown / not loaded yet (then no lookup checks are made) */
  lookupValues?: (lookupName: string) => LookupValue[] | undefined
  /**
   * Which names the server accepts in the query: RETS takes SystemNames, or StandardNames when the search sets
   * StandardNames=1. Undefined = either (OData, Spark).
   */
  names?: 'system' | 'standard'
  /**
   * Lookups load on first use: lookupValues answers undefined and starts the load. This resolves when the loads
   * started so far are done (undefined: none pending), so completion can wait and offer the values at once.
   */
  whenLoaded?: () => Promise<unknown> | undefined
}

export type CompletionKind = 'field' | 'lookup-value' | 'operator' | 'function' | 'keyword'

export interface CompletionItem {
  label: string
  kind: CompletionKind
  detail?: string
  insertText: string
  documentation?: string
}

/** Items plus the text range they replace (the partial word at the cursor; empty at a fresh position). */
export interface CompletionList {
  from: number
  to: number
  items: CompletionItem[]
}

export interface Diagnostic {
  from: number
  to: number
  severity: 'error' | 'warning' | 'info'
  message: string
}

export interface HoverInfo {
  from: number
  to: number
  /** Markdown */
  text: string
}

/** One query language's editor services (what the Monaco glue calls). */
export interface LanguageServices {
  tokens(text: string, ctx?: EditorContext): SyntaxToken[]
  complete(text: string, offset: number, ctx: EditorContext): CompletionList
  diagnose(text: string, ctx: EditorContext): Diagnostic[]
  hover(text: string, offset: number, ctx: EditorContext): HoverInfo | undefined
}
