// RETS GetObject as a photo source. Three modes:
//  - multipart: one GetObject per batch (`k1:*,k2:*`), parts streamed through the rets/objects splitter straight to
//    disk, with backpressure (the next network chunk is read only when the file has taken the last one);
//  - location: Location=1, the reply is header-only parts whose URLs go to the shared concurrent downloader (and
//    on resume, complete objects are not downloaded at all);
//  - single: one request per key (and per id when ids are listed), for servers that reject multi-key IDs.
// A multipart batch the server rejects as a whole (a RETS error, e.g. 20402 for one odd key) falls back to single;
// so does a batch answered with one plain 20403 (none of its keys has an object: each key is then asked alone, so
// every listing gets its own row with the server's own reason).
import { AppError } from '../../../../../contract/app-error'
import { httpStatusError, NON_ERROR_CODES } from '../../../../protocols/rets/rets-reply'
import type { RetsSession } from '../../../../protocols/rets/rets-session'
import {
  formatObjectIds,
  readObjectResponse,
  type ObjectIdSpec,
  type ObjectSink
} from '../../../../protocols/rets/objects/get-object'
import type { ObjectPartInfo, ObjectPartResult } from '../../../../protocols/rets/objects/object-part'
import { downloadFetcher } from '../url-fetchers'
import { SMALL_BODY_LIMIT } from '../../../../protocols/json-api/api-transport'
import { readCapped } from '../../../../platform/http/read-capped'
import type {
  ExportObjectSink,
  ObjectMeta,
  PhotoSource,
  SourceBatch,
  StreamedObjectWriter,
  UrlFetcher,
  UrlObject
} from '../photo-export-types'
import type { ObjectIdSelection, PhotoFetchMode } from '../../../../../contract/photo-channels'

export type RetsObjectMode = PhotoFetchMode

export interface RetsObjectSourceOptions {
  /** default Property */
  resource?: string
  /** default multipart */
  mode?: RetsObjectMode
  /** default: the session's HttpClient with its cookie jar (some servers want RETS-Session-ID on Location URLs) */
  fetcher?: UrlFetcher
}

function idSpec(key: string, ids: ObjectIdSelection): ObjectIdSpec {
  return { key, objects: ids === '*' ? ['*'] : ids === '0' ? [0] : ids }
}

/** `,` and `:` separate GetObject IDs (RETS 1.7.2 §5.3): a key holding one cannot be asked for. */
function expressible(key: string): boolean {
  return !/[,:]/.test(key)
}

/**
 * The body, one chunk at a time, only as fast as the current file takes it; stops at a cancel even when the whole
 * reply is already buffered locally (aborting a request that has completed does not end its buffered stream).
 */
async function* gated(
  body: AsyncIterable<Buffer>,
  gate: () => Promise<void>,
  signal: AbortSignal
): AsyncIterable<Buffer> {
  for await (const chunk of body) {
    signal.throwIfAborted()
    yield chunk
    await gate()
  }
}

/**
 * The requested key a part's Content-ID names (RFC 2045 allows `<id>`; case and spaces vary), or undefined when it
 * names none — then the part belongs to no requested listing, whatever the request. Without a Content-ID only a
 * one-key request says whose part it is.
 */
export function matchContentId(contentId: string | undefined, keys: string[]): string | undefined {
  if (contentId === undefined) return keys.length === 1 ? keys[0] : undefined
  if (keys.includes(contentId)) return contentId
  const bare = contentId
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .toLowerCase()
  return keys.find((k) => k.toLowerCase() === bare)
}

export class RetsObjectSource implements PhotoSource {
  readonly kind = 'rets' as const
  readonly resource: string
  readonly fetcher: UrlFetcher
  readonly mode: RetsObjectMode

  constructor(
    private readonly session: RetsSession,
    options: RetsObjectSourceOptions = {}
  ) {
    this.resource = options.resource ?? 'Property'
    this.mode = options.mode ?? 'multipart'
    this.fetcher = options.fetcher ?? downloadFetcher(session.http, 'include')
  }

  async fetch(batch: SourceBatch, sink: ExportObjectSink, signal: AbortSignal): Promise<UrlObject[]> {
    const keys: string[] = []
    for (const key of batch.keys) {
      if (expressible(key)) keys.push(key)
      else
        sink.failed(this.meta(key, batch.type, '*'), {
          message: 'The listing key contains "," or ":", which GetObject IDs cannot carry.',
          missing: false
        })
    }
    if (keys.length === 0) return []
    if (this.mode === 'single') return this.oneByOne(keys, batch, sink, signal)
    try {
      return await this.request(
        keys.map((k) => idSpec(k, batch.objectIds)),
        keys,
        batch.type,
        sink,
        signal
      )
    } catch (err) {
      // the whole multi-key request was refused: ask key by key so one bad key costs only itself
      if (keys.length === 1 || signal.aborted || !/^RETS_\d+$/.test((err as { code?: string }).code ?? '')) throw err
      return this.oneByOne(keys, batch, sink, signal)
    }
  }

  private async oneByOne(
    keys: string[],
    batch: SourceBatch,
    sink: ExportObjectSink,
    signal: AbortSignal
  ): Promise<UrlObject[]> {
    const urls: UrlObject[] = []
    for (const key of keys) {
      const specs =
        Array.isArray(batch.objectIds) && this.mode === 'single'
          ? batch.objectIds.map((n) => idSpec(key, [n]))
          : [idSpec(key, batch.objectIds)]
      for (const spec of specs) {
        if (signal.aborted) return urls
        try {
          urls.push(...(await this.request([spec], [key], batch.type, sink, signal)))
        } catch (err) {
          if (signal.aborted || (err as { code?: string }).code?.startsWith('EXPORT_')) throw err
          const objectId = spec.objects?.join(':') ?? '*'
          sink.failed(this.meta(key, batch.type, objectId), { message: (err as Error).message, missing: false })
        }
      }
    }
    return urls
  }

  private meta(listingKey: string, type: string, objectId: string): ObjectMeta {
    return { listingKey, resource: this.resource, type, objectId }
  }

  private partMeta(info: ObjectPartInfo, keys: string[], type: string, fallbackId: number | string): ObjectMeta {
    const order = info.objectId !== undefined && /^\d+$/.test(info.objectId) ? Number(info.objectId) : undefined
    const listingKey = matchContentId(info.contentId, keys)
    return {
      listingKey: listingKey ?? info.contentId ?? '(no Content-ID)',
      ...(listingKey === undefined ? { unmatched: { requested: keys } } : {}),
      resource: this.resource,
      type,
      objectId: info.objectId ?? String(fallbackId),
      ...(order !== undefined ? { order } : {}),
      ...(info.description ? { description: info.description } : {}),
      ...(info.uid ? { uid: info.uid } : {}),
      ...(info.contentType ? { contentType: info.contentType } : {}),
      ...(info.location ? { sourceUrl: info.location } : {}),
      preferred: info.preferred
    }
  }

  private async request(
    specs: ObjectIdSpec[],
    keys: string[],
    type: string,
    sink: ExportObjectSink,
    signal: AbortSignal
  ): Promise<UrlObject[]> {
    const location = this.mode === 'location'
    const res = await this.session.transaction(
      'GetObject',
      { Resource: this.resource, Type: type, ID: formatObjectIds(specs), Location: location ? '1' : '0' },
      { signal }
    )
    if (res.status >= 400) {
      const text = (await readCapped(res.body, SMALL_BODY_LIMIT, 'truncate')).toString('latin1')
      throw httpStatusError(res.status, res.statusText, text, res.url)
    }
    let parts = 0
    // a reply without Object-ID to a one-object request (a plain 20403, an image) is about that object
    const only = specs.length === 1 && specs[0]!.objects?.length === 1 ? specs[0]!.objects[0] : undefined
    const fallbackId = (): number | string => (only !== undefined && only !== '*' ? String(only) : parts)
    let current: StreamedObjectWriter | undefined
    const multipart = /multipart\//i.test(res.header('content-type') ?? '')
    // a single-part RETS error other than "no object" fails the whole request (readObjectResponse throws it after
    // closing the part): record it once, as the request's failure, not also as an object row
    const requestError = (result: ObjectPartResult): boolean =>
      !multipart && result.error?.replyCode !== undefined && !NON_ERROR_CODES.has(result.error.replyCode)
    // one "no object" reply for several keys cannot say which key it is about
    let wholeBatchMissing: ObjectPartResult['error']
    const batchMissing = (result: ObjectPartResult): boolean => {
      if (multipart || keys.length < 2 || !result.error?.missing) return false
      wholeBatchMissing = result.error
      return true
    }
    const objectSink: ObjectSink = {
      open: (info) => {
        parts++
        const meta = this.partMeta(info, keys, type, fallbackId())
        const writer = sink.open(meta)
        current = writer
        return {
          write: (chunk) => void writer.write(chunk),
          close: (result: ObjectPartResult) =>
            writer.close({
              silent: requestError(result) || batchMissing(result),
              meta: this.partMeta(result, keys, type, fallbackId()),
              ...(result.error
                ? {
                    error: {
                      message: result.error.message,
                      missing: result.error.missing,
                      ...(result.error.replyCode !== undefined ? { replyCode: result.error.replyCode } : {})
                    }
                  }
                : {})
            })
        }
      }
    }
    const deferred: ObjectPartInfo[] = []
    const body = gated(res.body as AsyncIterable<Buffer>, () => current?.drained() ?? Promise.resolve(), signal)
    await readObjectResponse(res.header('content-type'), res.headers, body, objectSink, location ? deferred : undefined)
    if (wholeBatchMissing)
      throw new AppError({ code: `RETS_${wholeBatchMissing.replyCode ?? 20403}`, message: wholeBatchMissing.message })
    return deferred.map((info, i) => ({ meta: this.partMeta(info, keys, type, i + 1), url: info.location! }))
  }
}
