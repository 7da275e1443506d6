// The minimal request function the OData, Spark and OAuth clients use: small enough for unit tests to fake, and
// served in the app by the one HTTP stack (http-client-transport.ts: proxy, CA file, timeouts, wire log).
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
  signal?: AbortSignal
  timeoutMs?: number
  /** total deadline of the request (headers and body); 0 = none */
  deadlineMs?: number
  /** request() only: refuse a body larger than this (default REQUEST_BODY_LIMIT); token replies are small */
  maxBodyBytes?: number
}

/** Token replies and error bodies are a few KB; a server sending more is not read past this. */
export const SMALL_BODY_LIMIT = 1024 * 1024

/** request() reads the whole body into memory, so it is never unbounded: a caller expecting more says so. */
export const REQUEST_BODY_LIMIT = 16 * 1024 * 1024

export interface ApiResponseHead {
  status: number
  /** lower-case names; repeated headers joined with ", " */
  headers: Record<string, string>
  url: string
}

export interface ApiResponse extends ApiResponseHead {
  body: Buffer
}

export interface ApiStreamResponse extends ApiResponseHead {
  /** decoded (gunzipped) body chunks, consumed once */
  body: AsyncIterable<Buffer>
}

export interface ApiTransport {
  request(req: ApiRequest): Promise<ApiResponse>
  stream(req: ApiRequest): Promise<ApiStreamResponse>
}

/** The whole body, or its first `limit` bytes (the rest is not read: the stream is closed). */
export function readAll(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  return readCapped(body, limit, 'truncate')
}

/** What a refusal names: the request (method + URL, redacted here), the body in words, and what to try. */
export interface BodyBound {
  method?: string
  url?: string
  /** "The reply", "The API access page" */
  what?: string
  /** what to try; the default says a real server sends a few KB */
  hint?: string
}

/** "512 KB", "16 MB" */
export function byteSize(n: number): string {
  return n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${Math.round(n / 1024)} KB`
}

/**
 * Reads at most `limit` bytes. 'truncate' keeps the first `limit` bytes (an error body: its start says enough);
 * 'refuse' throws HTTP_BODY_TOO_LARGE. Either way reading stops there: leaving the loop closes the stream and
 * frees the socket, so a 300 MB reply costs 1 MB of memory.
 */
export async function readCapped(
  body: AsyncIterable<Buffer>,
  limit: number,
  mode: 'truncate' | 'refuse',
  bound: BodyBound = {}
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const raw of body) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw)
    if (size + chunk.length > limit) {
      if (mode === 'refuse') throw bodyTooLarge(limit, size + chunk.length, bound)
      chunks.push(chunk.subarray(0, limit - size))
      break
    }
    chunks.push(chunk)
    size += chunk.length
  }
  return Buffer.concat(chunks)
}

function bodyTooLarge(limit: number, received: number, bound: BodyBound): AppError {
  const request = bound.url !== undefined ? `${bound.method ?? 'GET'} ${redactor.url(bound.url)}` : undefined
  return new AppError({
    code: 'HTTP_BODY_TOO_LARGE',
    message:
      `${bound.what ?? 'The reply'} is larger than ${byteSize(limit)}: reading stopped after ${byteSize(received)}.` +
      (request ? ` Request: ${request}` : ''),
    detail: `${request ? `${request}\n` : ''}${received} bytes received; the limit is ${limit} bytes.`,
    hint: bound.hint ?? 'A real server sends a few KB here; check the URL, or ask the server operator.'
  })
}

/** Error bodies are read this far: enough for any OData / OAuth / HTML error text, bounded against a runaway reply. */
export const ERROR_BODY_LIMIT = 64 * 1024
