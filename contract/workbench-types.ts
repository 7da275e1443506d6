// Types that cross the IPC boundary for profiles, sessions, metadata, queries, results and the wire log.
// Kept apart from the channel table so the contract stays readable.
import type {
  ClassMeta,
  FieldMeta,
  ForeignKeyMeta,
  LookupValue,
  MetadataSource,
  ObjectTypeMeta,
  SystemInfo
} from '../domain/metadata/metadata-model'

export type ProfileKind = 'rets' | 'reso' | 'spark' | 'idx' | 'activity'

export interface ProfileSummary {
  id: string
  name: string
  kind: ProfileKind
  /** the preset Demo MLS profiles: read-only, credentials filled in by the app */
  builtin: boolean
  url: string
  /** names of the secrets stored for it in the secret store (never the values) */
  storedSecrets: string[]
}

export interface ConnectionInfo {
  profileId: string
  kind: ProfileKind
  server: string
  /** RETS-Version the server answered with, OData version, Spark API version */
  protocolVersion?: string
  metadataVersion?: string
  metadataTimestamp?: string
  /** RETS capability URLs (redacted) and other facts the server gave at login */
  capabilities: Record<string, string>
  connectedAt: string
  notes: string[]
}

/** The metadata tree without the per-class fields, which are loaded on demand (a RETS TABLE can be 250 KB). */
export interface MetadataSummary {
  profileId: string
  source: MetadataSource
  /** 'live' = fetched this session; 'cache' = from the offline cache on disk */
  origin: 'live' | 'cache'
  system: SystemInfo
  resources: {
    name: string
    standardName?: string
    visibleName?: string
    description?: string
    keyField?: string
    classes: Omit<ClassMeta, 'fields'>[]
    lookups: { name: string; visibleName?: string }[]
    objectTypes: ObjectTypeMeta[]
  }[]
  /** RETS METADATA-FOREIGNKEYS, when the server serves them */
  foreignKeys?: ForeignKeyMeta[]
  warnings: string[]
}

export type RetsFormat = 'COMPACT' | 'COMPACT-DECODED' | 'STANDARD-XML'

export type QuerySpec =
  | {
      kind: 'dmql'
      resource: string
      class: string
      query: string
      format: RetsFormat
      select?: string[]
      limit?: number
      offset?: number
      count: 0 | 1 | 2
      standardNames: boolean
      /** follow pages until the server has no more (bounded by maxRows) */
      fetchAll: boolean
      maxRows?: number
    }
  | {
      kind: 'odata'
      resource: string
      filter?: string
      select?: string[]
      top?: number
      skip?: number
      orderby?: string
      expand?: string
      count: boolean
      fetchAll: boolean
      maxRows?: number
    }
  | {
      kind: 'spark'
      filter?: string
      select?: string[]
      expand?: string
      orderby?: string
      limit?: number
      page?: number
      fetchAll: boolean
      maxRows?: number
    }

export interface ResultSummary {
  resultId: string
  columns: { name: string; lookupName?: string }[]
  total: number
  complete: boolean
  serverCount?: number
  maxRowsReached?: boolean
  pages: number
  warnings: string[]
  /** the wire-log entry of the first request, for the raw view */
  wireIds: string[]
}

export interface WireEntry {
  id: string
  method: string
  /** redacted */
  url: string
  status?: number
  startedAt: string
  durationMs?: number
  /** redacted */
  requestHeaders: Record<string, string>
  responseHeaders: Record<string, string>
  requestBody?: string
  contentType?: string
  bodySize: number
  error?: string
}

export interface WireBodySlice {
  id: string
  offset: number
  total: number
  /** text when the body is text in a known charset, base64 otherwise (hex view) */
  encoding: 'text' | 'base64'
  data: string
}

/** What a photo export did: counts, bytes, errors (first few hundred) and the first files for thumbnails. */
export interface ExportErrorEntry {
  listing: string
  type: string
  objectId: string
  message: string
  missing: boolean
}

export interface PhotoExportSummary {
  destination: string
  manifestCsv: string
  manifestJsonl: string
  listings: number
  written: number
  skipped: number
  failed: number
  /** failed because the object does not exist (a subset of failed) */
  missing: number
  bytesWritten: number
  /** bytes received from the network (includes discarded error bodies and re-sent complete parts) */
  bytesDownloaded: number
  durationMs: number
  cancelled: boolean
  /** the first few hundred errors; `errorsOmitted` counts the rest */
  errors: ExportErrorEntry[]
  errorsOmitted: number
  /** relative paths of the first files written (thumbnail strip) */
  firstFiles: string[]
}

/** What the photo export dialog offers for one connection. */
export interface PhotoExportOptions {
  kind: 'rets' | 'reso' | 'spark'
  resource: string
  /** RETS object types, RESO media categories, Spark photo sizes */
  types: { value: string; label: string; description?: string }[]
  defaultTypes: string[]
  /** RETS only: how objects are fetched */
  modes: ('multipart' | 'location' | 'single')[]
  /** the resource's key field (RETS KeyField, RESO ListingKey, Spark Id): the default key column */
  keyField?: string
  defaultPattern: string
  tokens: string[]
}

/** A small image of an exported file for the summary's thumbnail strip. */
export interface PhotoThumbnail {
  file: string
  dataUrl: string
  bytes: number
}

export type { FieldMeta, LookupValue }

/** One step of "Test connection": each says what was tried, how it went and, on failure, what to do. */
export interface ConnectionTestStep {
  step: 'url' | 'dns' | 'tcp' | 'tls' | 'http' | 'auth'
  ok: boolean
  /** what was found: the address, the certificate, the status and challenge, the server's reply */
  detail: string
  hint?: string
  ms: number
}
