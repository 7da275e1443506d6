// Thin Monaco glue shared by the three query languages: everything language-specific lives in the pure modules of
// src-main/shared/query-languages; this file only converts offsets ↔ positions and kinds ↔ Monaco enums.
import type * as Monaco from 'monaco-editor/editor/editor.api'
import type {
  CompletionKind,
  EditorContext,
  LanguageServices,
  SyntaxTokenKind
} from '../../../domain/query-languages/editor/editor-types'
import { findVariables } from '../../../domain/variables/template-variables'
import { pickCompletions, toSuggestions } from './completion-suggestions'

type MonacoApi = typeof Monaco
export type ContextOf = (modelUri: string) => EditorContext

export interface QueryLanguageSpec {
  id: string
  services: LanguageServices
  triggerCharacters: string[]
}

// Token classes the built-in vs / vs-dark / hc themes already colour.
const SCOPES: Record<SyntaxTokenKind, string> = {
  // not attribute.name: vs draws it red, and a field name must not look like an error
  field: 'type',
  // vs / vs-dark leave `operator` uncoloured; keyword colour makes `gt`, `Eq`, `=|` stand out as in SQL editors
  operator: 'keyword',
  value: 'string',
  'lookup-value': 'attribute.value',
  date: 'number',
  range: 'number',
  keyword: 'keyword',
  punctuation: 'delimiter',
  string: 'string',
  number: 'number',
  error: 'invalid'
}

/**
 * Line tokenizer state: the text of the lines above, so a value that spans lines (a quoted string, a DMQL value
 * list) is coloured as in the whole-text tokenizer. Past this size each line is tokenized on its own.
 */
const MAX_PREFIX = 20_000
/** how long completion waits for a lookup's first load before it answers without its values */
const LOOKUP_WAIT_MS = 5_000
class PrefixState implements Monaco.languages.IState {
  constructor(readonly prefix: string) {}
  clone(): PrefixState {
    return new PrefixState(this.prefix)
  }
  equals(other: Monaco.languages.IState): boolean {
    return other instanceof PrefixState && other.prefix === this.prefix
  }
}

export function registerQueryLanguage(m: MonacoApi, spec: QueryLanguageSpec, contextOf: ContextOf): void {
  const { id, services } = spec
  if (!m.languages.getLanguages().some((l) => l.id === id)) m.languages.register({ id })

  m.languages.setTokensProvider(id, {
    getInitialState: () => new PrefixState(''),
    tokenize(line: string, state: Monaco.languages.IState): Monaco.languages.ILineTokens {
      const prefix = state instanceof PrefixState && state.prefix.length < MAX_PREFIX ? state.prefix : ''
      const start = prefix.length
      const tokens: Monaco.languages.IToken[] = [{ startIndex: 0, scopes: '' }]
      for (const t of services.tokens(prefix + line)) {
        if (t.to <= start) continue
        const from = Math.max(t.from, start) - start
        tokens.push({ startIndex: from, scopes: SCOPES[t.kind] })
        tokens.push({ startIndex: t.to - start, scopes: '' })
      }
      const clean = tokens.filter((t, i) => t.startIndex < line.length && tokens[i + 1]?.startIndex !== t.startIndex)
      return {
        tokens: clean.length ? clean : [{ startIndex: 0, scopes: '' }],
        endState: new PrefixState(`${prefix}${line}\n`)
      }
    }
  })

  m.languages.registerCompletionItemProvider(id, {
    triggerCharacters: spec.triggerCharacters,
    async provideCompletionItems(model, position) {
      const uri = model.uri.toString()
      let list = services.complete(model.getValue(), model.getOffsetAt(position), contextOf(uri))
      // a lookup asked for the first time is loading: wait for it (bounded) so this list already has its values
      const loading = contextOf(uri).whenLoaded?.()
      if (loading) {
        await Promise.race([loading, new Promise((resolve) => setTimeout(resolve, LOOKUP_WAIT_MS))])
        if (model.isDisposed()) return { suggestions: [] }
        list = services.complete(model.getValue(), model.getOffsetAt(position), contextOf(uri))
      }
      const range = rangeOf(m, model, list.from, list.to)
      const word = model.getValue().slice(list.from, model.getOffsetAt(position))
      const picked = pickCompletions(list.items, word)
      return {
        suggestions: toSuggestions(picked.items, (kind) => completionKind(m, kind), range),
        incomplete: picked.incomplete
      }
    }
  })

  m.languages.registerHoverProvider(id, {
    provideHover(model, position) {
      const h = services.hover(model.getValue(), model.getOffsetAt(position), contextOf(model.uri.toString()))
      return h ? { range: rangeOf(m, model, h.from, h.to), contents: [{ value: h.text }] } : null
    }
  })

  const validate = (model: Monaco.editor.ITextModel): void => revalidate(m, spec, model, contextOf)
  const watchModel = (model: Monaco.editor.ITextModel): void => {
    let timer: ReturnType<typeof setTimeout> | undefined
    model.onDidChangeContent(() => {
      clearTimeout(timer)
      timer = setTimeout(() => validate(model), 150)
    })
    validate(model)
  }
  m.editor.getModels().forEach(watchModel)
  m.editor.onDidCreateModel(watchModel)
  m.editor.onDidChangeModelLanguage((e) => {
    if (e.model.getLanguageId() === id) validate(e.model)
    else m.editor.setModelMarkers(e.model, id, [])
  })
}

/** Runs diagnostics for one model and sets its markers (also for the lead: call it after a context change). */
export function revalidate(
  m: MonacoApi,
  spec: QueryLanguageSpec,
  model: Monaco.editor.ITextModel,
  contextOf: ContextOf
): void {
  if (model.isDisposed() || model.getLanguageId() !== spec.id) return
  const text = model.getValue()
  // a {{variable}} is filled in before the query is sent: what the parser says about it is not the user's problem
  const placeholders = findVariables(text)
  const inPlaceholder = (d: { from: number; to: number }): boolean =>
    placeholders.some((p) => d.from < p.end && Math.max(d.to, d.from + 1) > p.start)
  const diagnostics = spec.services.diagnose(text, contextOf(model.uri.toString())).filter((d) => !inPlaceholder(d))
  const markers = diagnostics.map((d) => {
    // A zero-width range (error at the end of the text) would be invisible: widen it to one character.
    let { from, to } = d
    if (to <= from) [from, to] = from < text.length ? [from, from + 1] : [Math.max(0, from - 1), from]
    const severity =
      d.severity === 'error'
        ? m.MarkerSeverity.Error
        : d.severity === 'warning'
          ? m.MarkerSeverity.Warning
          : m.MarkerSeverity.Info
    return { ...rangeOf(m, model, from, to), message: d.message, severity }
  })
  m.editor.setModelMarkers(model, spec.id, markers)
}

function rangeOf(m: MonacoApi, model: Monaco.editor.ITextModel, from: number, to: number): Monaco.IRange {
  const a = model.getPositionAt(from)
  const b = model.getPositionAt(to)
  return new m.Range(a.lineNumber, a.column, b.lineNumber, b.column)
}

function completionKind(m: MonacoApi, kind: CompletionKind): Monaco.languages.CompletionItemKind {
  switch (kind) {
    case 'field':
      return m.languages.CompletionItemKind.Field
    case 'lookup-value':
      return m.languages.CompletionItemKind.EnumMember
    case 'operator':
      return m.languages.CompletionItemKind.Operator
    case 'function':
      return m.languages.CompletionItemKind.Function
    case 'keyword':
      return m.languages.CompletionItemKind.Keyword
  }
}
