// RESO Web API media as a photo source: records come from `Property('key')?$expand=Media` (or any provider: the
// Media resource filtered by ResourceRecordKey, or records already fetched for the results grid), and every
// MediaURL goes to the shared concurrent downloader. Type = MediaCategory (Photo, Video, Document…).
import type { ODataClient } from '../../../../protocols/odata/odata-client'
import type { ExportObjectSink, PhotoSource, SourceBatch, UrlFetcher, UrlObject } from '../photo-export-types'
import { batchObjects } from './url-object-selection'

/** Property records with a `Media` array, or Media rows (with ResourceRecordKey), for the given keys. */
export type ResoRecordProvider = (keys: string[], signal: AbortSignal) => Promise<Array<Record<string, unknown>>>

export interface ResoMediaSourceOptions {
  /** default Property */
  resource?: string
  /** key field of the resource records; default ListingKey */
  keyField?: string
  /** the connection's downloader; MediaURLs are public CDN links, so without credentials */
  fetcher: UrlFetcher
}

const isNotFound = (err: unknown): boolean => /404|NOT_FOUND/.test((err as { code?: string }).code ?? '')

/** Property('key')?$expand=Media per key; a 404 means the listing is gone (reported as a missing row). */
export function resoRecordsFromClient(client: ODataClient, resource = 'Property'): ResoRecordProvider {
  return async (keys, signal) => {
    const out: Array<Record<string, unknown>> = []
    for (const key of keys) {
      try {
        out.push(await client.entity(resource, key, ['Media'], signal))
      } catch (err) {
        if (!isNotFound(err)) throw err
      }
    }
    return out
  }
}

/**
 * One query per batch on the Media resource: `ResourceRecordKey eq 'a' or …` (servers without `in` support still
 * take `or`), ordered so a listing's photos arrive in Order. Fewer requests than one $expand per listing.
 */
export function resoMediaResourceFromClient(client: ODataClient): ResoRecordProvider {
  return async (keys, signal) => {
    const rows: Array<Record<string, unknown>> = []
    const filter = keys.map((k) => `ResourceRecordKey eq '${k.replace(/'/g, "''")}'`).join(' or ')
    await client.each(
      { resource: 'Media', filter, orderby: ['ResourceRecordKey', 'Order'] },
      (row) => void rows.push(row),
      { signal }
    )
    return rows
  }
}

/** Records fetched earlier (a results page, a pasted JSON file). */
export function resoRecordsFromList(records: Array<Record<string, unknown>>): ResoRecordProvider {
  return async () => records
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined

export class ResoMediaSource implements PhotoSource {
  readonly kind = 'reso' as const
  readonly resource: string
  readonly fetcher: UrlFetcher
  private readonly keyField: string

  constructor(
    private readonly provider: ResoRecordProvider,
    options: ResoMediaSourceOptions
  ) {
    this.resource = options.resource ?? 'Property'
    this.keyField = options.keyField ?? 'ListingKey'
    this.fetcher = options.fetcher
  }

  async fetch(batch: SourceBatch, sink: ExportObjectSink, signal: AbortSignal): Promise<UrlObject[]> {
    const wanted = new Set(batch.keys)
    const found = new Map<string, UrlObject[]>()
    const add = (key: string, media: Record<string, unknown>, position: number): void => {
      if (!wanted.has(key)) return
      const list = found.get(key) ?? []
      found.set(key, list)
      const category = text(media.MediaCategory) ?? 'Photo'
      const url = text(media.MediaURL)
      if (!url || category.toLowerCase() !== batch.type.toLowerCase()) return
      const order = typeof media.Order === 'number' ? media.Order : position
      const description = text(media.ShortDescription) ?? text(media.LongDescription)
      const uid = text(media.MediaKey)
      const contentType = text(media.MimeType)
      list.push({
        url,
        meta: {
          listingKey: key,
          resource: this.resource,
          type: batch.type,
          objectId: String(order),
          order,
          ...(description ? { description } : {}),
          ...(uid ? { uid } : {}),
          ...(contentType ? { contentType } : {}),
          preferred: media.PreferredPhotoYN === true || order === 1
        }
      })
    }
    for (const record of await this.provider(batch.keys, signal)) {
      const key = text(record[this.keyField])
      if (key !== undefined && Array.isArray(record.Media)) {
        if (!found.has(key) && wanted.has(key)) found.set(key, [])
        record.Media.forEach((m, i) => add(key, (m ?? {}) as Record<string, unknown>, i + 1))
      } else if (text(record.ResourceRecordKey) !== undefined && text(record.MediaURL) !== undefined) {
        add(text(record.ResourceRecordKey)!, record, (found.get(text(record.ResourceRecordKey)!)?.length ?? 0) + 1)
      } else if (key !== undefined && wanted.has(key) && !found.has(key)) {
        found.set(key, [])
      }
    }
    return batchObjects(batch, this.resource, found, sink)
  }
}
