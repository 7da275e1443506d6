// GetObject (RETS 1.7.2 §5): IDs `key:1:2,key2:*` (`0` = preferred object), multipart/parallel or single-part
// replies, Location=1 references fetched afterwards with a concurrency limit. Parts stream to an ObjectSink as
// they arrive; nothing holds a whole photo set in memory.
import type { IncomingHttpHeaders } from 'node:http'
import { NON_ERROR_CODES, retsError } from '../rets-reply'
import type { RetsSession } from '../rets-session'
import { boundaryOf, MultipartSplitter, PartHeaderTooLargeError, type PartHeaders } from './multipart-splitter'
import { partError, partInfo, type ObjectPartInfo, type ObjectPartResult } from './object-part'
import { namingRequest } from '../../../platform/http/request-named'

export interface ObjectIdSpec {
  key: string
  /** object numbers, '*' for all; empty = all */
  objects?: Array<number | '*'>
}

/** `[{key:'A',objects:[1,2]},{key:'B',objects:['*']}]` → `A:1:2,B:*` */
export function formatObjectIds(ids: ObjectIdSpec[]): string {
  return ids.map((s) => [s.key, ...(s.objects && s.objects.length > 0 ? s.objects : ['*'])].join(':')).join(',')
}

export interface GetObjectRequest {
  resource: string
  type: string
  /** raw ID string (`key:1:2,key2:*`) or structured */
  ids: string | ObjectIdSpec[]
  /** ask for Location=1 (URLs instead of bytes) */
  location?: boolean
  /** download Location URLs into the sink (default true) */
  fetchLocations?: boolean
  locationConcurrency?: number
}

export interface ObjectPartWriter {
  write(chunk: Buffer): void
  close(result: ObjectPartResult): void | Promise<void>
}

export interface ObjectSink {
  open(info: ObjectPartInfo): ObjectPartWriter
}

export interface GetObjectSummary {
  parts: number
  bytes: number
  missing: number
  errors: number
  locationsFetched: number
  multipart: boolean
}

const ERROR_SNIFF_BYTES = 8192

export async function getObjects(
  session: RetsSession,
  request: GetObjectRequest,
  sink: ObjectSink,
  options: { signal?: AbortSignal } = {}
): Promise<GetObjectSummary> {
  const id = typeof request.ids === 'string' ? request.ids : formatObjectIds(request.ids)
  const res = await session.transaction(
    'GetObject',
    { Resource: request.resource, Type: request.type, ID: id, Location: request.location ? '1' : '0' },
    options.signal ? { signal: options.signal } : {}
  )
  const fetchLocations = request.location === true && request.fetchLocations !== false
  const deferred: ObjectPartInfo[] = []
  const summary = await readObjectResponse(
    res.header('content-type'),
    res.headers,
    res.body as AsyncIterable<Buffer>,
    sink,
    fetchLocations ? deferred : undefined
  ).catch((err: unknown) => {
    if (!(err instanceof PartHeaderTooLargeError)) throw err
    res.body.destroy()
    throw namingRequest(err, session.profile.method ?? 'GET', res.url)
  })
  if (deferred.length > 0)
    await fetchLocationParts(session, deferred, sink, summary, request.locationConcurrency ?? 4, options.signal)
  return summary
}

/**
 * Reads one GetObject reply body (multipart or single part) into the sink. Location-only parts go to `deferred`
 * instead of the sink when given. Exported for replaying captured replies.
 */
export async function readObjectResponse(
  contentType: string | undefined,
  headers: IncomingHttpHeaders,
  body: AsyncIterable<Buffer> | Iterable<Buffer>,
  sink: ObjectSink,
  deferred?: ObjectPartInfo[]
): Promise<GetObjectSummary> {
  const summary: GetObjectSummary = { parts: 0, bytes: 0, missing: 0, errors: 0, locationsFetched: 0, multipart: false }
  const closing: Array<void | Promise<void>> = []
  const tracker = new PartTracker(sink, summary, closing, deferred)
  const boundary = /multipart\//i.test(contentType ?? '') ? boundaryOf(contentType) : undefined
  if (boundary) {
    summary.multipart = true
    const splitter = new MultipartSplitter(boundary, tracker)
    for await (const chunk of body) splitter.push(chunk)
    splitter.end()
  } else {
    tracker.partStart(responseHeaders(headers))
    for await (const chunk of body) tracker.partData(chunk)
    const result = tracker.partEnd()
    // a single-part reply that is a RETS error other than "no object" fails the whole request
    if (result?.error?.replyCode !== undefined && !NON_ERROR_CODES.has(result.error.replyCode)) {
      await Promise.all(closing)
      throw retsError(
        { replyCode: result.error.replyCode, replyText: result.error.message, fromStatus: false },
        result.error.message
      )
    }
  }
  await Promise.all(closing)
  return summary
}

/** Adapts splitter callbacks to the per-part sink, sniffing the first bytes for per-part errors. */
class PartTracker {
  private info: ObjectPartInfo | undefined
  private writer: ObjectPartWriter | undefined
  private head: Buffer[] = []
  private headBytes = 0
  private size = 0

  constructor(
    private readonly sink: ObjectSink,
    private readonly summary: GetObjectSummary,
    private readonly closing: Array<void | Promise<void>>,
    private readonly deferred: ObjectPartInfo[] | undefined
  ) {}

  partStart(headers: PartHeaders): void {
    this.info = partInfo(headers)
    this.head = []
    this.headBytes = 0
    this.size = 0
    this.writer = undefined
  }

  partData(chunk: Buffer): void {
    if (!this.info) return
    if (this.headBytes < ERROR_SNIFF_BYTES) {
      this.head.push(chunk.subarray(0, ERROR_SNIFF_BYTES - this.headBytes))
      this.headBytes += Math.min(chunk.length, ERROR_SNIFF_BYTES - this.headBytes)
    }
    this.size += chunk.length
    this.writerFor(this.info).write(chunk)
  }

  partEnd(): ObjectPartResult | undefined {
    const info = this.info
    if (!info) return undefined
    this.info = undefined
    const error = partError(info, this.head, this.size)
    const result: ObjectPartResult = { ...info, size: this.size, ...(error ? { error } : {}) }
    this.summary.parts++
    this.summary.bytes += this.size
    if (error) {
      if (error.missing) this.summary.missing++
      else this.summary.errors++
    }
    // Location parts carry no bytes, or only an embedded success reply (flexmls)
    const referenceOnly = this.size === 0 || /xml|text\//i.test(info.contentType ?? '')
    if (!error && info.location && referenceOnly && this.deferred) {
      this.deferred.push(info)
      return result
    }
    this.closing.push(this.writerFor(info).close(result))
    return result
  }

  private writerFor(info: ObjectPartInfo): ObjectPartWriter {
    this.writer ??= this.sink.open(info)
    return this.writer
  }
}

async function fetchLocationParts(
  session: RetsSession,
  parts: ObjectPartInfo[],
  sink: ObjectSink,
  summary: GetObjectSummary,
  concurrency: number,
  signal: AbortSignal | undefined
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < parts.length) {
      const info = parts[next++]!
      const writer = sink.open(info)
      let size = 0
      try {
        const res = await session.http.request({ url: info.location!, ...(signal ? { signal } : {}) })
        const contentType = res.header('content-type')
        const fetched: ObjectPartInfo = { ...info, ...(contentType ? { contentType } : {}) }
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          size += chunk.length
          writer.write(chunk)
        }
        summary.bytes += size
        summary.locationsFetched++
        const failed = res.status >= 400
        if (failed) summary.errors++
        await writer.close({
          ...fetched,
          size,
          ...(failed
            ? { error: { message: `HTTP ${res.status} for the Location URL`, missing: res.status === 404 } }
            : {})
        })
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw err
        summary.errors++
        await writer.close({ ...info, size, error: { message: (err as Error).message, missing: false } })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, parts.length)) }, worker))
}

function responseHeaders(headers: IncomingHttpHeaders): PartHeaders {
  const out: PartHeaders = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v : [v]
  }
  return out
}

/** A sink that keeps every part in memory (tests, small previews). */
export function collectObjects(): { sink: ObjectSink; parts: Array<ObjectPartResult & { data: Buffer }> } {
  const parts: Array<ObjectPartResult & { data: Buffer }> = []
  const sink: ObjectSink = {
    open() {
      const chunks: Buffer[] = []
      return {
        write: (c) => void chunks.push(c),
        close: (result) => void parts.push({ ...result, data: Buffer.concat(chunks) })
      }
    }
  }
  return { sink, parts }
}
