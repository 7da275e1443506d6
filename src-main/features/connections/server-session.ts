// What the workbench needs from a live connection, whatever the protocol. One adapter per kind (RETS, RESO Web
// API, Spark) maps its client onto this, so handlers, CLI and tests drive all three the same way.
import type { FieldMeta, LookupValue, MetadataModel } from '../../../domain/metadata/metadata-model'
import type { ConnectionInfo } from '../../../contract/session-channels'
import type { QuerySpec } from '../../../contract/query-channels'
import type { ResultWriter } from '../../platform/results/result-types'
import type { JobControl } from '../../platform/jobs/job-manager'
import type { PhotoSource } from '../export/photos/photo-export-types'

export interface PhotoSourceOptions {
  resource?: string
  /** RETS only: one multipart reply per batch, Location=1 URLs, or one request per object */
  mode?: 'multipart' | 'location' | 'single'
}

export interface ServerSession {
  connect(signal?: AbortSignal): Promise<ConnectionInfo>
  /** the metadata tree; RETS leaves class fields and lookup values undefined until asked */
  loadMetadata(signal?: AbortSignal): Promise<MetadataModel>
  /** fills `model` in place, so the cached snapshot grows as the user explores */
  loadFields(model: MetadataModel, resource: string, cls: string, signal?: AbortSignal): Promise<FieldMeta[]>
  loadLookup(model: MetadataModel, resource: string, lookup: string, signal?: AbortSignal): Promise<LookupValue[]>
  /** rows go to `writer`; the requests it made are found in the wire log */
  run(spec: QuerySpec, writer: ResultWriter, job: JobControl): Promise<void>
  /** where photo export reads objects from on this connection */
  photoSource(options: PhotoSourceOptions): PhotoSource
  close(): Promise<void>
}
