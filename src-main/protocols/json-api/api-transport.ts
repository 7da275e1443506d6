// The minimal request function the OData, Spark and OAuth clients use: small enough for unit tests to fake, and
// served in the app by the one HTTP stack (http-client-transport.ts: proxy, CA file, timeouts, wire log).
import { readCapped } from '../../platform/http/read-capped'

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

/** Error bodies are read this far: enough for any OData / OAuth / HTML error text, bounded against a runaway reply. */
export const ERROR_BODY_LIMIT = 64 * 1024
