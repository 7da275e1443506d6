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
    let out = input
    for (const v of this.variants) if (out.includes(v)) out = out.split(v).join(REDACTED)
    out = out.replace(FORM_PAIR, (_m, k: string) => `${k}=${REDACTED}`)
    out = out.replace(JSON_PAIR, (_m, k: string) => `${k}"${REDACTED}"`)
    out = out.replace(
      HEADER_LINE,
      (_m, name: string, sep: string, value: string) => `${name}${sep}${headerValue(name, value)}`
    )
    return out
  }

  url(input: string): string {
    return this.text(input)
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
