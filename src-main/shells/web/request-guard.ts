// Web mode is reachable by every process and every web page on this machine, so each request must prove it comes
// from our page: Host pins the loopback name (DNS-rebinding defence), Origin must be ours when a browser sends one
// (cross-site pages), and the per-run token is required on everything. Browsers do not separate cookies by port, so
// the token cookie (scoped to the random asset path) only ever unlocks static files, never the API.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_HEADER = 'x-mlswb-token'
export const TOKEN_COOKIE = 'mlswb_token'

export type GuardResult = { ok: true } | { ok: false; status: number; reason: string }

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}

export function checkRequest(
  req: IncomingMessage,
  port: number,
  token: string,
  opts: { allowQueryToken: boolean; allowCookie: boolean }
): GuardResult {
  const hosts = allowedHosts(port)
  const host = (req.headers.host ?? '').toLowerCase()
  if (!hosts.has(host)) return { ok: false, status: 421, reason: 'unexpected Host header' }
  const origin = req.headers.origin
  if (origin !== undefined && !isOurOrigin(origin, hosts)) {
    return { ok: false, status: 403, reason: 'foreign Origin' }
  }
  const presented = presentedToken(req, opts)
  if (!presented || !sameToken(presented, token)) return { ok: false, status: 401, reason: 'missing or wrong token' }
  return { ok: true }
}

function isOurOrigin(origin: string, hosts: Set<string>): boolean {
  try {
    const u = new URL(origin)
    return u.protocol === 'http:' && hosts.has(u.host)
  } catch {
    return false
  }
}

function presentedToken(
  req: IncomingMessage,
  opts: { allowQueryToken: boolean; allowCookie: boolean }
): string | undefined {
  const header = req.headers[TOKEN_HEADER]
  if (typeof header === 'string' && header) return header
  const cookie = opts.allowCookie ? readCookie(req.headers.cookie, TOKEN_COOKIE) : undefined
  if (cookie) return cookie
  if (opts.allowQueryToken) {
    const url = new URL(req.url ?? '/', 'http://x')
    return url.searchParams.get('token') ?? undefined
  }
  return undefined
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return v.join('=')
  }
  return undefined
}

function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}
