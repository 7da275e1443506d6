// A deliberately small RETS caller for Demo MLS tests: HTTP Digest (qop=auth) or Basic, a cookie jar of one
// cookie, optional RETS-UA-Authorization. It is test scaffolding, not the product's RETS client.
import { createHash, randomBytes } from 'node:crypto'

const md5 = (s: string): string => createHash('md5').update(s).digest('hex')

export interface TestRetsOptions {
  username: string
  password: string
  userAgent?: string
  uaPassword?: string
  retsVersion?: string
  basic?: boolean
}

export interface RetsReply {
  status: number
  headers: Headers
  body: Buffer
  text: string
}

export class TestRetsClient {
  cookie = ''
  private challenge: Record<string, string> | undefined
  private nc = 0

  constructor(
    readonly baseUrl: string,
    readonly opts: TestRetsOptions
  ) {}

  get sessionId(): string {
    return /RETS-Session-ID=([^;]*)/.exec(this.cookie)?.[1] ?? ''
  }

  /** The Authorization header this client would send for `method uri` (after a challenge was seen). */
  authHeader(method: string, uri: string): string | undefined {
    if (this.opts.basic) return `Basic ${Buffer.from(`${this.opts.username}:${this.opts.password}`).toString('base64')}`
    const c = this.challenge
    if (!c) return undefined
    const nc = (++this.nc).toString(16).padStart(8, '0')
    const cnonce = randomBytes(8).toString('hex')
    const ha1 = md5(`${this.opts.username}:${c.realm}:${this.opts.password}`)
    const ha2 = md5(`${method}:${uri}`)
    const response = md5(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`)
    return `Digest username="${this.opts.username}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}", opaque="${c.opaque}"`
  }

  private uaHeader(): string | undefined {
    if (!this.opts.uaPassword || !this.opts.userAgent) return undefined
    const a1 = md5(`${this.opts.userAgent}:${this.opts.uaPassword}`)
    return `Digest ${md5(`${a1}::${this.sessionId}:${this.opts.retsVersion ?? 'RETS/1.7.2'}`)}`
  }

  async request(
    pathAndQuery: string,
    init: { method?: string; body?: string; noAuth?: boolean } = {}
  ): Promise<RetsReply> {
    const method = init.method ?? 'GET'
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers: Record<string, string> = {
        'User-Agent': this.opts.userAgent ?? 'DemoTest/1.0',
        'RETS-Version': this.opts.retsVersion ?? 'RETS/1.7.2'
      }
      const auth = init.noAuth ? undefined : this.authHeader(method, pathAndQuery)
      if (auth) headers.Authorization = auth
      const ua = this.uaHeader()
      if (ua) headers['RETS-UA-Authorization'] = ua
      if (this.cookie) headers.Cookie = this.cookie
      if (init.body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded'
      const res = await fetch(this.baseUrl + pathAndQuery, {
        method,
        headers,
        ...(init.body !== undefined ? { body: init.body } : {})
      })
      const setCookie = res.headers.get('set-cookie')
      if (setCookie) this.cookie = setCookie.split(';')[0] ?? ''
      const body = Buffer.from(await res.arrayBuffer())
      const www = res.headers.get('www-authenticate')
      if (res.status === 401 && www?.startsWith('Digest') && attempt === 0 && !init.noAuth && !this.opts.basic) {
        this.challenge = parseChallenge(www)
        this.nc = 0
        continue
      }
      return { status: res.status, headers: res.headers, body, text: body.toString('utf8') }
    }
    throw new Error('unreachable')
  }

  login(): Promise<RetsReply> {
    return this.request('/rets/Login')
  }
}

export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of header.matchAll(/(\w+)="?([^",]*)"?/g)) out[(m[1] ?? '').toLowerCase()] = m[2] ?? ''
  return out
}

export function replyCodeOf(text: string): number {
  const m = /ReplyCode="(\d+)"/.exec(text)
  return m ? Number(m[1]) : NaN
}

/** Rows of a COMPACT reply as objects keyed by COLUMNS. */
export function compactRows(text: string): Array<Record<string, string>> {
  const cols = /<COLUMNS>\t(.*)\t<\/COLUMNS>/.exec(text)?.[1]?.split('\t') ?? []
  return [...text.matchAll(/<DATA>\t(.*)\t<\/DATA>/g)].map((m) => {
    const values = (m[1] ?? '').split('\t')
    return Object.fromEntries(cols.map((c, i) => [c, values[i] ?? '']))
  })
}

export interface MultipartPart {
  headers: Record<string, string>
  body: Buffer
}

/** Splits a multipart/parallel body (boundary from the Content-Type, quoted or not). */
export function splitMultipart(contentType: string, body: Buffer): MultipartPart[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1]
  if (!boundary) throw new Error(`no boundary in ${contentType}`)
  const marker = Buffer.from(`--${boundary}`)
  const parts: MultipartPart[] = []
  let pos = body.indexOf(marker)
  while (pos >= 0) {
    const start = pos + marker.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const next = body.indexOf(marker, start)
    const chunk = body.subarray(start + 2, next < 0 ? body.length : next - 2)
    const split = chunk.indexOf('\r\n\r\n')
    const headers: Record<string, string> = {}
    for (const line of chunk.subarray(0, split).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    parts.push({ headers, body: chunk.subarray(split + 4) })
    pos = next
  }
  return parts
}
