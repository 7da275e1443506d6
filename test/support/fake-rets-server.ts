// A tiny RETS server for unit tests of the session/search/object layers before (and besides) the Demo MLS:
// digest (qop=auth, opaque) or basic auth checked for real, a RETS-Session-ID cookie, gzip replies, a row set with a
// server page cap, and switches for quirks (ignored Offset, a one-off 20037, a one-off 401).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { randomBytes } from 'node:crypto'
import { expectedDigestResponse, parseWwwAuthenticate } from '../../src-main/protocols/rets/digest-auth'

export interface FakeRetsOptions {
  auth?: 'digest' | 'basic'
  username?: string
  password?: string
  rows?: number
  pageCap?: number
  ignoreOffset?: boolean
  gzip?: boolean
  /** how GetMetadata answers METADATA-FOREIGNKEYS: RETS 20501 (most servers) or an HTML 500 page */
  foreignKeys?: 'unsupported' | 'broken'
}

export interface FakeRetsRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export interface FakeRets {
  url: string
  loginUrl: string
  requests: FakeRetsRequest[]
  /** next Search answers 20037 once */
  expireOnce(): void
  /** the server forgets the session: requests answer 401 until the client logs in again */
  dropSession(): void
  logins: number
  digestFailures: string[]
  close(): Promise<void>
}

export async function startFakeRets(options: FakeRetsOptions = {}): Promise<FakeRets> {
  const opts = { auth: 'digest' as const, username: 'agent', password: 'pa55word!', rows: 23, pageCap: 10, ...options }
  const requests: FakeRetsRequest[] = []
  // every nonce ever issued stays valid, as on most servers (parallel requests each get their own challenge)
  const nonces = new Set<string>()
  const opaque = 'opaque-' + randomBytes(4).toString('hex')
  let sessionId = ''
  let expire = false
  const state: FakeRets = {
    url: '',
    loginUrl: '',
    requests,
    expireOnce: () => (expire = true),
    dropSession: () => (sessionId = randomBytes(6).toString('hex')),
    logins: 0,
    digestFailures: [],
    close: async () => undefined
  }

  const authorised = (req: FakeRetsRequest): boolean => {
    const header = req.headers.authorization ?? ''
    if (opts.auth === 'basic')
      return header === `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`
    const parsed = parseWwwAuthenticate(header)[0]
    if (!parsed || parsed.scheme !== 'digest') return false
    const p = parsed.params
    const problems: string[] = []
    if (p.uri !== req.url) problems.push(`uri ${p.uri} != ${req.url}`)
    if (!nonces.has(p.nonce ?? '')) problems.push('unknown nonce')
    if (p.opaque !== opaque) problems.push('opaque')
    if (p.response !== expectedDigestResponse(p, opts.password, req.method)) problems.push('response')
    if (problems.length > 0) state.digestFailures.push(problems.join(', '))
    return problems.length === 0
  }

  const challenge = (res: ServerResponse): void => {
    const nonce = randomBytes(8).toString('hex')
    nonces.add(nonce)
    res.writeHead(401, {
      'WWW-Authenticate':
        opts.auth === 'basic'
          ? 'Basic realm="fake"'
          : `Digest realm="fake", nonce="${nonce}", opaque="${opaque}", qop="auth"`,
      'Content-Type': 'text/plain'
    })
    res.end('Unauthorized')
  }

  const send = (
    res: ServerResponse,
    req: FakeRetsRequest,
    body: string,
    headers: Record<string, string> = {}
  ): void => {
    const gz = opts.gzip && /gzip/.test(String(req.headers['accept-encoding'] ?? ''))
    res.writeHead(200, {
      'Content-Type': 'text/xml',
      'RETS-Version': 'RETS/1.7.2',
      ...(gz ? { 'Content-Encoding': 'gzip' } : {}),
      ...headers
    })
    res.end(gz ? gzipSync(body) : body)
  }

  // a one-resource tree in COMPACT; FOREIGNKEYS as servers that lack them answer
  function metadata(res: ServerResponse, req: FakeRetsRequest, type: string): void {
    const ok = (inner: string): void =>
      send(res, req, `<RETS ReplyCode="0" ReplyText="Success">\r\n${inner}</RETS>\r\n`)
    const v = 'Version="1.0.1" Date="2026-01-01T00:00:00"'
    switch (type) {
      case 'METADATA-SYSTEM':
        return ok(`<METADATA-SYSTEM ${v}><SYSTEM SystemID="FAKE" SystemDescription="Fake"/></METADATA-SYSTEM>\r\n`)
      case 'METADATA-RESOURCE':
        return ok(
          `<METADATA-RESOURCE ${v}>\r\n<COLUMNS>\tResourceID\tKeyField\t</COLUMNS>\r\n<DATA>\tProperty\tID\t</DATA>\r\n</METADATA-RESOURCE>\r\n`
        )
      case 'METADATA-FOREIGNKEYS':
        if (opts.foreignKeys === 'broken') {
          res.writeHead(500, { 'Content-Type': 'text/html' })
          res.end('<html><body>Internal error</body></html>')
          return
        }
        return send(res, req, '<RETS ReplyCode="20501" ReplyText="Invalid Type"/>')
      default:
        return ok('')
    }
  }

  const server = createServer((incoming, res) => {
    const chunks: Buffer[] = []
    incoming.on('data', (c: Buffer) => chunks.push(c))
    incoming.on('end', () => {
      const req: FakeRetsRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString()
      }
      requests.push(req)
      const url = new URL(req.url, 'http://x')
      const params = req.method === 'POST' ? new URLSearchParams(req.body) : url.searchParams
      if (!authorised(req)) return challenge(res)
      const cookieOk = String(req.headers.cookie ?? '').includes(`RETS-Session-ID=${sessionId}`) && sessionId !== ''
      if (url.pathname === '/rets/login') {
        state.logins++
        sessionId = randomBytes(6).toString('hex')
        return send(
          res,
          req,
          `<RETS ReplyCode="0" ReplyText="Success">\r\n<RETS-RESPONSE>\r\nMemberName=Test Agent\r\nMetadataVersion=1.0.1\r\nSearch=/rets/search\r\nGetMetadata=/rets/metadata\r\nGetObject=/rets/getobject\r\nLogout=/rets/logout\r\nX-ApiAccessSettings=key=abc\r\n</RETS-RESPONSE>\r\n</RETS>\r\n`,
          {
            'Set-Cookie': `RETS-Session-ID=${sessionId}; Path=/`
          }
        )
      }
      if (!cookieOk) return challenge(res)
      if (url.pathname === '/rets/search') {
        if (expire) {
          expire = false
          return send(res, req, '<RETS ReplyCode="20037" ReplyText="Session expired"/>')
        }
        const offset = opts.ignoreOffset ? 1 : Number(params.get('Offset') ?? '1')
        const limitParam = params.get('Limit') ?? 'NONE'
        const limit = limitParam === 'NONE' ? Infinity : Number(limitParam)
        const n = Math.max(0, Math.min(opts.pageCap, limit, opts.rows - (offset - 1)))
        const countLine = params.get('Count') === '1' ? `<COUNT Records="${opts.rows}"/>\n` : ''
        if (n === 0) return send(res, req, '<RETS ReplyCode="20201" ReplyText="No Records Found"/>')
        let body = `<RETS ReplyCode="0" ReplyText="Operation Successful">\n${countLine}<DELIMITER value="09"/>\n<COLUMNS>\tID\tName\t</COLUMNS>\n`
        for (let i = offset; i < offset + n; i++) body += `<DATA>\tL${i}\tName ${i} &amp; Co\t</DATA>\n`
        const more = offset - 1 + n < opts.rows && n === opts.pageCap
        body += `${more ? '<MAXROWS/>\n' : ''}</RETS>\n`
        return send(res, req, body)
      }
      if (url.pathname === '/rets/metadata') return metadata(res, req, params.get('Type') ?? '')
      if (url.pathname === '/rets/logout')
        return send(res, req, '<html><body>Bye</body></html>', { 'Content-Type': 'text/html' })
      res.writeHead(404)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  state.url = `http://127.0.0.1:${port}`
  state.loginUrl = `${state.url}/rets/login`
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return state
}
