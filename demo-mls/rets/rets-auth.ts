// HTTP authentication of RETS requests: Digest (RFC 2617, qop=auth, opaque) or Basic, plus the RETS
// User-Agent authentication header (RETS 1.7.2 §3.10):
//   RETS-UA-Authorization: Digest HEX(MD5(HEX(MD5(product:uapw)):RequestID:SessionID:RETS-Version))
import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { DemoContext, DemoUser } from '../demo-context'
import type { DemoRequest } from '../http/router'
import { replyXml, retsHeaders } from './rets-envelope'

export type AuthCheck = { ok: true; user: DemoUser } | { ok: false; reason: string }

const md5 = (s: string): string => createHash('md5').update(s).digest('hex')

export function parseAuthParams(header: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g
  for (let m = re.exec(header); m; m = re.exec(header)) out[(m[1] ?? '').toLowerCase()] = m[2] ?? m[3] ?? ''
  return out
}

export function checkAuthorization(req: DemoRequest, ctx: DemoContext): AuthCheck {
  const header = req.headers.authorization
  if (!header) return { ok: false, reason: 'no Authorization header' }
  const [scheme = '', ...rest] = header.split(' ')
  const credentials = rest.join(' ')
  if (basicOnly(ctx)) {
    if (scheme.toLowerCase() !== 'basic') return { ok: false, reason: 'this server expects Basic authentication' }
    const decoded = Buffer.from(credentials, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const user = ctx.findUser(decoded.slice(0, colon))
    if (!user || colon < 0 || decoded.slice(colon + 1) !== user.password)
      return { ok: false, reason: 'bad user name or password' }
    return { ok: true, user }
  }
  if (scheme.toLowerCase() !== 'digest') return { ok: false, reason: 'this server expects Digest authentication' }
  const p = parseAuthParams(credentials)
  const user = ctx.findUser(p.username ?? '')
  if (!user) return { ok: false, reason: 'unknown user' }
  if (p.realm !== ctx.options.realm) return { ok: false, reason: 'wrong realm' }
  if (!p.nonce || !ctx.sessions.knowsNonce(p.nonce)) return { ok: false, reason: 'unknown nonce' }
  if (p.opaque !== undefined && p.opaque !== ctx.sessions.opaque) return { ok: false, reason: 'wrong opaque' }
  // uri= must be the exact request-target, query string included (clients that drop it fail on real servers too).
  if (p.uri !== req.raw.url)
    return { ok: false, reason: `digest uri "${p.uri ?? ''}" does not match the request "${req.raw.url ?? ''}"` }
  const ha1 = md5(`${user.username}:${ctx.options.realm}:${user.password}`)
  const ha2 = md5(`${req.method}:${p.uri}`)
  const expected = p.qop
    ? md5(`${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop}:${ha2}`)
    : md5(`${ha1}:${p.nonce}:${ha2}`)
  if (p.response !== expected) return { ok: false, reason: 'bad user name or password' }
  return { ok: true, user }
}

/** Basic by option, or by the rets-basic-only quirk (servers that never offer Digest). */
function basicOnly(ctx: DemoContext): boolean {
  return ctx.options.auth === 'basic' || ctx.quirk('rets-basic-only')
}

export function challengeHeader(ctx: DemoContext): string {
  if (basicOnly(ctx)) return `Basic realm="${ctx.options.realm}"`
  return `Digest realm="${ctx.options.realm}", qop="auth", nonce="${ctx.sessions.issueNonce()}", opaque="${ctx.sessions.opaque}"`
}

export function sendChallenge(res: ServerResponse, ctx: DemoContext, reason: string): void {
  const body = Buffer.from(replyXml(20036, `Authentication required: ${reason}`), 'utf8')
  res.writeHead(401, retsHeaders(ctx, { 'WWW-Authenticate': challengeHeader(ctx), 'Content-Length': body.length }))
  res.end(body)
}

export function expectedUaDigest(
  user: DemoUser,
  product: string,
  requestId: string,
  sessionId: string,
  version: string
): string {
  const a1 = md5(`${product}:${user.uaPassword}`)
  return md5(`${a1}:${requestId}:${sessionId}:${version}`)
}

/** Checks RETS-UA-Authorization against the request's own User-Agent, RETS-Request-ID and RETS-Version. */
export function checkUaAuth(req: DemoRequest, user: DemoUser, sessionId: string): AuthCheck {
  const header = String(req.headers['rets-ua-authorization'] ?? '')
  const m = /^Digest\s+([0-9a-f]{32})$/i.exec(header.trim())
  if (!m) return { ok: false, reason: 'missing RETS-UA-Authorization header' }
  const product = String(req.headers['user-agent'] ?? '')
  if (product !== user.userAgent)
    return { ok: false, reason: `User-Agent "${product}" is not registered for ${user.username}` }
  const version = String(req.headers['rets-version'] ?? '')
  const requestId = String(req.headers['rets-request-id'] ?? '')
  const expected = expectedUaDigest(user, user.uaProduct ?? product, requestId, sessionId, version)
  if ((m[1] ?? '').toLowerCase() !== expected)
    return { ok: false, reason: 'RETS-UA-Authorization digest does not match' }
  return { ok: true, user }
}
