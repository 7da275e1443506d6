// The minimal request function the OData, Spark and OAuth clients use: small enough for unit tests to fake, and
// served in the app by the one HTTP stack (http-client-transport.ts: proxy, CA file, timeouts, wire log).

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

/** The whole body, or its first `limit` bytes (the rest is not read: the stream is closed). */
export async function readAll(body: AsyncIterable<Buffer>, limit = Infinity): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
    chunks.push(size + buf.length > limit ? buf.subarray(0, limit - size) : buf)
    size += buf.length
    if (size >= limit) break
  }
  return Buffer.concat(chunks)
}

/** Error bodies are read this far: enough for any OData / OAuth / HTML error text, bounded against a runaway reply. */
export const ERROR_BODY_LIMIT = 64 * 1024
