// How object URLs are downloaded. RETS Location URLs go through the session's HttpClient (some servers want the
// RETS-Session-ID cookie on them); RESO MediaURL and Spark Uri… point at CDNs and are plain GETs.
import type { HttpClient } from '../../../platform/http/http-client'
import type { ApiTransport } from '../../../protocols/json-api/api-transport'
import type { UrlFetcher } from './photo-export-types'

export function httpClientFetcher(http: HttpClient, headers: Record<string, string> = {}): UrlFetcher {
  return async (url, signal) => {
    const res = await http.request({ url, headers: { Accept: '*/*', ...headers }, signal })
    const contentType = res.header('content-type')
    return { status: res.status, ...(contentType ? { contentType } : {}), body: res.body as AsyncIterable<Buffer> }
  }
}

export function transportFetcher(transport: ApiTransport, headers: Record<string, string> = {}): UrlFetcher {
  return async (url, signal) => {
    const res = await transport.stream({ method: 'GET', url, headers: { accept: '*/*', ...headers }, signal })
    const contentType = res.headers['content-type']
    return { status: res.status, ...(contentType ? { contentType } : {}), body: res.body }
  }
}
