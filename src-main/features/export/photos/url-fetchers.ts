// How object URLs are downloaded: through the connection's own HttpClient, so the profile's proxy, CA file and
// timeouts apply and each download is in the wire log (without its body: the file is already on disk).
// RESO MediaURL and Spark Uri… point at CDNs and carry no credentials; RETS Location URLs keep the cookie jar,
// whose cookies go only to the hosts the server scoped them to (some servers want RETS-Session-ID on them).
import type { HttpClient } from '../../../platform/http/http-client'
import type { UrlFetcher } from './photo-export-types'

export function downloadFetcher(http: HttpClient, credentials: 'include' | 'omit'): UrlFetcher {
  return async (url, signal) => {
    const res = await http.request({ url, headers: { Accept: '*/*' }, signal, credentials, keepBody: false })
    const contentType = res.header('content-type')
    return { status: res.status, ...(contentType ? { contentType } : {}), body: res.body as AsyncIterable<Buffer> }
  }
}
