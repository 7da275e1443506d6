// The one HTTP layer (node:http/https, not fetch): we need the exact request URI for digest auth, raw response
// headers, streaming bodies for multi-MB searches and multipart photos, proxy + custom CA per profile, and a wire
// log entry per exchange. Redirects are not followed: RETS auth and cookies are per URL, callers decide.
import type dns from 'node:dns'
import http from 'node:http'
import net from 'node:net'
import https from 'node:https'
import { Readable } from 'node:stream'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { AppError } from '../../../contract/app-error'
import { CookieJar } from './cookie-jar'
import { decoderFor } from './content-decoding'
import { readCapped } from './read-capped'
import { BODY_STAGE_CHUNKS } from './stream-peek'
import type { WireLog, WireRecorder } from './wire-log'
import { addressRefusal, addressRefusedError, guardedLookup } from './address-policy'

export interface HttpClientOptions {
  userAgent?: string
  /** idle socket timeout (connect, headers and between body chunks) */
  timeoutMs?: number
  /**
   * total deadline per request, headers and whole body (a reply trickling a byte every few seconds never trips the
   * idle timeout); unset or 0 = none. Streaming searches the user can cancel pass `deadlineMs: 0` per request.
   */
  deadlineMs?: number
  /** time allowed to open a new connection (TCP connect); default: the idle timeout */
  connectTimeoutMs?: number
  /** http://user:pass@host:port */
  proxyUrl?: string
  /** extra PEM CA certificate(s) trusted for https */
  ca?: string | Buffer | Array<string | Buffer>
  rejectUnauthorized?: boolean
  cookieJar?: CookieJar
  wireLog?: WireLog
  /**
   * refuse link-local addresses always, and loopback/private ones unless `allowPrivate` (the profile's own server
   * is on such an address); not applied through a proxy, which makes the connection itself
   */
  addressGuard?: { allowPrivate: boolean }
}

export interface HttpRequest {
  method?: string
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
  signal?: AbortSignal
  timeoutMs?: number
  /** overrides the client's total deadline for this request; 0 = none */
  deadlineMs?: number
  /** set false to keep the body encoded (default true) */
  decompress?: boolean
  /**
   * 'omit' for downloads from hosts that are not the API's (RESO MediaURL, Spark photo URIs on a CDN): no cookie is
   * sent or stored and an Authorization or Cookie header given is dropped, so credentials only reach their origin
   */
  credentials?: 'include' | 'omit'
  /**
   * false for file downloads (photos): the wire log records the exchange (method, URL, status, headers, size) but
   * not the body, which is already on disk where the user asked for it
   */
  keepBody?: boolean
}

export interface HttpResponse {
  /** wire log entry id, when the client has a wire log */
  wireId?: string
  url: string
  /** the request's method (GET when not known) */
  method?: string
  status: number
  statusText: string
  /** lower-case names; repeated headers joined except set-cookie (array) */
  headers: http.IncomingHttpHeaders
  /** name/value pairs as received (original case, duplicates kept) */
  rawHeaders: string[]
  header(name: string): string | undefined
  body: Readable
  /** the whole body, refused (HTTP_BODY_TOO_LARGE) past `limit` bytes (default RESPONSE_BUFFER_LIMIT) */
  buffer(limit?: number): Promise<Buffer>
  text(encoding?: BufferEncoding, limit?: number): Promise<string>
  /** drains and drops the body (frees the socket) */
  discard(): Promise<void>
}

/** What buffer() and text() read at most unless told otherwise: a whole body in memory is never unbounded. */
export const RESPONSE_BUFFER_LIMIT = 16 * 1024 * 1024

export class HttpClient {
  readonly cookies: CookieJar
  private readonly agents = new Map<string, http.Agent>()

  constructor(private readonly options: HttpClientOptions = {}) {
    this.cookies = options.cookieJar ?? new CookieJar()
  }

  get wireLog(): WireLog | undefined {
    return this.options.wireLog
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AppError({
        code: 'HTTP_BAD_URL',
        message: `Unsupported URL scheme: ${url.protocol}`,
        hint: 'Use an http:// or https:// URL.'
      })
    }
    const method = (req.method ?? 'GET').toUpperCase()
    const anonymous = req.credentials === 'omit'
    const headers: Record<string, string> = {
      'Accept-Encoding': 'gzip, deflate',
      ...(this.options.userAgent ? { 'User-Agent': this.options.userAgent } : {}),
      ...(anonymous ? withoutCredentials(req.headers) : req.headers)
    }
    if (!anonymous) {
      const cookie = this.cookies.cookieHeader(url.href)
      if (cookie && !hasHeader(headers, 'cookie')) headers['Cookie'] = cookie
    }
    if (req.body !== undefined && !hasHeader(headers, 'content-length')) {
      headers['Content-Length'] = String(Buffer.byteLength(req.body))
    }
    if (req.decompress === false) delete headers['Accept-Encoding']
    const recorder = this.options.wireLog?.begin({
      method,
      url: url.href,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      ...(req.keepBody === false ? { keepBody: false } : {})
    })
    try {
      return await this.send(url, method, headers, req, recorder)
    } catch (err) {
      recorder?.fail(err)
      throw err
    }
  }

  /** Frees pooled sockets. */
  close(): void {
    for (const a of this.agents.values()) a.destroy()
    this.agents.clear()
  }

  private send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    req: HttpRequest,
    recorder: WireRecorder | undefined
  ): Promise<HttpResponse> {
    const secure = url.protocol === 'https:'
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? 60_000
    const deadlineMs = req.deadlineMs ?? this.options.deadlineMs ?? 0
    const guard = this.options.proxyUrl ? undefined : this.options.addressGuard
    const literal = url.hostname.replace(/^\[|\]$/g, '')
    const refused = guard && net.isIP(literal) ? addressRefusal(literal, guard.allowPrivate) : undefined
    if (refused) return Promise.reject(addressRefusedError(url.host, refused))
    return new Promise<HttpResponse>((resolve, reject) => {
      let body: Readable | undefined
      const options: https.RequestOptions = {
        method,
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || (secure ? 443 : 80),
        // the exact request URI: digest auth signs this string
        path: url.pathname + url.search,
        headers,
        agent: this.agentFor(secure),
        ...(guard ? { lookup: guardedLookup(guard.allowPrivate) as unknown as typeof dns.lookup } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
        ...(secure && this.options.ca ? { ca: this.options.ca } : {}),
        ...(secure && this.options.rejectUnauthorized === false ? { rejectUnauthorized: false } : {})
      }
      const outgoing = (secure ? https : http).request(options, (incoming) => {
        const status = incoming.statusCode ?? 0
        const statusText = incoming.statusMessage ?? ''
        if (req.credentials !== 'omit') this.cookies.setFromResponse(url.href, incoming.headers['set-cookie'])
        recorder?.response(status, statusText, incoming.headers)
        body = this.responseBody(incoming, req.decompress !== false, recorder)
        resolve(makeResponse(url.href, method, status, statusText, incoming, body, recorder?.id))
      })
      const { connectTimeoutMs } = this.options
      if (connectTimeoutMs) watchConnect(outgoing, connectTimeoutMs, url, () => body)
      if (deadlineMs > 0) watchDeadline(outgoing, deadlineMs, url, () => body)
      outgoing.setTimeout(timeoutMs, () => {
        const err = new AppError({
          code: 'HTTP_TIMEOUT',
          message: `No data from ${url.host} for ${Math.round(timeoutMs / 1000)} s.`,
          hint: 'The server may be slow or unreachable; raise the timeout in the profile or check the proxy.'
        })
        // a stall mid-body must surface as a timeout on the body stream, not as a generic abort
        body?.destroy(err)
        outgoing.destroy(err)
      })
      outgoing.on('error', (err) => {
        reject(networkError(err, url))
      })
      if (req.body !== undefined) outgoing.write(req.body)
      outgoing.end()
    })
  }

  private responseBody(
    incoming: http.IncomingMessage,
    decompress: boolean,
    recorder: WireRecorder | undefined
  ): Readable {
    const decoder = decompress ? decoderFor(incoming.headers['content-encoding']) : undefined
    const source: Readable = decoder ? incoming.pipe(decoder) : incoming
    // object mode: a reader gets the source's chunks one by one. A byte-mode stage joins all it holds into a new
    // buffer on every read(), which copied most of a 150 MB search once more (bench case "compact").
    const out = new Readable({ objectMode: true, highWaterMark: BODY_STAGE_CHUNKS, read: () => source.resume() })
    source.on('data', (chunk: Buffer) => {
      recorder?.body(chunk)
      if (!out.push(chunk)) source.pause()
    })
    source.on('end', () => {
      recorder?.end()
      out.push(null)
    })
    const fail = (err: Error): void => {
      recorder?.fail(err)
      out.destroy(err)
    }
    source.on('error', fail)
    if (decoder) incoming.on('error', fail)
    incoming.on('aborted', () =>
      fail(new AppError({ code: 'HTTP_ABORTED', message: 'The server closed the connection mid-response.' }))
    )
    // a consumer that gives up must free the socket
    out.on('close', () => {
      if (incoming.complete) return
      recorder?.fail(new Error('The client stopped reading before the end of the body.'))
      incoming.destroy()
    })
    return out
  }

  private agentFor(secure: boolean): http.Agent {
    const key = secure ? 'https' : 'http'
    let agent = this.agents.get(key)
    if (agent) return agent
    const proxy = this.options.proxyUrl
    const tls = {
      ...(this.options.ca ? { ca: this.options.ca } : {}),
      ...(this.options.rejectUnauthorized === false ? { rejectUnauthorized: false } : {})
    }
    if (proxy)
      agent = secure
        ? new HttpsProxyAgent(proxy, { keepAlive: true, ...tls })
        : new HttpProxyAgent(proxy, { keepAlive: true })
    else agent = secure ? new https.Agent({ keepAlive: true, ...tls }) : new http.Agent({ keepAlive: true })
    this.agents.set(key, agent)
    return agent
  }
}

/** Ends a request whose new connection is not open within `ms` (a pooled, already open socket is not timed). */
function watchConnect(outgoing: http.ClientRequest, ms: number, url: URL, body: () => Readable | undefined): void {
  outgoing.once('socket', (socket) => {
    if (!socket.connecting) return
    const timer = setTimeout(() => {
      const err = new AppError({
        code: 'HTTP_CONNECT_TIMEOUT',
        message: `Could not connect to ${url.host} within ${Math.round(ms / 1000)} s.`,
        hint: 'Check the URL, the network and the proxy; raise the connect timeout in the profile for a slow link.'
      })
      body()?.destroy(err)
      outgoing.destroy(err)
    }, ms)
    socket.once('connect', () => clearTimeout(timer))
    socket.once('close', () => clearTimeout(timer))
  })
}

/** Ends an exchange, body included, that takes longer than `ms` in total, however steadily bytes arrive. */
function watchDeadline(outgoing: http.ClientRequest, ms: number, url: URL, body: () => Readable | undefined): void {
  const timer = setTimeout(() => {
    const err = new AppError({
      code: 'HTTP_DEADLINE',
      message: `The request to ${url.host} took longer than the total time limit of ${Math.round(ms / 1000)} s.`,
      hint: 'Raise or clear the total time limit in the profile (long searches stream for minutes).'
    })
    body()?.destroy(err)
    outgoing.destroy(err)
  }, ms)
  timer.unref()
  const done = (): void => clearTimeout(timer)
  outgoing.once('close', () => {
    const b = body()
    if (!b || b.destroyed || b.readableEnded) done()
    else {
      b.once('end', done)
      b.once('close', done)
    }
  })
  outgoing.once('error', done)
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name)
}

function withoutCredentials(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(authorization|cookie)$/i.test(k)))
}

/** The same response with another body stream (used after peeking at the first bytes). */
export function responseWithBody(res: HttpResponse, body: Readable): HttpResponse {
  return buildResponse(res.url, res.method, res.status, res.statusText, res.headers, res.rawHeaders, body, res.wireId)
}

function makeResponse(
  url: string,
  method: string,
  status: number,
  statusText: string,
  incoming: http.IncomingMessage,
  body: Readable,
  wireId: string | undefined
): HttpResponse {
  return buildResponse(url, method, status, statusText, incoming.headers, incoming.rawHeaders, body, wireId)
}

function buildResponse(
  url: string,
  method: string | undefined,
  status: number,
  statusText: string,
  headers: http.IncomingHttpHeaders,
  rawHeaders: string[],
  body: Readable,
  wireId: string | undefined
): HttpResponse {
  const buffer = (limit = RESPONSE_BUFFER_LIMIT): Promise<Buffer> =>
    readCapped(body, limit, 'refuse', { url, ...(method ? { method } : {}) })
  return {
    ...(wireId ? { wireId } : {}),
    url,
    ...(method ? { method } : {}),
    status,
    statusText,
    headers,
    rawHeaders,
    header(name: string): string | undefined {
      const v = headers[name.toLowerCase()]
      return Array.isArray(v) ? v.join(', ') : v
    },
    body,
    buffer,
    text: async (encoding: BufferEncoding = 'utf8', limit?: number) => (await buffer(limit)).toString(encoding),
    discard: async () => {
      body.resume()
      await new Promise<void>((resolve) => {
        if (body.readableEnded || body.destroyed) return resolve()
        body.once('end', resolve)
        body.once('error', () => resolve())
        body.once('close', resolve)
      })
    }
  }
}

function networkError(err: Error, url: URL): Error {
  if (err instanceof AppError || err.name === 'AbortError') return err
  const code = (err as NodeJS.ErrnoException).code ?? ''
  const hints: Record<string, string> = {
    ECONNREFUSED: 'Nothing is listening at that address; check the host and port.',
    ENOTFOUND: 'The host name does not resolve; check the URL or your DNS/proxy settings.',
    ECONNRESET: 'The connection was reset; the server or a proxy dropped it.',
    CERT_HAS_EXPIRED: 'The server certificate has expired.',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'The certificate chain is not trusted; add the CA certificate to the profile.',
    SELF_SIGNED_CERT_IN_CHAIN: 'The certificate chain is not trusted; add the CA certificate to the profile.',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'Self-signed certificate; add it as a CA certificate in the profile.'
  }
  return new AppError({
    code: `HTTP_${code || 'NETWORK'}`,
    message: `Request to ${url.host} failed: ${err.message}`,
    hint: hints[code] ?? 'Check the URL, the network and the proxy settings.'
  })
}
