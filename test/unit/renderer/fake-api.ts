// A fake WorkbenchApi for renderer tests: answers channels from handlers given by the test and records every call.
import type {
  EventChannel,
  EventPayload,
  RequestChannel,
  WorkbenchApi,
  ArgsOf,
  ResultOf
} from '../../../contract/ipc-contract'
import type { MetadataSummary } from '../../../contract/metadata-channels'
import type { FieldMeta } from '../../../domain/metadata/metadata-model'

export type Handlers = { [C in RequestChannel]?: (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>> }

export interface FakeApi extends WorkbenchApi {
  calls: { channel: RequestChannel; args: unknown }[]
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
}

export function fakeApi(handlers: Handlers): FakeApi {
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const calls: FakeApi['calls'] = []
  return {
    calls,
    async invoke(channel, args) {
      calls.push({ channel, args })
      const h = handlers[channel] as ((a: unknown) => unknown) | undefined
      if (!h) return { ok: false, error: { code: 'NOT_FAKED', message: `no fake for ${channel}` } }
      try {
        return { ok: true, value: (await h(args)) as never }
      } catch (err) {
        return { ok: false, error: { code: 'FAKE', message: (err as Error).message, hint: 'fake hint' } }
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (p: unknown) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (p: unknown) => void)
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload)
    }
  }
}

export function field(systemName: string, extra: Partial<FieldMeta> = {}): FieldMeta {
  return { systemName, dataType: 'Character', searchable: true, attrs: {}, ...extra }
}

/** Property with classes RES and LND, a Status lookup and Photo objects; Agent with one class. */
export function sampleSummary(profileId = 'demo-rets'): MetadataSummary {
  return {
    profileId,
    source: 'rets',
    origin: 'live',
    system: { id: 'DEMO', version: '1.00.00042', timestamp: '2026-11-01T00:00:00Z', attrs: {} },
    resources: [
      {
        name: 'Property',
        keyField: 'ListingKey',
        classes: [
          { name: 'RES', visibleName: 'Residential', attrs: {} },
          { name: 'LND', visibleName: 'Land', attrs: {} }
        ],
        lookups: [{ name: 'Status', visibleName: 'Listing status' }],
        objectTypes: [{ type: 'Photo', mimeType: 'image/jpeg', attrs: {} }]
      },
      { name: 'Agent', classes: [{ name: 'Agent', attrs: {} }], lookups: [], objectTypes: [] }
    ],
    warnings: []
  }
}
