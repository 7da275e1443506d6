// Monaco with only what the workbench uses: JSON and XML for raw bodies, SQL for the local copy, and our three query
// languages. The full bundle is ~24 MB; importing editor.api (core) plus single language contributions keeps it to a
// fraction.
import * as monaco from 'monaco-editor/editor/editor.api'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/language/json/json.worker?worker'
import 'monaco-editor/language/json/monaco.contribution'
import 'monaco-editor/languages/definitions/xml/register'
// the Local data tab's SQL on the synced copy
import 'monaco-editor/languages/definitions/sql/register'
import './editor-features'
import { effectScope, watch } from 'vue'
import { useThemeStore } from '../shell/theme-store'
import { contextFor } from './editor-context'
import { dmqlSpec, registerDmql } from './languages/dmql'
import { odataSpec, registerOData } from './languages/odata'
import { registerSparkQL, sparkqlSpec } from './languages/sparkql'
import { revalidate, type QueryLanguageSpec } from './languages/query-language-glue'
import { registerVariables } from './variables'

const specs: Record<string, QueryLanguageSpec> = { dmql: dmqlSpec, odata: odataSpec, sparkql: sparkqlSpec }

let ready = false

export function ensureMonaco(): typeof monaco {
  if (ready) return monaco
  ready = true
  self.MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      return label === 'json' ? new JsonWorker() : new EditorWorker()
    }
  }
  registerDmql(monaco, contextFor)
  registerOData(monaco, contextFor)
  registerSparkQL(monaco, contextFor)
  registerVariables(
    monaco,
    Object.values(specs).map((s) => s.id)
  )
  const theme = useThemeStore()
  // The first editor calls this from its onMounted: a plain watch would belong to that component and stop when its
  // tab closes, leaving every later editor white in dark mode. A detached scope lives as long as the app.
  effectScope(true).run(() =>
    watch(
      () => theme.effective,
      (t) => monaco.editor.setTheme(t === 'dark' ? 'vs-dark' : 'vs'),
      { immediate: true }
    )
  )
  return monaco
}

/** Re-runs the query-language diagnostics of a model after its completion context changed (new fields/lookups). */
export function refreshDiagnostics(model: monaco.editor.ITextModel): void {
  const spec = specs[model.getLanguageId()]
  if (spec) revalidate(monaco, spec, model, contextFor)
}
