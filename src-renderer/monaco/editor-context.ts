// Which metadata each editor model completes against. QueryTab sets the context of its model (fields of the chosen
// resource/class, lookup values loaded so far); the language glue in monaco/languages/* reads it per request, so
// completion follows the parameter bar without re-registering providers.
import type { EditorContext } from '../../domain/query-languages/editor/editor-types'

const contexts = new Map<string, EditorContext>()

export function setModelContext(modelUri: string, ctx: EditorContext | undefined): void {
  if (ctx) contexts.set(modelUri, ctx)
  else contexts.delete(modelUri)
}

/** The context for a model (by its URI string); an empty one when the tab has no resource/class yet. */
export function contextFor(modelUri: string): EditorContext {
  return contexts.get(modelUri) ?? { fields: [] }
}
