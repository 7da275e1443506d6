// SparkQL _filter in Monaco: picked up by monaco/setup.ts (it calls every exported register* function).
import type * as Monaco from 'monaco-editor/editor/editor.api'
import { sparkqlLanguage } from '../../../../domain/query-languages/sparkql/sparkql-editor'
import { registerQueryLanguage, type ContextOf, type QueryLanguageSpec } from '../query-language-glue'

export const sparkqlSpec: QueryLanguageSpec = {
  id: 'sparkql',
  services: sparkqlLanguage,
  triggerCharacters: [' ', "'", ',', '(']
}

export function registerSparkQL(m: typeof Monaco, contextOf: ContextOf): void {
  registerQueryLanguage(m, sparkqlSpec, contextOf)
}
