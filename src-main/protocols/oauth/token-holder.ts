// Holds one profile's access token: loads it from the SecretStore, gets a new one when there is none, refreshes it
// before expiry, and re-authenticates ONCE when the server rejects it (401, Spark code 1020).
// Concurrent callers share one refresh. Every secret passing through is registered with the redactor.
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import type { ApiTransport } from '../json-api/api-transport'
import type { AuthSettings, SecretName } from './auth-settings'
import { runAuthorizationCodeFlow } from './authorization-code-flow'
import type { OAuthGrant } from './grants'
import type { SecretStoreLike } from './secret-store-like'
import { requestSparkGrant } from './spark-grant'
import { requestToken } from './token-endpoint'
import type { TokenSet } from './token-response'

export interface TokenHolderDeps {
  store: SecretStoreLike
  transport: ApiTransport
  /** opens the system browser (authorization code flow); absent = interactive sign-in impossible */
  openBrowser?: (url: string) => Promise<void> | void
  now?: () => number
}

export class TokenHolder {
  private current: TokenSet | undefined
  private pending: Promise<TokenSet> | undefined
  private readonly now: () => number

  constructor(
    private readonly settings: AuthSettings,
    private readonly deps: TokenHolderDeps
  ) {
    this.now = deps.now ?? Date.now
  }

  /** Authorization plus the profile's extra headers, with a token that is valid for at least the skew. */
  async authHeaders(): Promise<Record<string, string>> {
    const token = await this.token()
    return this.headersFor(token)
  }

  headersFor(token: TokenSet): Record<string, string> {
    return { ...this.settings.extraHeaders, authorization: `${this.settings.scheme ?? 'Bearer'} ${token.accessToken}` }
  }

  async token(): Promise<TokenSet> {
    if (this.current && !this.expiresSoon(this.current)) return this.current
    if (!this.current) {
      const stored = await this.loadStored()
      if (stored) {
        this.current = stored
        // an expired stored token is not sent: its refresh token (if any) renews it first
        if (!this.expiresSoon(stored)) return stored
      }
    }
    return this.renew()
  }

  /**
   * Sends with a valid token; when `rejected` says the server refused the token, renews once and sends again.
   * A second rejection is returned to the caller as is (its error body is the useful message).
   */
  async send<T>(
    attempt: (headers: Record<string, string>) => Promise<T>,
    rejected: (result: T) => boolean
  ): Promise<T> {
    const token = await this.token()
    const first = await attempt(this.headersFor(token))
    if (!rejected(first) || this.settings.flow === 'static') return first
    const renewed = await this.renewAfterReject(token)
    return attempt(this.headersFor(renewed))
  }

  /** The server refused `rejected`: renew unless another caller already did. */
  async renewAfterReject(rejected: TokenSet): Promise<TokenSet> {
    if (this.current && this.current.accessToken !== rejected.accessToken) return this.current
    // the refresh token may be what is stale; keep it for renew() to try first
    if (this.current) this.current = { ...this.current, expiresAt: 0 }
    return this.renew()
  }

  /** Interactive sign-in (authorization code) or a fresh grant, replacing whatever is held. */
  async signIn(): Promise<TokenSet> {
    return this.share(() => this.obtainNew())
  }

  async signOut(): Promise<void> {
    this.current = undefined
    await this.deps.store.delete('accessToken')
    await this.deps.store.delete('accessTokenExpiresAt')
    await this.deps.store.delete('refreshToken')
  }

  private expiresSoon(token: TokenSet): boolean {
    if (token.expiresAt === undefined) return false
    return this.now() >= token.expiresAt - (this.settings.refreshSkewMs ?? 60_000)
  }

  private renew(): Promise<TokenSet> {
    return this.share(async () => {
      const refreshToken = this.current?.refreshToken ?? (await this.secret('refreshToken'))
      if (refreshToken && this.settings.flow !== 'static') {
        try {
          return await this.grant({ type: 'refresh_token', refreshToken })
        } catch (err) {
          // an expired / revoked refresh token: fall through to a full grant (or interactive sign-in)
          if (!(err instanceof AppError) || !err.code.startsWith('OAUTH_')) throw err
        }
      }
      return this.obtainNew()
    })
  }

  private share(work: () => Promise<TokenSet>): Promise<TokenSet> {
    this.pending ??= work()
      .then(async (token) => {
        await this.keep(token)
        return token
      })
      .finally(() => {
        this.pending = undefined
      })
    return this.pending
  }

  private async obtainNew(): Promise<TokenSet> {
    const s = this.settings
    switch (s.flow) {
      case 'static': {
        const stored = await this.loadStored()
        if (!stored)
          throw new AppError({
            code: 'OAUTH_NO_TOKEN',
            message: 'No access token is stored for this profile.',
            hint: 'Paste the access token in the profile settings.'
          })
        return stored
      }
      case 'client_credentials':
        return this.grant({ type: 'client_credentials', ...(s.scope ? { scope: s.scope } : {}) })
      case 'password': {
        const password = await this.secret('password')
        if (!password || !s.username)
          throw new AppError({
            code: 'OAUTH_NO_PASSWORD',
            message: 'The profile has no user name or password.',
            hint: 'Enter them in the profile settings.'
          })
        return this.grant({ type: 'password', username: s.username, password, ...(s.scope ? { scope: s.scope } : {}) })
      }
      case 'authorization_code': {
        if (!this.deps.openBrowser)
          throw new AppError({
            code: 'OAUTH_SIGN_IN_REQUIRED',
            message: 'This profile needs an interactive sign-in.',
            hint: 'Use "Sign in" on the profile.'
          })
        const clientSecret = await this.secret('clientSecret')
        return runAuthorizationCodeFlow(this.deps.transport, {
          authorizeUrl: this.required(s.authorizeUrl, 'authorize URL'),
          tokenUrl: this.required(s.tokenUrl, 'token URL'),
          clientId: this.required(s.clientId, 'client id'),
          openBrowser: this.deps.openBrowser,
          ...(clientSecret ? { clientSecret } : {}),
          ...(s.clientAuth ? { clientAuth: s.clientAuth } : {}),
          ...(s.scope ? { scope: s.scope } : {}),
          ...(s.tokenStyle ? { tokenStyle: s.tokenStyle } : {}),
          ...(s.redirectPort ? { redirectPort: s.redirectPort } : {}),
          ...(s.extraHeaders ? { extraHeaders: s.extraHeaders } : {})
        })
      }
    }
  }

  private async grant(grant: OAuthGrant): Promise<TokenSet> {
    const s = this.settings
    const tokenUrl = this.required(s.tokenUrl, 'token URL')
    const clientId = this.required(s.clientId, 'client id')
    const clientSecret = await this.secret('clientSecret')
    // a confidential grant without its secret would only come back as invalid_client: say so before any request
    if (!clientSecret && (grant.type === 'client_credentials' || s.tokenStyle === 'spark'))
      throw new AppError({
        code: 'SECRET_MISSING',
        message: `No client secret is stored for this profile; the ${grant.type} grant needs one.`,
        hint: 'Open the profile and enter the client secret; it is kept in the system keychain.'
      })
    let token: TokenSet
    if (s.tokenStyle === 'spark') {
      token = await requestSparkGrant(
        this.deps.transport,
        tokenUrl,
        { clientId, clientSecret: clientSecret ?? '', grant },
        s.extraHeaders
      )
    } else {
      token = await requestToken(this.deps.transport, {
        tokenUrl,
        clientId,
        grant,
        ...(clientSecret ? { clientSecret } : {}),
        ...(s.clientAuth ? { clientAuth: s.clientAuth } : {})
      })
    }
    // servers that do not rotate refresh tokens omit it from the refresh reply: keep the old one
    if (!token.refreshToken && grant.type === 'refresh_token') token.refreshToken = grant.refreshToken
    return token
  }

  private async keep(token: TokenSet): Promise<void> {
    // expiry on this holder's clock (the token reader used the wall clock)
    if (token.expiresIn !== undefined) token.expiresAt = this.now() + token.expiresIn * 1000
    this.current = token
    redactor.addSecret(token.accessToken)
    redactor.addSecret(token.refreshToken)
    if (this.settings.flow === 'static') return
    await this.deps.store.set('accessToken', token.accessToken)
    if (token.expiresAt !== undefined) await this.deps.store.set('accessTokenExpiresAt', String(token.expiresAt))
    else await this.deps.store.delete('accessTokenExpiresAt')
    if (token.refreshToken) await this.deps.store.set('refreshToken', token.refreshToken)
  }

  private async loadStored(): Promise<TokenSet | undefined> {
    const accessToken = await this.secret('accessToken')
    if (!accessToken) return undefined
    const refreshToken = await this.secret('refreshToken')
    // read directly, not as a secret: a registered number would be redacted wherever it appears
    const expiresAt = Number((await this.deps.store.get('accessTokenExpiresAt')) ?? NaN)
    // without a stored expiry (a pasted token) the token is used until the server refuses it
    return {
      accessToken,
      ...(refreshToken ? { refreshToken } : {}),
      ...(Number.isFinite(expiresAt) ? { expiresAt } : {})
    }
  }

  private async secret(name: SecretName): Promise<string | undefined> {
    const value = (await this.deps.store.get(name)) ?? undefined
    redactor.addSecret(value)
    return value
  }

  private required(value: string | undefined, what: string): string {
    if (!value)
      throw new AppError({
        code: 'OAUTH_CONFIG',
        message: `The profile has no ${what}.`,
        hint: `Fill in the ${what} in the profile settings.`
      })
    return value
  }
}
