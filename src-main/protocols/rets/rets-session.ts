// One RETS session: login (GET or POST per profile), HTTP Digest/Basic, UA-auth, capability URLs, transactions
// with one automatic re-login on 401 or ReplyCode 20037, and a logout that tolerates HTML or plain-text replies.
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import { responseWithBody, type HttpClient, type HttpResponse } from '../../platform/http/http-client'
import { peekStream } from '../../platform/http/stream-peek'
import { basicAuthorization, DigestAuth, parseWwwAuthenticate } from './digest-auth'
import { uaAuthorization } from './ua-auth'
import { SMALL_BODY_LIMIT } from '../json-api/api-transport'
import { readCapped } from '../../platform/http/read-capped'
import { namingRequest } from '../../platform/http/request-named'
import { parseLoginBody, resolveCapabilityUrl, type CapabilityName, type LoginBody } from './login-body'
import { decodeRetsBody, readRetsResponse } from './rets-response'
import { readRetsReply, type RetsReply } from './rets-reply'

export type RetsVersion = '1.5' | '1.7' | '1.7.2' | '1.8'

export interface RetsProfile {
  loginUrl: string
  username: string
  password: string
  userAgent: string
  uaPassword?: string
  retsVersion: RetsVersion
  /** how transactions send their parameters: query string (GET) or form body (POST) — never both */
  method?: 'GET' | 'POST'
  /** 'auto' answers whatever the server challenges with; 'basic' sends Basic up front; 'digest' never sends Basic */
  auth?: 'auto' | 'digest' | 'basic'
  /** Basic puts the password itself on the wire: 'auto' answers a Basic challenge over plain http only with this */
  allowBasicOverHttp?: boolean
  /** origins besides the login URL's that may receive the credentials (capability URLs on another host) */
  credentialOrigins?: string[]
  /** optional RETS-Request-ID sent with each request (part of the UA-auth digest) */
  requestId?: string
  /** product name the UA digest is computed with, when the server registered one other than the User-Agent */
  uaProduct?: string
  /** sent with every request (vendor headers); the session's own headers win */
  headers?: Record<string, string>
  // Accept of GetObject (e.g. image/jpeg); the default, any type, is refused by some servers with 20406
  objectAccept?: string
}

export interface LoginResult {
  body: LoginBody
  /** absolute capability URLs */
  capabilities: Partial<Record<CapabilityName, string>>
  /** RETS-Version header of the server's Login reply, e.g. "RETS/1.7.2" */
  serverVersion?: string
  sessionId?: string
  /** text of the Action URL reply, when the server named one */
  actionText?: string
  warnings: string[]
}

/** How one exchange is sent: its abort signal, the Accept header, and whether it streams for as long as it takes. */
interface SendOptions {
  signal?: AbortSignal | undefined
  accept?: string | undefined
  /** a search or GetObject reply the user can cancel: no total deadline (it may stream for minutes) */
  streaming?: boolean
}

export interface TransactionOptions {
  signal?: AbortSignal
  /** default true: on 401 / 20037 log in again once and retry */
  relogin?: boolean
}

const SESSION_COOKIE = 'RETS-Session-ID'

export class RetsSession {
  private digest: DigestAuth | undefined
  private useBasic: boolean
  private result: LoginResult | undefined
  private loginInFlight: Promise<LoginResult> | undefined
  /** why the last Basic challenge went unanswered (said in the login error) */
  private basicRefused: string | undefined
  private readonly trustedOrigins: Set<string>
  /** how many automatic re-logins happened (shown in the UI, asserted by tests) */
  relogins = 0

  constructor(
    readonly profile: RetsProfile,
    readonly http: HttpClient
  ) {
    this.useBasic = profile.auth === 'basic'
    this.trustedOrigins = new Set([profile.loginUrl, ...(profile.credentialOrigins ?? [])].map(originOf))
    redactor.addSecret(profile.password)
    if (profile.uaPassword) redactor.addSecret(profile.uaPassword)
  }

  get loggedIn(): boolean {
    return this.result !== undefined
  }

  get loginResult(): LoginResult | undefined {
    return this.result
  }

  get retsVersionHeader(): string {
    return `RETS/${this.profile.retsVersion}`
  }

  get sessionId(): string | undefined {
    return this.http.cookies.get(SESSION_COOKIE)
  }

  capabilityUrl(name: CapabilityName): string | undefined {
    return this.result?.capabilities[name]
  }

  /** Logs in; concurrent callers (parallel transactions hitting an expired session) share one login. */
  login(signal?: AbortSignal): Promise<LoginResult> {
    this.loginInFlight ??= this.doLogin(signal).finally(() => {
      this.loginInFlight = undefined
    })
    return this.loginInFlight
  }

  private async doLogin(signal?: AbortSignal): Promise<LoginResult> {
    this.result = undefined
    const method = this.profile.method ?? 'GET'
    const res = await this.send(method, this.profile.loginUrl, method === 'POST' ? '' : undefined, { signal })
    const request = `${method} ${redactor.url(this.profile.loginUrl)}`
    if (res.status === 401) {
      const text = (await readCapped(res.body, SMALL_BODY_LIMIT, 'truncate')).toString('latin1')
      throw new AppError({
        code: 'RETS_AUTH_FAILED',
        message:
          `The server refused the login (HTTP 401 to ${request})` +
          (this.basicRefused ? `: ${this.basicRefused}` : '.'),
        detail: redactor.text(text.slice(0, 2000)),
        hint: this.basicRefused
          ? 'Use https, or set Authentication to basic or allow Basic over plain http in the profile if you accept the risk.'
          : 'Check the user name and password; some servers also need the right User-Agent and UA password.'
      })
    }
    const { text, warnings } = await readRetsResponse(res, { requireEnvelope: true }).catch((err: unknown) => {
      throw namingRequest(err, method, this.profile.loginUrl)
    })
    const body = parseLoginBody(text)
    const capabilities: Partial<Record<CapabilityName, string>> = {}
    for (const [name, value] of Object.entries(body.capabilities) as Array<[CapabilityName, string]>) {
      if (value) capabilities[name] = resolveCapabilityUrl(value, this.profile.loginUrl)
    }
    const result: LoginResult = { body, capabilities, warnings: [...warnings] }
    const foreign = Object.entries(capabilities).filter(([, url]) => !this.mayReceiveCredentials(url))
    for (const [name, url] of foreign) {
      result.warnings.push(
        `${name} is on ${new URL(url).host}, not the login URL's origin: the credentials are not sent there ` +
          "(add that origin to the profile's credential origins if the MLS really serves it)."
      )
    }
    const serverVersion = res.header('rets-version')
    if (serverVersion) result.serverVersion = serverVersion
    if (capabilities.Action) {
      // RETS 1.7.2 §4.6: the client must GET the Action URL after login (flexmls shows a notice there)
      try {
        const action = await this.send('GET', capabilities.Action, undefined, { signal })
        result.actionText = (await readCapped(action.body, SMALL_BODY_LIMIT, 'truncate')).toString('latin1').trim()
      } catch (err) {
        result.warnings.push(`Action URL failed: ${err instanceof Error ? err.message : String(err)}`)
      }
    }
    const sid = this.sessionId
    if (sid) result.sessionId = sid
    this.result = result
    return result
  }

  /**
   * Runs one transaction against a capability and returns the response with its body unread (it may be a
   * multi-MB search or a multipart photo stream). Re-logs in once on HTTP 401 or ReplyCode 20037.
   */
  async transaction(
    capability: CapabilityName,
    params: Record<string, string>,
    options: TransactionOptions = {}
  ): Promise<HttpResponse> {
    if (!this.result) await this.login(options.signal)
    const attempt = async (): Promise<HttpResponse> => {
      const url = this.capabilityUrl(capability)
      if (!url) {
        throw new AppError({
          code: 'RETS_NO_CAPABILITY',
          message: `The server did not offer ${capability} at login.`,
          hint: 'Your account may not have this transaction; ask the MLS.'
        })
      }
      const method = this.profile.method ?? 'GET'
      const encoded = encodeParams(params)
      const send: SendOptions = {
        signal: options.signal,
        accept: capability === 'GetObject' ? this.profile.objectAccept : undefined,
        streaming: capability === 'Search' || capability === 'GetObject'
      }
      if (method === 'POST') return this.send('POST', url, encoded, send)
      const full = encoded ? `${url}${url.includes('?') ? '&' : '?'}${encoded}` : url
      return this.send('GET', full, undefined, send)
    }
    let res = await attempt()
    if (options.relogin === false) return res
    if (res.status === 401) {
      await res.discard()
      return this.reloginAndRetry(attempt, options.signal)
    }
    if (mayCarryEnvelope(res.header('content-type'))) {
      const peek = await peekStream(res.body, 1024)
      res = responseWithBody(res, peek.stream)
      const reply = readRetsReply(peek.head.toString('latin1'))
      if (reply?.replyCode === 20037) {
        await res.discard()
        return this.reloginAndRetry(attempt, options.signal)
      }
    }
    return res
  }

  /**
   * An authenticated request to a URL the login advertised outside the standard capabilities (X-* extensions such
   * as flexmls X-ApiAccessSettings, the Listing Activity API's key page): same cookies, digest and UA-auth as the
   * transactions; logs in first.
   */
  async extensionRequest(
    url: string,
    init: { method?: 'GET' | 'POST'; form?: Record<string, string>; signal?: AbortSignal } = {}
  ): Promise<HttpResponse> {
    if (!this.result) await this.login(init.signal)
    const method = init.method ?? 'GET'
    return this.send(method, url, method === 'POST' ? encodeParams(init.form ?? {}) : undefined, {
      signal: init.signal
    })
  }

  async logout(signal?: AbortSignal): Promise<{ reply?: RetsReply; message: string }> {
    if (!this.result?.capabilities.Logout) {
      this.result = undefined
      return { message: 'Not logged in.' }
    }
    try {
      const res = await this.transaction('Logout', {}, { relogin: false, ...(signal ? { signal } : {}) })
      // only its message is shown: a longer reply is not read further
      const out = decodeRetsBody(await readCapped(res.body, SMALL_BODY_LIMIT, 'truncate'), res.header('content-type'))
      // Logout replies come as RETS XML, bare text ("Logged Out") or even HTML: never fail on the shape
      const message = stripMarkup(out.text)
      return { ...(out.reply ? { reply: out.reply } : {}), message }
    } finally {
      this.result = undefined
      this.digest = undefined
      this.http.cookies.clear()
    }
  }

  private async reloginAndRetry(attempt: () => Promise<HttpResponse>, signal?: AbortSignal): Promise<HttpResponse> {
    if (!this.loginInFlight) {
      this.relogins++
      this.http.cookies.clear()
      this.digest = undefined
    }
    await this.login(signal)
    return attempt()
  }

  /** One HTTP exchange with auth: answers a 401 challenge once. */
  private async send(
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    opts: SendOptions = {}
  ): Promise<HttpResponse> {
    const first = await this.http.request(this.requestFor(method, url, body, opts))
    // a challenge from an origin the credentials do not belong to is never answered
    if (first.status !== 401 || !this.mayReceiveCredentials(url)) return first
    const challenges = parseWwwAuthenticate(first.headers['www-authenticate'])
    const digest = challenges.find((c) => c.scheme === 'digest')
    const basic = challenges.find((c) => c.scheme === 'basic')
    const staleRetry = digest && this.digest && digest.params.stale?.toLowerCase() === 'true'
    const newDigest = digest && (!this.digest || this.digest.nonce !== digest.params.nonce || staleRetry)
    const newBasic = !digest && basic && !this.useBasic
    if (newBasic && !this.basicAllowed(url)) {
      this.basicRefused =
        this.profile.auth === 'digest'
          ? 'the server asked for Basic, and this profile only answers Digest'
          : 'the server asked for Basic over plain http, which would send the password unencrypted'
      return first
    }
    if (this.profile.auth !== 'basic' && newDigest) {
      this.digest = new DigestAuth(this.profile.username, this.profile.password, digest.params)
      this.useBasic = false
    } else if (newBasic || (this.profile.auth === 'basic' && !this.useBasic)) {
      this.useBasic = true
    } else {
      return first
    }
    await first.discard()
    return this.http.request(this.requestFor(method, url, body, opts))
  }

  /** Credentials go to the login URL's scheme + host + port and the origins the profile lists, nowhere else. */
  private mayReceiveCredentials(url: string): boolean {
    return this.trustedOrigins.has(originOf(url))
  }

  /** 'digest' never downgrades; 'auto' sends the plain password only over https unless the profile allows http. */
  private basicAllowed(url: string): boolean {
    if (this.profile.auth === 'basic') return true
    if (this.profile.auth === 'digest') return false
    return url.startsWith('https:') || this.profile.allowBasicOverHttp === true
  }

  private requestFor(
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    { signal, accept, streaming }: SendOptions
  ) {
    const credentials = this.mayReceiveCredentials(url)
    const headers: Record<string, string> = {
      ...this.profile.headers,
      'User-Agent': this.profile.userAgent,
      'RETS-Version': this.retsVersionHeader,
      Accept: accept ?? '*/*'
    }
    if (this.profile.requestId) headers['RETS-Request-ID'] = this.profile.requestId
    if (this.profile.uaPassword && credentials) {
      headers['RETS-UA-Authorization'] = uaAuthorization({
        userAgent: this.profile.uaProduct ?? this.profile.userAgent,
        uaPassword: this.profile.uaPassword,
        requestId: this.profile.requestId ?? '',
        sessionId: this.sessionId ?? '',
        retsVersion: this.retsVersionHeader
      })
    }
    const parsed = new URL(url)
    if (credentials && this.digest)
      headers['Authorization'] = this.digest.authorization(method, parsed.pathname + parsed.search)
    else if (credentials && this.useBasic && this.basicAllowed(url))
      headers['Authorization'] = basicAuthorization(this.profile.username, this.profile.password)
    if (method === 'POST') headers['Content-Type'] = 'application/x-www-form-urlencoded'
    return {
      method,
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(signal ? { signal } : {}),
      ...(streaming ? { deadlineMs: 0 } : {})
    }
  }
}

export function encodeParams(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

function mayCarryEnvelope(contentType: string | undefined): boolean {
  const ct = (contentType ?? '').toLowerCase()
  return ct === '' || ct.includes('xml') || ct.startsWith('text/')
}

function stripMarkup(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
