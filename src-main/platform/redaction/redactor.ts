// Redaction in one place: wire log, raw view, error messages, exports, CLI output and crash reports all pass
// through here. Two nets: every secret value the app has handled (registered by the secret store and the auth
// code, matched in plain, URL-encoded and base64 forms), and patterns for secret-bearing headers, query
// parameters and JSON/form fields from servers we never registered a value for (e.g. a token a server returns).

export const REDACTED = '[redacted]'

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'rets-ua-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-sparkapi-auth'
])

const SECRET_KEYS = [
  'password',
  'passwd',
  'pwd',
  'pass',
  'uapassword',
  'ua_password',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'api_key',
  'apikey',
  'token',
  'code_verifier',
  'AccessToken',
  'RefreshToken'
]
const KEY_ALT = SECRET_KEYS.join('|')
// key=value in query strings and form bodies
const FORM_PAIR = new RegExp(`\\b(${KEY_ALT})=([^&\\s"'<]+)`, 'gi')
// "key": "value" in JSON
const JSON_PAIR = new RegExp(`("(?:${KEY_ALT})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi')
// header lines inside free text (curl commands, dumps)
const HEADER_LINE =
  /\b(authorization|proxy-authorization|rets-ua-authorization|cookie|set-cookie)(\s*:\s*)([^\r\n'"]+)/gi

/** what an error message keeps of a long URL: its start (host, path, first options) and its end */
const MESSAGE_URL_HEAD = 200
const MESSAGE_URL_TAIL = 60

export interface RedactionRange {
  start: number
  end: number
  replacement: string
}

export class Redactor {
  private readonly secrets = new Set<string>()
  private variants: string[] = []

  /** Register a secret value; short values (< 4 chars) are ignored to avoid blanking ordinary text. */
  addSecret(value: string | undefined | null): void {
    if (!value || value.length < 4 || this.secrets.has(value)) return
    this.secrets.add(value)
    const forms = new Set([
      value,
      encodeURIComponent(value),
      encodeURIComponent(value).replace(/%20/g, '+'),
      Buffer.from(value, 'utf8').toString('base64'),
      Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, '')
    ])
    for (const f of forms) if (f.length >= 4) this.variants.push(f)
    // longest first so a value that contains another is replaced whole
    this.variants.sort((a, b) => b.length - a.length)
  }

  removeSecret(value: string): void {
    if (!this.secrets.delete(value)) return
    this.variants = []
    const all = [...this.secrets]
    this.secrets.clear()
    for (const s of all) this.addSecret(s)
  }

  text(input: string): string {
    let out = ''
    let pos = 0
    for (const r of this.ranges(input)) {
      out += input.slice(pos, r.start) + r.replacement
      pos = r.end
    }
    return pos === 0 ? input : out + input.slice(pos)
  }

  /**
   * Where `input` holds secrets, as sorted, non-overlapping ranges with what replaces each. One list serves whole
   * texts and slices of a body (the raw view pages big bodies: a slice must hide a secret cut by its edge).
   */
  ranges(input: string): RedactionRange[] {
    const found: RedactionRange[] = []
    for (const v of this.variants) {
      for (let at = input.indexOf(v); at >= 0; at = input.indexOf(v, at + v.length)) {
        found.push({ start: at, end: at + v.length, replacement: REDACTED })
      }
    }
    for (const m of input.matchAll(FORM_PAIR)) {
      const start = m.index + m[1]!.length + 1
      found.push({ start, end: m.index + m[0].length, replacement: REDACTED })
    }
    for (const m of input.matchAll(JSON_PAIR)) {
      const start = m.index + m[1]!.length
      found.push({ start, end: m.index + m[0].length, replacement: `"${REDACTED}"` })
    }
    for (const m of input.matchAll(HEADER_LINE)) {
      const [, name, sep, value] = m as unknown as [string, string, string, string]
      const start = m.index + name.length + sep.length
      found.push({ start, end: start + value.length, replacement: headerValue(name, value) })
    }
    return mergeRanges(found)
  }

  url(input: string): string {
    return this.text(input)
  }

  /**
   * A URL as an error message names its request: redacted, and a very long one (a $filter of a thousand keys, a
   * 40 KB query string) cut in the middle so the message stays readable; details keep the whole URL.
   */
  messageUrl(input: string): string {
    const url = this.url(input)
    if (url.length <= MESSAGE_URL_HEAD + MESSAGE_URL_TAIL + 40) return url
    const cut = url.length - MESSAGE_URL_HEAD - MESSAGE_URL_TAIL
    return `${url.slice(0, MESSAGE_URL_HEAD)}…(${cut} more characters)…${url.slice(-MESSAGE_URL_TAIL)}`
  }

  headers(input: Record<string, string | string[] | undefined>): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, raw] of Object.entries(input)) {
      if (raw === undefined) continue
      const value = Array.isArray(raw) ? raw.join(', ') : raw
      out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? headerValue(name, value) : this.text(value)
    }
    return out
  }
}

/** Overlapping hits (a registered token inside a token=… pair) become one range hidden as a whole. */
function mergeRanges(found: RedactionRange[]): RedactionRange[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const out: RedactionRange[] = []
  for (const r of found) {
    const last = out.at(-1)
    if (last && r.start < last.end) {
      if (r.end > last.end) out[out.length - 1] = { start: last.start, end: r.end, replacement: REDACTED }
    } else out.push(r)
  }
  return out
}

/** Keeps what helps debugging (the auth scheme, cookie names) and drops the secret part. */
function headerValue(name: string, value: string): string {
  const lower = name.toLowerCase()
  if (lower === 'cookie' || lower === 'set-cookie') {
    return value
      .split(/;\s*/)
      .map((part) => {
        const eq = part.indexOf('=')
        if (eq < 0) return part
        const key = part.slice(0, eq)
        // cookie attributes (Path, Expires…) are not secret
        return /^(path|domain|expires|max-age|samesite|secure|httponly)$/i.test(key) ? part : `${key}=${REDACTED}`
      })
      .join('; ')
  }
  const scheme = /^(Basic|Digest|Bearer|OAuth)\b/i.exec(value.trim())
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED
}

/** The process-wide redactor: secrets registered anywhere are hidden everywhere. */
export const redactor = new Redactor()
