// HTTP authentication for RETS: Digest (RFC 2617 / RFC 7616; qop=auth, opaque, MD5 / MD5-sess / SHA-256, nonce
// count per nonce) and Basic. The `uri` directive must be the exact request-URI we send, query string included —
// several servers (IIS .asmx, Interealty) reject a digest whose uri differs from the request line.
import { createHash, randomBytes } from 'node:crypto'

export interface AuthChallenge {
  scheme: string
  params: Record<string, string>
}

/** Parses one or more WWW-Authenticate header values (possibly several challenges in one). */
export function parseWwwAuthenticate(header: string | string[] | undefined): AuthChallenge[] {
  if (!header) return []
  const values = Array.isArray(header) ? header : [header]
  const out: AuthChallenge[] = []
  for (const value of values) {
    // split before each "Scheme " that starts a new challenge
    const pieces = value.split(/,?\s*(?=\b(?:Digest|Basic|Bearer|Negotiate|NTLM)\b\s*(?:[A-Za-z-]+=|$|,))/i)
    for (const piece of pieces) {
      const m = /^\s*([A-Za-z-]+)\s*(.*)$/s.exec(piece)
      if (!m || !m[1]) continue
      const params: Record<string, string> = {}
      for (const p of m[2]!.matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
        params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!
      }
      out.push({ scheme: m[1].toLowerCase(), params })
    }
  }
  return out
}

function hashHex(algorithm: string, input: string): string {
  return createHash(algorithm).update(input, 'utf8').digest('hex')
}

export class DigestAuth {
  private nc = 0
  private readonly hash: string
  private readonly sess: boolean

  constructor(
    private readonly username: string,
    private readonly password: string,
    readonly challenge: Record<string, string>,
    private readonly cnonceSource: () => string = () => randomBytes(8).toString('hex')
  ) {
    const alg = (challenge.algorithm ?? 'MD5').toUpperCase()
    this.sess = alg.endsWith('-SESS')
    this.hash = alg.startsWith('SHA-256') ? 'sha256' : 'md5'
  }

  get nonce(): string {
    return this.challenge.nonce ?? ''
  }

  /** The Authorization header for one request; each call uses the next nonce count. */
  authorization(method: string, uri: string): string {
    const c = this.challenge
    const realm = c.realm ?? ''
    const nonce = c.nonce ?? ''
    const qops = (c.qop ?? '').split(',').map((q) => q.trim().toLowerCase())
    const qop = qops.includes('auth') ? 'auth' : undefined
    const cnonce = this.cnonceSource()
    this.nc++
    const nc = this.nc.toString(16).padStart(8, '0')
    let ha1 = hashHex(this.hash, `${this.username}:${realm}:${this.password}`)
    if (this.sess) ha1 = hashHex(this.hash, `${ha1}:${nonce}:${cnonce}`)
    const ha2 = hashHex(this.hash, `${method}:${uri}`)
    const response = qop
      ? hashHex(this.hash, `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
      : hashHex(this.hash, `${ha1}:${nonce}:${ha2}`)
    const parts = [
      `username="${this.username}"`,
      `realm="${realm}"`,
      `nonce="${nonce}"`,
      `uri="${uri}"`,
      `response="${response}"`
    ]
    if (c.algorithm) parts.push(`algorithm=${c.algorithm}`)
    if (c.opaque !== undefined) parts.push(`opaque="${c.opaque}"`)
    if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`)
    return `Digest ${parts.join(', ')}`
  }
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

/** RFC 2617 §3.2.2 check, used by tests and by the Demo MLS-style servers in tests. */
export function expectedDigestResponse(params: Record<string, string>, password: string, method: string): string {
  const alg = (params.algorithm ?? 'MD5').toUpperCase()
  const h = alg.startsWith('SHA-256') ? 'sha256' : 'md5'
  let ha1 = hashHex(h, `${params.username}:${params.realm}:${password}`)
  if (alg.endsWith('-SESS')) ha1 = hashHex(h, `${ha1}:${params.nonce}:${params.cnonce}`)
  const ha2 = hashHex(h, `${method}:${params.uri}`)
  return params.qop
    ? hashHex(h, `${ha1}:${params.nonce}:${params.nc}:${params.cnonce}:${params.qop}:${ha2}`)
    : hashHex(h, `${ha1}:${params.nonce}:${ha2}`)
}
