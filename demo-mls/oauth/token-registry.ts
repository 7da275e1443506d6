// The Demo MLS authorization server's state, one per server instance (keyed by the DemoContext, so parallel test
// servers never share tokens): registered clients, pending authorization codes (with their PKCE challenge),
// access and refresh tokens. Expired access tokens are remembered so the APIs can answer "expired" (Spark 1020)
// rather than "invalid" (1000). Tests shorten the TTL through `accessTtlSeconds`. Every token carries the scope it
// was granted (RFC 6749 §3.3: "odata" for the RESO Web API, "spark" for the Spark API) and whether it went to a
// public client (a PKCE code redeemed without a secret), which may then refresh with its client_id alone.
import { createHash, randomBytes } from 'node:crypto'
import type { DemoContext, DemoUser } from '../demo-context'

export interface DemoOAuthClient {
  clientId: string
  clientSecret: string
  /** the user client_credentials tokens act for */
  actsAs: string
  /** a Spark replication key: /v1/listings takes _limit up to 1000 instead of 25 */
  replication?: boolean
}

export const DEMO_OAUTH_CLIENTS: readonly DemoOAuthClient[] = [
  { clientId: 'workbench', clientSecret: 'workbench-secret', actsAs: 'demo' },
  { clientId: 'idx-app', clientSecret: 'idx-app-secret', actsAs: 'idx' },
  { clientId: 'replication', clientSecret: 'replication-secret', actsAs: 'demo', replication: true }
]

/** The scopes the Demo MLS knows, in the order a reply lists them; a request without `scope` gets all of them. */
export const DEMO_SCOPES = ['odata', 'spark'] as const

export interface IssuedToken {
  user: DemoUser
  clientId: string
  expiresAt: number
  scope: string[]
  /** issued to a client that did not authenticate (PKCE): its refresh needs no secret */
  publicClient: boolean
}

export interface IssueOptions {
  scope?: string[]
  publicClient?: boolean
}

interface PendingCode {
  user: DemoUser
  clientId: string
  redirectUri: string
  challenge?: string
  method?: string
  /** what the user consented to at /oauth/authorize */
  scope?: string[]
  expiresAt: number
}

export type TokenCheck =
  { ok: true; token: IssuedToken } | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'insufficient_scope' }

/**
 * The scope to grant for a request's `scope` parameter: the known values it names (unknown ones are dropped, and the
 * reply says what was granted), all of `allowed` when it names none; undefined when it names only unknown ones.
 */
export function grantScope(requested: string | null, allowed: readonly string[] = DEMO_SCOPES): string[] | undefined {
  if (requested === null || requested.trim() === '') return [...allowed]
  const asked = new Set(requested.split(/\s+/))
  const granted = allowed.filter((s) => asked.has(s))
  return granted.length ? granted : undefined
}

function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`
}

export class TokenRegistry {
  accessTtlSeconds = 3600
  refreshTtlSeconds = 30 * 86_400
  private readonly codes = new Map<string, PendingCode>()
  private readonly access = new Map<string, IssuedToken>()
  private readonly refresh = new Map<string, IssuedToken>()
  /** counts per grant type, for tests and the admin view */
  readonly issued: Record<string, number> = {}

  constructor(private readonly ctx: DemoContext) {}

  client(
    clientId: string | undefined,
    clientSecret: string | undefined,
    requireSecret = true
  ): DemoOAuthClient | undefined {
    const c = this.ctx.oauthClients.find((x) => x.clientId === clientId)
    if (!c) return undefined
    if (requireSecret && c.clientSecret !== clientSecret) return undefined
    return c
  }

  user(name: string | undefined, password?: string): DemoUser | undefined {
    const u = name ? this.ctx.findUser(name) : undefined
    if (!u || (password !== undefined && u.password !== password)) return undefined
    return u
  }

  newCode(p: Omit<PendingCode, 'expiresAt'>): string {
    const code = randomToken('code')
    this.codes.set(code, { ...p, expiresAt: Date.now() + 120_000 })
    return code
  }

  /** One use only (RFC 6749 §4.1.2); PKCE verified when the code was issued with a challenge (RFC 7636 §4.6). */
  takeCode(
    code: string,
    clientId: string,
    redirectUri: string,
    verifier: string | undefined
  ): PendingCode | 'invalid' | 'pkce' {
    const pending = this.codes.get(code)
    this.codes.delete(code)
    if (
      !pending ||
      pending.expiresAt < Date.now() ||
      pending.clientId !== clientId ||
      pending.redirectUri !== redirectUri
    )
      return 'invalid'
    if (pending.challenge) {
      if (!verifier) return 'pkce'
      const computed = pending.method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url')
      if (computed !== pending.challenge) return 'pkce'
    }
    return pending
  }

  issue(
    user: DemoUser,
    clientId: string,
    grantType: string,
    withRefresh: boolean,
    options: IssueOptions = {}
  ): Record<string, unknown> {
    this.issued[grantType] = (this.issued[grantType] ?? 0) + 1
    const accessToken = randomToken('at')
    const now = Date.now()
    const scope = options.scope ?? [...DEMO_SCOPES]
    const base = { user, clientId, scope, publicClient: options.publicClient ?? false }
    this.access.set(accessToken, { ...base, expiresAt: now + this.accessTtlSeconds * 1000 })
    // reso-token-no-expiry: the token still expires here, but the reply does not say when (and the type is lower case)
    const silent = this.ctx.quirk('reso-token-no-expiry')
    const reply: Record<string, unknown> = {
      access_token: accessToken,
      token_type: silent ? 'bearer' : 'Bearer',
      ...(silent ? {} : { expires_in: this.accessTtlSeconds }),
      scope: scope.join(' ')
    }
    if (withRefresh) {
      const refreshToken = randomToken('rt')
      this.refresh.set(refreshToken, { ...base, expiresAt: now + this.refreshTtlSeconds * 1000 })
      reply.refresh_token = refreshToken
    }
    return reply
  }

  /** The live refresh token, without spending it (to tell whether its client must authenticate). */
  peekRefresh(token: string): IssuedToken | undefined {
    const t = this.refresh.get(token)
    return t && t.expiresAt >= Date.now() ? t : undefined
  }

  /** Refresh tokens rotate: the old one is spent. */
  takeRefresh(token: string, clientId: string): IssuedToken | undefined {
    const t = this.refresh.get(token)
    this.refresh.delete(token)
    if (!t || t.clientId !== clientId || t.expiresAt < Date.now()) return undefined
    return t
  }

  /** Accepts `Bearer <token>` and Spark's `OAuth <token>`; `scope` is the one the API needs. */
  check(authorization: string | undefined, scope?: string): TokenCheck {
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization?.trim() ?? '')
    if (!m) return { ok: false, reason: 'missing' }
    const t = this.access.get(m[1]!)
    if (!t) return { ok: false, reason: 'invalid' }
    if (t.expiresAt <= Date.now()) return { ok: false, reason: 'expired' }
    if (scope !== undefined && !t.scope.includes(scope)) return { ok: false, reason: 'insufficient_scope' }
    return { ok: true, token: t }
  }

  /** Ends every access token now (tests: "token expires mid-paging"). */
  expireAll(): void {
    for (const t of this.access.values()) t.expiresAt = 0
  }
}

const registries = new WeakMap<DemoContext, TokenRegistry>()

export function tokenRegistryFor(ctx: DemoContext): TokenRegistry {
  let r = registries.get(ctx)
  if (!r) {
    r = new TokenRegistry(ctx)
    registries.set(ctx, r)
  }
  return r
}
