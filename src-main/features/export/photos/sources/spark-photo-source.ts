// Spark API photos as a photo source: `/v1/listings/<Id>?_expand=Photos` (or listings already fetched), one size per
// type — UriThumb, Uri300 … Uri2048, UriLarge (Spark API documentation) — downloaded by the shared concurrent
// downloader.
import type { SparkClient } from '../../../../protocols/spark/spark-client'
import { parseSparkListing, type SparkListing } from '../../../../protocols/spark/listing-record'
import type {
  ExportObjectSink,
  PhotoExportRequest,
  PhotoSource,
  SourceBatch,
  UrlFetcher,
  UrlObject
} from '../photo-export-types'
import { batchObjects } from './url-object-selection'

export const SPARK_PHOTO_SIZES = [
  'UriThumb',
  'Uri300',
  'Uri640',
  'Uri800',
  'Uri1024',
  'Uri1280',
  'Uri1600',
  'Uri2048',
  'UriLarge'
]

export type SparkListingProvider = (keys: string[], signal: AbortSignal) => Promise<SparkListing[]>

const isNotFound = (err: unknown): boolean => /404|NOT_FOUND/.test((err as { code?: string }).code ?? '')

export function sparkListingsFromClient(client: SparkClient): SparkListingProvider {
  return async (keys, signal) => {
    const out: SparkListing[] = []
    for (const key of keys) {
      try {
        out.push(await client.listing(key, ['Photos'], signal))
      } catch (err) {
        if (!isNotFound(err)) throw err
      }
    }
    return out
  }
}

/** Raw `D.Results` entries fetched earlier. */
export function sparkListingsFromJson(results: unknown[]): SparkListingProvider {
  const parsed = results.map(parseSparkListing)
  return async () => parsed
}

/** The keys a Spark listing answers to: its Id, ListingKey and ListingId (users paste either). */
function keysOf(listing: SparkListing): string[] {
  const sf = listing.standardFields
  return [listing.id, sf.ListingKey, sf.ListingId].filter((v): v is string => typeof v === 'string' && v !== '')
}

export class SparkPhotoSource implements PhotoSource {
  readonly kind = 'spark' as const
  readonly resource = 'Property'

  constructor(
    private readonly provider: SparkListingProvider,
    /** the connection's downloader; photo URIs point at a CDN, so without credentials */
    readonly fetcher: UrlFetcher
  ) {}

  validate(request: PhotoExportRequest): string[] {
    const bad = request.types.filter((t) => !SPARK_PHOTO_SIZES.includes(t))
    return bad.length > 0 ? [`Spark photo sizes are ${SPARK_PHOTO_SIZES.join(', ')} (not ${bad.join(', ')}).`] : []
  }

  async fetch(batch: SourceBatch, sink: ExportObjectSink, signal: AbortSignal): Promise<UrlObject[]> {
    const size = batch.type.replace(/^Uri/, '')
    const found = new Map<string, UrlObject[]>()
    for (const listing of await this.provider(batch.keys, signal)) {
      const key = batch.keys.find((k) => keysOf(listing).includes(k))
      if (key === undefined || found.has(key)) continue
      const objects: UrlObject[] = []
      listing.photos.forEach((photo, i) => {
        const url = photo.uris[size]
        const meta = {
          listingKey: key,
          resource: this.resource,
          type: batch.type,
          objectId: String(i + 1),
          order: i + 1,
          ...(photo.name || photo.caption ? { description: photo.name || photo.caption } : {}),
          ...(photo.id ? { uid: photo.id } : {}),
          preferred: photo.primary
        }
        if (url) objects.push({ url, meta })
        else {
          const offered =
            Object.keys(photo.uris)
              .map((s) => `Uri${s}`)
              .join(', ') || 'none'
          sink.failed(meta, { message: `Photo ${i + 1} has no ${batch.type} (offered: ${offered}).`, missing: true })
        }
      })
      found.set(key, objects)
    }
    return batchObjects(batch, this.resource, found, sink)
  }
}
