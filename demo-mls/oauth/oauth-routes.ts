// The Demo MLS OAuth2 server: RFC 6749 token endpoint (client_credentials, password, authorization_code with PKCE,
// refresh_token; client auth by HTTP Basic or body), the authorize + consent page (redirects only to loopback redirect
// URIs, RFC 8252 §7.3), and Spark's JSON flavour POST /v1/oauth2/grant (step 1 of the RESO Web API documentation).
import type { ServerResponse } from 'node:http'
import type { Mount, DemoRequest } from '../http/router'
import { sendJson, readJson } from '../http/json-reply'
import { consentPage } from './consent-page'
import { DEMO_SCOPES, grantScope, tokenRegistryFor, type DemoOAuthClient, type TokenRegistry } from './token-registry'

export const OAUTH_PATHS = {
  token: '/oauth/token',
  authorize: '/oauth/authorize',
  /** Spark's JSON flavour of the token endpoint */
  sparkGrant: '/v1/oauth2/grant'
} as const

// RFC 6749 §5.1: token replies (and their errors) must never be cached.
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }
const CLIENT_REALM = 'Basic realm="Demo MLS OAuth"'

function tokenReply(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, value, { ...NO_STORE, ...headers })
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  // §5.2: a 401 names the client authentication scheme the server takes
  tokenReply(
    res,
    status,
    { error, error_description: description },
    status === 401 ? { 'WWW-Authenticate': CLIENT_REALM } : {}
  )
}

function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri)
    return (
      u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === '[::1]' || u.hostname === 'localhost')
    )
  } catch {
    return false
  }
}

/** client_id/client_secret from HTTP Basic (RFC 6749 §2.3.1) or from the body. */
function clientCredentials(req: DemoRequest, params: URLSearchParams): { id?: string; secret?: string } {
  const m = /^Basic\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))
  if (m) {
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8')
    const i = decoded.indexOf(':')
    return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) }
  }
  const out: { id?: string; secret?: string } = {}
  const id = params.get('client_id')
  const secret = params.get('client_secret')
  if (id !== null) out.id = id
  if (secret !== null) out.secret = secret
  return out
}

/**
 * Who is asking. Public clients (RFC 6749 §2.1: no secret; here, a PKCE code redeemed without one) may redeem their
 * code and later refresh the tokens they got with their client_id alone; everything else needs the secret.
 */
function authenticate(
  reg: TokenRegistry,
  type: string,
  params: URLSearchParams,
  creds: { id?: string; secret?: string }
): { client: DemoOAuthClient; publicClient: boolean } | undefined {
  if (creds.secret === undefined) {
    const refresh = type === 'refresh_token' ? reg.peekRefresh(params.get('refresh_token') ?? '') : undefined
    const mayBePublic = type === 'authorization_code' || (refresh?.publicClient && refresh.clientId === creds.id)
    const client = mayBePublic ? reg.client(creds.id, undefined, false) : undefined
    return client ? { client, publicClient: true } : undefined
  }
  const client = reg.client(creds.id, creds.secret)
  return client ? { client, publicClient: false } : undefined
}

const SCOPE_REFUSED = `Ask for ${DEMO_SCOPES.map((s) => `"${s}"`).join(' and/or ')}.`

/** The grant logic shared by the form endpoint and Spark's JSON endpoint. */
function grant(
  reg: TokenRegistry,
  res: ServerResponse,
  params: URLSearchParams,
  creds: { id?: string; secret?: string }
): void {
  const type = params.get('grant_type') ?? ''
  const caller = authenticate(reg, type, params, creds)
  if (!caller) return oauthError(res, 401, 'invalid_client', 'Unknown client or wrong client secret.')
  const { client, publicClient } = caller
  switch (type) {
    case 'client_credentials': {
      const user = reg.user(client.actsAs)
      if (!user) return oauthError(res, 400, 'invalid_grant', 'The client has no user.')
      const scope = grantScope(params.get('scope'))
      if (!scope) return oauthError(res, 400, 'invalid_scope', SCOPE_REFUSED)
      return tokenReply(res, 200, reg.issue(user, client.clientId, type, false, { scope }))
    }
    case 'password': {
      const user = reg.user(params.get('username') ?? '', params.get('password') ?? '')
      if (!user) return oauthError(res, 400, 'invalid_grant', 'Wrong user name or password.')
      const scope = grantScope(params.get('scope'))
      if (!scope) return oauthError(res, 400, 'invalid_scope', SCOPE_REFUSED)
      return tokenReply(res, 200, reg.issue(user, client.clientId, type, true, { scope }))
    }
    case 'authorization_code': {
      const taken = reg.takeCode(
        params.get('code') ?? '',
        client.clientId,
        params.get('redirect_uri') ?? '',
        params.get('code_verifier') ?? undefined
      )
      if (taken === 'invalid')
        return oauthError(res, 400, 'invalid_grant', 'The code is unknown, used, expired or for another redirect URI.')
      if (taken === 'pkce') return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed (code_verifier).')
      return tokenReply(
        res,
        200,
        reg.issue(taken.user, client.clientId, type, true, {
          ...(taken.scope ? { scope: taken.scope } : {}),
          publicClient
        })
      )
    }
    case 'refresh_token': {
      const token = params.get('refresh_token') ?? ''
      const held = reg.peekRefresh(token)
      // §6: a refresh may narrow the scope, never widen it; omitted means the scope granted before
      const asked = params.get('scope')?.split(/\s+/).filter(Boolean)
      const scope = asked?.length ? asked : held?.scope
      if (held && scope?.some((s) => !held.scope.includes(s)))
        return oauthError(res, 400, 'invalid_scope', 'The scope asked for was not granted before.')
      const previous = reg.takeRefresh(token, client.clientId)
      if (!previous) return oauthError(res, 400, 'invalid_grant', 'The refresh token is unknown, used or expired.')
      return tokenReply(
        res,
        200,
        reg.issue(previous.user, client.clientId, type, true, {
          ...(scope ? { scope } : {}),
          publicClient: previous.publicClient
        })
      )
    }
    default:
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type "${type}" is not supported.`)
  }
}

export const mountOAuth: Mount = (router, ctx) => {
  const reg = tokenRegistryFor(ctx)

  router.add('POST', OAUTH_PATHS.token, async (req, res) => {
    const params = await req.form()
    grant(reg, res, params, clientCredentials(req, params))
  })

  router.add('GET', OAUTH_PATHS.authorize, (req, res) => {
    const p = req.url.searchParams
    if (p.get('response_type') !== 'code')
      return oauthError(res, 400, 'unsupported_response_type', 'Only response_type=code is supported.')
    if (!reg.client(p.get('client_id') ?? undefined, undefined, false))
      return oauthError(res, 400, 'invalid_client', 'Unknown client_id.')
    // never redirect to a non-loopback URI: the error is shown here, not sent to an unknown site
    if (!isLoopbackRedirect(p.get('redirect_uri') ?? ''))
      return oauthError(res, 400, 'invalid_request', 'redirect_uri must be an http://127.0.0.1 loopback URI.')
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(consentPage(p))
  })

  router.add('POST', OAUTH_PATHS.authorize, async (req, res) => {
    const p = await req.form()
    const redirectUri = p.get('redirect_uri') ?? ''
    const clientId = p.get('client_id') ?? ''
    if (!reg.client(clientId, undefined, false) || !isLoopbackRedirect(redirectUri))
      return oauthError(res, 400, 'invalid_request', 'Bad client_id or redirect_uri.')
    const target = new URL(redirectUri)
    const state = p.get('state')
    if (state !== null) target.searchParams.set('state', state)
    if (p.get('decision') !== 'allow') {
      target.searchParams.set('error', 'access_denied')
      res.writeHead(302, { Location: target.toString() }).end()
      return
    }
    const user = reg.user(p.get('username') ?? '', p.get('password') ?? '')
    if (!user) {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(consentPage(p, 'Wrong user name or password.'))
      return
    }
    // §4.1.2.1: a scope naming nothing this server knows is refused through the redirect
    const scope = grantScope(p.get('scope'))
    if (!scope) {
      target.searchParams.set('error', 'invalid_scope')
      res.writeHead(302, { Location: target.toString() }).end()
      return
    }
    const challenge = p.get('code_challenge')
    const method = p.get('code_challenge_method')
    const code = reg.newCode({
      user,
      clientId,
      redirectUri,
      scope,
      ...(challenge ? { challenge } : {}),
      ...(method ? { method } : {})
    })
    target.searchParams.set('code', code)
    res.writeHead(302, { Location: target.toString() }).end()
  })

  // Spark: JSON body, credentials always in the body
  router.add('POST', OAUTH_PATHS.sparkGrant, async (req, res) => {
    let body: Record<string, unknown>
    try {
      body = await readJson(req)
    } catch {
      return sendJson(res, 400, { D: { Success: false, Code: 1035, Message: 'POST data not supplied as valid JSON' } })
    }
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') params.set(k, v)
    grant(reg, res, params, {
      ...(typeof body.client_id === 'string' ? { id: body.client_id } : {}),
      ...(typeof body.client_secret === 'string' ? { secret: body.client_secret } : {})
    })
  })
}
