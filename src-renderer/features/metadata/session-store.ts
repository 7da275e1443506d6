import { defineStore } from 'pinia'
import { markRaw, ref, shallowReactive } from 'vue'
import type { FieldMeta, LookupValue } from '../../../domain/metadata/metadata-model'
import type { ConnectionInfo } from '../../../contract/session-channels'
import type { MetadataSummary } from '../../../contract/metadata-channels'
import { call } from '../../api/client'
import { kindHas, type ProfileKind } from '../../../contract/kinds'
import { metaKey } from './meta-key'
import type { TreeNodeRef } from './metadata-tree'
import { useToastStore } from '../../shell/toasts-store'

type Lazy<T> = T | 'loading'

// Per-profile session facts: the connection, the metadata summary, and the lazily loaded parts (fields per class,
// values per lookup). Big arrays are markRaw: they are replaced, never mutated, and deep reactivity over 100,000
// fields would cost more than the tree itself.
export const useSessionStore = defineStore('session', () => {
  const connections = ref<Record<string, ConnectionInfo>>({})
  const summaries = shallowReactive(new Map<string, MetadataSummary>())
  const summaryLoading = ref<Record<string, boolean>>({})
  const fields = shallowReactive(new Map<string, Lazy<FieldMeta[]>>())
  const lookups = shallowReactive(new Map<string, Lazy<LookupValue[]>>())
  /** whose metadata the tree shows */
  const activeProfileId = ref<string | null>(null)
  /** the node whose details the Metadata tab shows */
  const selected = ref<{ profileId: string; node: TreeNodeRef } | null>(null)

  function setConnection(info: ConnectionInfo): void {
    connections.value = { ...connections.value, [info.profileId]: info }
    activeProfileId.value = info.profileId
  }

  function forget(profileId: string): void {
    const { [profileId]: _gone, ...rest } = connections.value
    connections.value = rest
    if (activeProfileId.value === profileId) activeProfileId.value = Object.keys(rest)[0] ?? null
  }

  /**
   * `cached`: the summary already here, if any; `main`: ask main again (after a reconnect the server may have new
   * metadata); `server`: have main download it again.
   */
  async function loadSummary(
    profileId: string,
    from: 'cached' | 'main' | 'server' = 'cached'
  ): Promise<MetadataSummary | undefined> {
    if (from === 'cached' && summaries.has(profileId)) return summaries.get(profileId)
    summaryLoading.value = { ...summaryLoading.value, [profileId]: true }
    try {
      const before = summaries.get(profileId)?.system
      const s = markRaw(
        await call('metadata:summary', from === 'server' ? { profileId, refresh: true } : { profileId })
      )
      summaries.set(profileId, s)
      if (
        from === 'server' ||
        (before && (before.version !== s.system.version || before.timestamp !== s.system.timestamp))
      ) {
        // a new metadata version may change every class: drop what was loaded for the old one
        for (const k of [...fields.keys()]) if (k.startsWith(metaKey(profileId, ''))) fields.delete(k)
        for (const k of [...lookups.keys()]) if (k.startsWith(metaKey(profileId, ''))) lookups.delete(k)
      }
      return s
    } catch (err) {
      useToastStore().error(err)
      return undefined
    } finally {
      summaryLoading.value = { ...summaryLoading.value, [profileId]: false }
    }
  }

  function fieldsOf(profileId: string, resource: string, cls: string): Lazy<FieldMeta[]> | undefined {
    return fields.get(metaKey(profileId, resource, cls))
  }

  function lookupOf(profileId: string, resource: string, lookup: string): Lazy<LookupValue[]> | undefined {
    return lookups.get(metaKey(profileId, resource, lookup))
  }

  async function ensureFields(profileId: string, resource: string, cls: string): Promise<FieldMeta[]> {
    const key = metaKey(profileId, resource, cls)
    const have = fields.get(key)
    if (Array.isArray(have)) return have
    if (have === 'loading') return []
    fields.set(key, 'loading')
    try {
      const list = markRaw(await call('metadata:fields', { profileId, resource, class: cls }))
      fields.set(key, list)
      await refreshIfDegraded(profileId, list.length === 0)
      return list
    } catch (err) {
      fields.delete(key)
      useToastStore().error(err)
      return []
    }
  }

  /** lookups being fetched: a second caller (completion waiting for values) gets the same promise */
  const lookupsInFlight = new Map<string, Promise<LookupValue[]>>()

  async function ensureLookup(profileId: string, resource: string, lookup: string): Promise<LookupValue[]> {
    const key = metaKey(profileId, resource, lookup)
    const have = lookups.get(key)
    if (Array.isArray(have)) return have
    const pending = lookupsInFlight.get(key)
    if (pending) return pending
    lookups.set(key, 'loading')
    const load = (async (): Promise<LookupValue[]> => {
      try {
        const list = markRaw(await call('metadata:lookup', { profileId, resource, lookup }))
        lookups.set(key, list)
        await refreshIfDegraded(profileId, list.length === 0)
        return list
      } catch (err) {
        lookups.delete(key)
        useToastStore().error(err)
        return []
      } finally {
        lookupsInFlight.delete(key)
      }
    })()
    lookupsInFlight.set(key, load)
    return load
  }

  /**
   * A part loaded lazily may have been refused (an empty answer) or, with METADATA-LOOKUP refused, named new
   * lookups: the summary main holds then changed, so it is read again (from memory, no server request).
   */
  async function refreshIfDegraded(profileId: string, empty: boolean): Promise<void> {
    if (!empty && !summaries.get(profileId)?.degraded?.length) return
    summaries.set(profileId, markRaw(await call('metadata:summary', { profileId })))
  }

  /** Asks the server again for a degraded part; what it had loaded for that node is dropped and re-read. */
  async function retryPart(profileId: string, key: string): Promise<void> {
    try {
      summaries.set(profileId, markRaw(await call('metadata:retry', { profileId, key })))
      const [, resource = '', cls = '', lookup = ''] = key.split('|')
      if (cls) fields.delete(metaKey(profileId, resource, cls))
      if (lookup) lookups.delete(metaKey(profileId, resource, lookup))
      if (cls) await ensureFields(profileId, resource, cls)
      if (lookup) await ensureLookup(profileId, resource, lookup)
    } catch (err) {
      useToastStore().error(err)
    }
  }

  function select(profileId: string, node: TreeNodeRef): void {
    selected.value = { profileId, node: markRaw(node) }
  }

  /** the kind of a connection that has no metadata (Listing Activity), which the tree says instead of showing none */
  function kindWithoutMetadata(profileId: string): ProfileKind | undefined {
    const kind = connections.value[profileId]?.kind
    return kind && !kindHas(kind, 'metadata') ? kind : undefined
  }

  return {
    connections,
    kindWithoutMetadata,
    summaries,
    summaryLoading,
    activeProfileId,
    selected,
    setConnection,
    forget,
    loadSummary,
    fieldsOf,
    lookupOf,
    ensureFields,
    ensureLookup,
    retryPart,
    select
  }
})
