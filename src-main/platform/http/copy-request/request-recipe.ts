// What "Copy as curl / PowerShell / fetch" reproduces, worked out once from the wire log and rendered per shell.
// The log holds redacted exchanges, so every secret is already "[redacted]": here each one becomes an environment
// variable named for what it is (MLS_PASSWORD, MLS_TOKEN…), HTTP auth becomes the shell's own -u/-Credential, and a
// RETS request gets a login step first (its session lives in a cookie), found among the earlier entries of the log.
import { REDACTED } from '../../redaction/redactor'
import type { WireEntry } from '../wire-log'

/** A value with secrets as references to environment variables. */
export type Part = string | { env: string }
export type Value = Part[]

export interface RecipeRequest {
  method: string
  url: Value
  /** without Host, Authorization, Cookie and RETS-UA-Authorization (each is rebuilt by the renderer) */
  headers: Array<[string, Value]>
  body?: Value
}

export interface RetsLogin {
  request: RecipeRequest
  /** true when no Login request was in the log and the URL is the usual /rets/Login of the request's server */
  guessed: boolean
}

export interface UaAuth {
  /** the User-Agent the digest is computed with */
  product: string
  requestId: string
  retsVersion: string
}

export interface CopyRecipe {
  request: RecipeRequest
  httpAuth?: 'basic' | 'digest'
  /** a RETS session: log in first, keep the session cookie, send the request with it */
  rets?: { login: RetsLogin; uaAuth?: UaAuth }
  /** a (non-RETS) Cookie header that was redacted: replayed from MLS_COOKIE */
  cookieVar?: boolean
  /** the environment variables the command reads, to export before running it */
  variables: string[]
}

const DROPPED = /^(host|content-length|connection|accept-encoding|authorization|cookie|rets-ua-authorization)$/i

export function buildRecipe(entry: WireEntry, earlier: readonly WireEntry[]): CopyRecipe {
  const vars = new Set<string>()
  const request = recipeRequest(entry, vars)
  const recipe: CopyRecipe = { request, variables: [] }
  const auth = header(entry, 'authorization')
  const isRets = header(entry, 'rets-version') !== undefined
  if (isRets) {
    const logins = earlier.filter((e) => sameOrigin(e.url, entry.url) && /login/i.test(pathOf(e.url)))
    const scheme = [entry, ...logins].map((e) => authScheme(header(e, 'authorization'))).find((s) => s)
    recipe.httpAuth = scheme === 'basic' ? 'basic' : 'digest'
    const found = logins.at(-1)
    const login: RetsLogin = found
      ? {
          request: recipeRequest({ method: 'GET', url: found.url, requestHeaders: found.requestHeaders }, vars),
          guessed: false
        }
      : { request: { ...guessedLogin(entry), headers: request.headers }, guessed: true }
    recipe.rets = { login }
    if (header(entry, 'rets-ua-authorization') !== undefined) {
      recipe.rets.uaAuth = {
        product: header(entry, 'user-agent') ?? '',
        requestId: header(entry, 'rets-request-id') ?? '',
        retsVersion: header(entry, 'rets-version') ?? ''
      }
      vars.add('MLS_UA_PASSWORD')
    }
  } else {
    const scheme = authScheme(auth)
    if (scheme === 'basic' || scheme === 'digest') recipe.httpAuth = scheme
    else if (auth !== undefined) request.headers.push(['Authorization', secretValue(auth, 'MLS_TOKEN', vars)])
    if (header(entry, 'cookie') !== undefined) {
      recipe.cookieVar = true
      vars.add('MLS_COOKIE')
    }
  }
  if (recipe.httpAuth) ['MLS_USER', 'MLS_PASSWORD'].forEach((v) => vars.add(v))
  recipe.variables = [...vars].sort()
  return recipe
}

function recipeRequest(e: Pick<WireEntry, 'method' | 'url' | 'requestHeaders' | 'requestBody'>, vars: Set<string>) {
  const headers: Array<[string, Value]> = Object.entries(e.requestHeaders)
    .filter(([name]) => !DROPPED.test(name))
    .map(([name, value]) => [name, secretValue(value, varForHeader(name), vars)])
  const out: RecipeRequest = { method: e.method, url: secretValue(e.url, 'MLS_SECRET', vars), headers }
  if (e.requestBody !== undefined) out.body = secretValue(e.requestBody, 'MLS_SECRET', vars)
  return out
}

/** `text` with each "[redacted]" replaced by the variable its key names (password=…, "access_token": "…"). */
export function secretValue(text: string, fallback: string, vars: Set<string>): Value {
  const out: Value = []
  let pos = 0
  for (let at = text.indexOf(REDACTED); at >= 0; at = text.indexOf(REDACTED, pos)) {
    if (at > pos) out.push(text.slice(pos, at))
    const env = varForKey(/([A-Za-z_]+)"?\s*[=:]\s*"?$/.exec(text.slice(Math.max(0, at - 40), at))?.[1]) ?? fallback
    vars.add(env)
    out.push({ env })
    pos = at + REDACTED.length
  }
  if (pos < text.length || out.length === 0) out.push(text.slice(pos))
  return out
}

function varForKey(key: string | undefined): string | undefined {
  if (!key) return undefined
  if (/ua_?pass/i.test(key)) return 'MLS_UA_PASSWORD'
  if (/pass|pwd/i.test(key)) return 'MLS_PASSWORD'
  if (/secret/i.test(key)) return 'MLS_CLIENT_SECRET'
  if (/token|code_verifier/i.test(key)) return 'MLS_TOKEN'
  if (/key/i.test(key)) return 'MLS_API_KEY'
  return undefined
}

function varForHeader(name: string): string {
  return /key/i.test(name) ? 'MLS_API_KEY' : /auth/i.test(name) ? 'MLS_TOKEN' : 'MLS_SECRET'
}

function header(e: WireEntry, name: string): string | undefined {
  return Object.entries(e.requestHeaders).find(([k]) => k.toLowerCase() === name)?.[1]
}

function authScheme(value: string | undefined): 'basic' | 'digest' | undefined {
  if (!value) return undefined
  if (/^basic\b/i.test(value)) return 'basic'
  if (/^digest\b/i.test(value)) return 'digest'
  return undefined
}

function guessedLogin(entry: WireEntry): Omit<RecipeRequest, 'headers'> {
  return { method: 'GET', url: [originOf(entry.url) + '/rets/Login'] }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return ''
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

function sameOrigin(a: string, b: string): boolean {
  return originOf(a) !== '' && originOf(a) === originOf(b)
}

/** Adjacent literals joined and empty ones dropped, so each shell writes one quoted string per run of text. */
export function merged(v: Value): Value {
  const out: Value = []
  for (const p of v) {
    const last = out.at(-1)
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p
    else if (p !== '') out.push(p)
  }
  return out
}
