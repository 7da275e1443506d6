// Every class's fields and every lookup's values of a profile's metadata loaded (RETS serves them lazily), for the
// report, comparisons and conformance. A part that cannot be loaded (offline, refused) is listed, not fatal.
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import type { SessionManager } from '../connections/session-manager'

export interface WholeModel {
  model: MetadataModel
  notLoaded: string[]
}

export interface LoadProgress {
  signal?: AbortSignal
  onPart?: (done: number, total: number, what: string) => void
}

export async function loadWholeModel(
  sessions: Pick<SessionManager, 'model' | 'fields' | 'lookup'>,
  profileId: string,
  progress: LoadProgress = {}
): Promise<WholeModel> {
  const { model } = await sessions.model(profileId)
  const todo = [
    ...model.resources.flatMap((r) =>
      r.classes.map((c) => ({ kind: 'class' as const, resource: r.name, name: c.name }))
    ),
    ...model.resources.flatMap((r) =>
      r.lookups.map((l) => ({ kind: 'lookup' as const, resource: r.name, name: l.name }))
    )
  ]
  const notLoaded: string[] = []
  for (const [i, item] of todo.entries()) {
    progress.signal?.throwIfAborted()
    progress.onPart?.(i, todo.length, `${item.resource}: ${item.kind} ${item.name}`)
    try {
      if (item.kind === 'class') await sessions.fields(profileId, item.resource, item.name)
      else await sessions.lookup(profileId, item.resource, item.name)
    } catch (err) {
      if (progress.signal?.aborted) throw err
      notLoaded.push(
        `${item.kind === 'class' ? 'Fields of class' : 'Values of lookup'} ${item.resource}:${item.name} — ${(err as Error).message}`
      )
    }
  }
  return { model, notLoaded }
}
