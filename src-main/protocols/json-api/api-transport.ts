// The minimal request function the OData, Spark and OAuth clients use: small enough for unit tests to fake, and
// served in the app by the one HTTP stack (http-client-transport.ts: proxy, CA file, timeouts, wire log).

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
  signal?: AbortSignal
  timeoutMs?: number
  /** total deadline of the request (headers and body); 0 = none */
  deadlineMs?: number
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

export async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks)
}
