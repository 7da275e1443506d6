// {{variables}} in the query editors, on top of each language: `{{` completes the active environment's names and the
// dynamic dates, every placeholder is highlighted, and one with no value is a warning marker. The languages' own
// diagnostics inside a placeholder are dropped by the glue (a DMQL parser cannot know `{{since}}` becomes a date).
import type * as Monaco from 'monaco-editor/editor/editor.api'
import { DYNAMIC_EXAMPLES, dynamicValue, isDynamicName } from '../../domain/variables/dynamic-dates'
import { findVariables } from '../../domain/variables/template-variables'

type MonacoApi = typeof Monaco
const OWNER = 'variables'
const values = new Map<string, Record<string, string>>()
const decorations = new Map<string, string[]>()
let refreshAll: (() => void) | undefined

/** The values a model's placeholders take (the active environment of its tab's profile); undefined = none. */
export function setModelVariables(modelUri: string, vars: Record<string, string> | undefined): void {
  if (vars) values.set(modelUri, vars)
  else values.delete(modelUri)
  refreshAll?.()
}

function refresh(m: MonacoApi, model: Monaco.editor.ITextModel, languageIds: readonly string[]): void {
  if (model.isDisposed()) return
  const key = model.uri.toString()
  if (!languageIds.includes(model.getLanguageId())) {
    m.editor.setModelMarkers(model, OWNER, [])
    decorations.set(key, model.deltaDecorations(decorations.get(key) ?? [], []))
    return
  }
  const vars = values.get(key) ?? {}
  const now = new Date()
  const uses = findVariables(model.getValue())
  const rangeOf = (from: number, to: number): Monaco.IRange => {
    const a = model.getPositionAt(from)
    const b = model.getPositionAt(to)
    return new m.Range(a.lineNumber, a.column, b.lineNumber, b.column)
  }
  decorations.set(
    key,
    model.deltaDecorations(
      decorations.get(key) ?? [],
      uses.map((u) => ({ range: rangeOf(u.start, u.end), options: { inlineClassName: 'query-variable' } }))
    )
  )
  const missing = uses.filter((u) =>
    isDynamicName(u.name) ? dynamicValue(u.name, now) === undefined : !Object.hasOwn(vars, u.name)
  )
  m.editor.setModelMarkers(
    model,
    OWNER,
    missing.map((u) => ({
      ...rangeOf(u.start, u.end),
      severity: m.MarkerSeverity.Warning,
      message: isDynamicName(u.name)
        ? `{{${u.name}}} is not a dynamic value; try ${DYNAMIC_EXAMPLES.join(', ')}.`
        : `No value for {{${u.name}}} in the active environment (status bar → Environments).`
    }))
  )
}

export function registerVariables(m: MonacoApi, languageIds: readonly string[]): void {
  for (const id of languageIds) {
    m.languages.registerCompletionItemProvider(id, {
      triggerCharacters: ['{', '$'],
      provideCompletionItems(model, position) {
        const line = model.getLineContent(position.lineNumber)
        const before = line.slice(0, position.column - 1)
        const open = /\{\{\s*(\$?[\w.+-]*)$/.exec(before)
        if (!open) return { suggestions: [] }
        const partial = open[1] ?? ''
        const closed = line.slice(position.column - 1).startsWith('}}')
        const range = new m.Range(
          position.lineNumber,
          position.column - partial.length,
          position.lineNumber,
          position.column
        )
        const now = new Date()
        const vars = values.get(model.uri.toString()) ?? {}
        const item = (name: string, detail: string): Monaco.languages.CompletionItem => ({
          label: name,
          kind: m.languages.CompletionItemKind.Variable,
          detail,
          insertText: closed ? name : `${name}}}`,
          range
        })
        return {
          suggestions: [
            ...Object.entries(vars).map(([name, value]) => item(name, value)),
            ...DYNAMIC_EXAMPLES.map((name) => item(name, dynamicValue(name, now) ?? ''))
          ]
        }
      }
    })
  }
  const watchModel = (model: Monaco.editor.ITextModel): void => {
    model.onDidChangeContent(() => refresh(m, model, languageIds))
    refresh(m, model, languageIds)
  }
  m.editor.getModels().forEach(watchModel)
  m.editor.onDidCreateModel(watchModel)
  m.editor.onDidChangeModelLanguage((e) => refresh(m, e.model, languageIds))
  refreshAll = () => m.editor.getModels().forEach((model) => refresh(m, model, languageIds))
}
