// The photo export's contracts: what the UI asks for, what a source hands the engine, what lands in the manifest
// and what the summary reports. Sources (RETS GetObject, RESO Media, Spark Photos) differ only behind PhotoSource.
import type { ObjectIdSelection, PhotoExportChoices, PhotoExportRequestArgs } from '../../../../contract/photo-channels'

/** What the engine runs: the request of photos:export with the listing keys resolved (given, or read from a result). */
export type PhotoExportRequest = Omit<PhotoExportRequestArgs, 'listingKeys' | 'keysFrom'> & { listingKeys: string[] }

/** What is known about one object before or while its bytes arrive. */
export interface ObjectMeta {
  listingKey: string
  resource: string
  type: string
  /** RETS Object-ID, RESO Order, Spark position (as text: RETS allows any) */
  objectId: string
  order?: number
  description?: string
  /** RETS 1.8 UID, RESO MediaKey, Spark photo Id */
  uid?: string
  contentType?: string
  /** where the bytes come from (Location / MediaURL / Uri…); empty for inline multipart parts */
  sourceUrl?: string
  preferred?: boolean
  /**
   * The server filed this object under an id that is none of the requested listing keys (RETS Content-ID); then
   * `listingKey` is that id as sent. It is kept apart and accounts for no requested listing.
   */
  unmatched?: { requested: string[] }
}

export interface ObjectFailure {
  message: string
  /** the object does not exist (20403, 404, no media): permanent, not a transport problem */
  missing: boolean
  replyCode?: number
}

/** Bytes of one object as they stream in (multipart GetObject). `write` returning false means: wait for `drained`. */
export interface StreamedObjectWriter {
  write(chunk: Buffer): boolean
  drained(): Promise<void>
  /** finish with the final headers/meta; an error means nothing is kept (`silent`: and no row — the caller reports it) */
  close(outcome: { meta: ObjectMeta; error?: ObjectFailure; silent?: boolean }): Promise<void>
}

export interface ExportObjectSink {
  open(meta: ObjectMeta): StreamedObjectWriter
  /** an object that could not be had at all (a listing without media, a requested id the record lacks) */
  failed(meta: ObjectMeta, failure: ObjectFailure): void
}

/** An object to fetch by URL with the shared concurrent downloader. */
export interface UrlObject {
  meta: ObjectMeta
  url: string
}

export interface SourceBatch {
  keys: string[]
  type: string
  objectIds: ObjectIdSelection
}

/** A GET of one object URL, body streamed. */
export interface UrlFetchResponse {
  status: number
  contentType?: string
  body: AsyncIterable<Buffer>
}

export type UrlFetcher = (url: string, signal: AbortSignal) => Promise<UrlFetchResponse>

export interface PhotoSource {
  readonly kind: PhotoExportChoices['kind']
  readonly resource: string
  /** downloads the URLs this source returns through the connection's HttpClient (url-fetchers.ts) */
  readonly fetcher: UrlFetcher
  /** Streams inline objects into `sink` and returns the ones to download by URL. Throwing fails the batch only. */
  fetch(batch: SourceBatch, sink: ExportObjectSink, signal: AbortSignal): Promise<UrlObject[]>
  /** refuse bad input before anything runs (unknown Spark size, keys RETS cannot express) */
  validate?(request: PhotoExportRequest): string[]
}

/** `unmatched`: written under UNMATCHED_FOLDER, its Content-ID matched no requested listing (see ObjectMeta). */
export type ManifestStatus = 'written' | 'skipped' | 'failed' | 'unmatched'

/** One line of manifest.csv / manifest.jsonl. */
export interface ManifestRow {
  listing: string
  resource: string
  type: string
  objectId: string
  /** path relative to the destination, `/`-separated; empty when nothing was written */
  file: string
  bytes: number
  sha256: string
  contentType: string
  description: string
  sourceUrl: string
  status: ManifestStatus
  error: string
  /** ISO time the row was written */
  at: string
}

export interface PhotoExportHooks {
  /** every manifest row as it is written (UI thumbnails, logs) */
  onRow?: (row: ManifestRow) => void
  /** clock for tests */
  now?: () => number
}
