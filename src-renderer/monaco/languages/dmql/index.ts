// DMQL2 in Monaco: picked up by monaco/setup.ts (it calls every exported register* function).
import type * as Monaco from 'monaco-editor/editor/editor.api'
import { dmqlLanguage } from '../../../../domain/query-languages/dmql/dmql-editor'
import { registerQueryLanguage, type ContextOf, type QueryLanguageSpec } from '../query-language-glue'

export const dmqlSpec: QueryLanguageSpec = {
  id: 'dmql',
  services: dmqlLanguage,
  triggerCharacters: ['(', '=', '|', ',', '+', '~', '"']
}

export function registerDmql(m: typeof Monaco, contextOf: ContextOf): void {
  registerQueryLanguage(m, dmqlSpec, contextOf)
}
