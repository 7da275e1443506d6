// The minimal request function the OData, Spark and OAuth clients use. It is an interface so the shared HttpClient
// (services/http, cookie jar + wire log) can be slotted in later without touching the clients; nodeTransport is the
// stand-in: node http/https, gzip/deflate/br decoding, streaming bodies for big pages.
import http from 'node:http'
import https from 'node:https'
import { Readable } from 'node:stream'
import zlib from 'node:zlib'
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
  signal?: AbortSignal
  timeoutMs?: number
}

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

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return out
}

function decoded(res: http.IncomingMessage): Readable {
  const enc = (res.headers['content-encoding'] ?? '').toLowerCase()
  if (enc === 'gzip' || enc === 'x-gzip') return res.pipe(zlib.createGunzip())
  if (enc === 'deflate') return res.pipe(zlib.createInflate())
  if (enc === 'br') return res.pipe(zlib.createBrotliDecompress())
  return res
}

function openStream(req: ApiRequest): Promise<ApiStreamResponse> {
  const url = new URL(req.url)
  const lib = url.protocol === 'https:' ? https : http
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate', ...req.headers }
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body))
  return new Promise((resolve, reject) => {
    const r = lib.request(url, { method: req.method, headers, signal: req.signal }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), url: req.url, body: decoded(res) })
    })
    if (req.timeoutMs) {
      r.setTimeout(req.timeoutMs, () =>
        r.destroy(
          new AppError({
            code: 'HTTP_TIMEOUT',
            message: `No reply within ${req.timeoutMs} ms from ${redactor.url(req.url)}`
          })
        )
      )
    }
    r.on('error', (err) => {
      if (err instanceof AppError || err.name === 'AbortError') reject(err)
      else
        reject(
          new AppError({
            code: 'HTTP_NETWORK',
            message: `${err.message} (${redactor.url(req.url)})`,
            hint: 'Check the URL and that the server is reachable.'
          })
        )
    })
    if (req.body !== undefined) r.write(req.body)
    r.end()
  })
}

export async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks)
}

export const nodeTransport: ApiTransport = {
  stream: openStream,
  async request(req) {
    const res = await openStream(req)
    return { status: res.status, headers: res.headers, url: res.url, body: await readAll(res.body) }
  }
}
