// OData $filter in Monaco: picked up by monaco/setup.ts (it calls every exported register* function).
import type * as Monaco from 'monaco-editor/editor/editor.api'
import { odataLanguage } from '../../../../domain/query-languages/odata/odata-editor'
import { registerQueryLanguage, type ContextOf, type QueryLanguageSpec } from '../query-language-glue'

export const odataSpec: QueryLanguageSpec = {
  id: 'odata',
  services: odataLanguage,
  triggerCharacters: [' ', '(', "'", '/', ',']
}

export function registerOData(m: typeof Monaco, contextOf: ContextOf): void {
  registerQueryLanguage(m, odataSpec, contextOf)
}
