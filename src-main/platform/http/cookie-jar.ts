// Per-session cookie jar. RETS servers keep the session in a cookie (JSESSIONID, RETS-Session-ID, KxSessionId,
// ASP.NET_SessionId) and the UA-auth digest needs the RETS-Session-ID value, so the jar must be readable by name.
// RFC 6265 basics only: host-only vs domain cookies, path prefix match, Expires / Max-Age, Secure.

export interface Cookie {
  name: string
  value: string
  domain: string
  hostOnly: boolean
  path: string
  /** epoch ms; undefined = session cookie */
  expires?: number
  secure: boolean
}

export class CookieJar {
  private cookies: Cookie[] = []

  constructor(private readonly now: () => number = Date.now) {}

  /** Stores every Set-Cookie header of a response received from `url`. */
  setFromResponse(url: string, setCookie: string | string[] | undefined): void {
    if (!setCookie) return
    const list = Array.isArray(setCookie) ? setCookie : [setCookie]
    for (const line of list) this.setCookie(url, line)
  }

  setCookie(url: string, line: string): void {
    const target = new URL(url)
    const parts = line.split(';')
    const first = parts.shift() ?? ''
    const eq = first.indexOf('=')
    if (eq <= 0) return
    const cookie: Cookie = {
      name: first.slice(0, eq).trim(),
      value: unquote(first.slice(eq + 1).trim()),
      domain: target.hostname.toLowerCase(),
      hostOnly: true,
      path: defaultPath(target.pathname),
      secure: false
    }
    let maxAgeSeen = false
    for (const attr of parts) {
      const aeq = attr.indexOf('=')
      const key = (aeq < 0 ? attr : attr.slice(0, aeq)).trim().toLowerCase()
      const val = aeq < 0 ? '' : attr.slice(aeq + 1).trim()
      if (key === 'path' && val.startsWith('/')) cookie.path = val
      else if (key === 'domain' && val) {
        const domain = val.replace(/^\./, '').toLowerCase()
        // a server may only set cookies for its own domain or a parent of it
        if (!domainMatches(cookie.domain, domain)) return
        cookie.domain = domain
        cookie.hostOnly = false
      } else if (key === 'max-age' && /^-?\d+$/.test(val)) {
        maxAgeSeen = true
        cookie.expires = this.now() + Number(val) * 1000
      } else if (key === 'expires' && !maxAgeSeen) {
        const t = Date.parse(val)
        if (!Number.isNaN(t)) cookie.expires = t
      } else if (key === 'secure') cookie.secure = true
    }
    this.cookies = this.cookies.filter(
      (c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path)
    )
    if (cookie.expires === undefined || cookie.expires > this.now()) this.cookies.push(cookie)
  }

  /** The Cookie header value for a request to `url`, or undefined when no cookie applies. */
  cookieHeader(url: string): string | undefined {
    const matching = this.matching(url)
    if (matching.length === 0) return undefined
    // longer paths first (RFC 6265 §5.4)
    matching.sort((a, b) => b.path.length - a.path.length)
    return matching.map((c) => `${c.name}=${c.value}`).join('; ')
  }

  /** Value of a cookie by name (case-insensitive), newest first. */
  get(name: string, url?: string): string | undefined {
    const pool = url ? this.matching(url) : this.live()
    const lower = name.toLowerCase()
    for (let i = pool.length - 1; i >= 0; i--) if (pool[i]!.name.toLowerCase() === lower) return pool[i]!.value
    return undefined
  }

  all(): Cookie[] {
    return this.live().map((c) => ({ ...c }))
  }

  clear(): void {
    this.cookies = []
  }

  private live(): Cookie[] {
    const now = this.now()
    this.cookies = this.cookies.filter((c) => c.expires === undefined || c.expires > now)
    return this.cookies
  }

  private matching(url: string): Cookie[] {
    const target = new URL(url)
    const host = target.hostname.toLowerCase()
    const path = target.pathname || '/'
    const https = target.protocol === 'https:'
    return this.live().filter(
      (c) =>
        (c.hostOnly ? c.domain === host : domainMatches(host, c.domain)) &&
        pathMatches(path, c.path) &&
        (!c.secure || https)
    )
  }
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v
}

function defaultPath(pathname: string): string {
  if (!pathname.startsWith('/')) return '/'
  const last = pathname.lastIndexOf('/')
  return last <= 0 ? '/' : pathname.slice(0, last)
}

function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(`.${domain}`) && !/^\d+\.\d+\.\d+\.\d+$/.test(host))
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}
