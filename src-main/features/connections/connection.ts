// A live connection to a server, exposing only what its kind can do. The kinds table (contract/kinds.ts) says which
// capabilities each kind has; `ConnectionOf<K>` turns that into a type, so an adapter that leaves out a capability
// of its kind, or adds one its kind lacks, does not compile — and no kind has to fake a part it does not have.
import type { CapabilitiesOf, Capability, ProfileKind } from '../../../contract/kinds'
import type { ConnectionInfo } from '../../../contract/session-channels'
import type { QuerySpec } from '../../../contract/query-channels'
import type { PhotoExportChoices, PhotoFetchMode } from '../../../contract/photo-channels'
import type { ActivityEvent, ActivityReply } from '../../../contract/activity-channels'
import type { FieldMeta, LookupValue, MetadataModel } from '../../../domain/metadata/metadata-model'
import type { ResultWriter } from '../../platform/results/result-types'
import type { JobControl } from '../../platform/jobs/job-manager'
import type { PhotoSource } from '../export/photos/photo-export-types'
import type { SyncSource } from '../sync/sync-types'
import type { SyncTarget } from '../../../contract/sync-channels'

export interface MetadataCapability {
  /** the metadata tree; RETS leaves class fields and lookup values undefined until asked */
  load(signal?: AbortSignal): Promise<MetadataModel>
  /** fills `model` in place, so the cached snapshot grows as the user explores */
  loadFields(model: MetadataModel, resource: string, cls: string, signal?: AbortSignal): Promise<FieldMeta[]>
  loadLookup(model: MetadataModel, resource: string, lookup: string, signal?: AbortSignal): Promise<LookupValue[]>
  /** asks again for one degraded part (`degradedKey`); absent = the whole metadata is loaded again instead */
  retry?(model: MetadataModel, key: string, signal?: AbortSignal): Promise<MetadataModel>
}

export interface SearchCapability {
  /** rows go to `writer`; the requests it made are found in the wire log */
  run(spec: QuerySpec, writer: ResultWriter, job: JobControl): Promise<void>
}

export interface PhotoSourceOptions {
  resource?: string
  /** RETS only: one multipart reply per batch, Location=1 URLs, or one request per object */
  mode?: PhotoFetchMode
}

export interface PhotosCapability {
  /** where objects come from: RETS GetObject (also the IDX API's), RESO Media records, Spark photos */
  readonly source: PhotoExportChoices['kind']
  open(options: PhotoSourceOptions): PhotoSource
}

export interface ActivityCapability {
  send(event: ActivityEvent, signal?: AbortSignal): Promise<ActivityReply>
}

export interface SyncCapability {
  /** the sync engine's view of one target of this connection (RETS resource:class, RESO entity, Spark listings,
   * IDX SearchType) */
  source(target: SyncTarget): SyncSource
}

/** What each capability of contract/kinds.ts is, on a live connection. */
export interface CapabilityImpls {
  metadata: MetadataCapability
  search: SearchCapability
  photos: PhotosCapability
  activity: ActivityCapability
  sync: SyncCapability
}

interface ConnectionCore {
  connect(signal?: AbortSignal): Promise<ConnectionInfo>
  close(): Promise<void>
}

/** A connection of kind K: exactly the capabilities the kinds table gives K. */
export type ConnectionOf<K extends ProfileKind> = ConnectionCore & { readonly kind: K } & Pick<
    CapabilityImpls,
    CapabilitiesOf<K>
  >

/** Any live connection: the capabilities are there when its kind has them. */
export interface Connection extends ConnectionCore, Partial<CapabilityImpls> {
  readonly kind: ProfileKind
}

/** The capability when the connection has it. */
export function capabilityOf<C extends Capability>(
  connection: Partial<CapabilityImpls>,
  capability: C
): CapabilityImpls[C] | undefined {
  return connection[capability]
}
