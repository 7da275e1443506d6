// Adapts the one HttpClient (platform/http: cookie jar, proxy/CA, timeouts, wire log) to the ApiTransport the
// OData, Spark and OAuth clients use, so their requests show in the wire log like RETS ones do.
import type { HttpClient } from '../../platform/http/http-client'
import { REQUEST_BODY_LIMIT, type ApiRequest, type ApiStreamResponse, type ApiTransport } from './api-transport'
import { readCapped } from '../../platform/http/read-capped'

function flat(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return out
}

export function httpClientTransport(client: HttpClient): ApiTransport {
  const stream = async (req: ApiRequest): Promise<ApiStreamResponse> => {
    const res = await client.request({
      method: req.method,
      url: req.url,
      ...(req.headers ? { headers: req.headers } : {}),
      ...(req.body !== undefined ? { body: req.body } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.timeoutMs ? { timeoutMs: req.timeoutMs } : {}),
      ...(req.deadlineMs !== undefined ? { deadlineMs: req.deadlineMs } : {})
    })
    return { status: res.status, headers: flat(res.headers), url: res.url, body: res.body }
  }
  return {
    stream,
    async request(req) {
      const res = await stream(req)
      const body = await readCapped(res.body, req.maxBodyBytes ?? REQUEST_BODY_LIMIT, 'refuse', {
        method: req.method,
        url: req.url,
        what: `The reply from ${new URL(res.url).host}`
      })
      return { status: res.status, headers: res.headers, url: res.url, body }
    }
  }
}
