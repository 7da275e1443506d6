// Authorization code + PKCE for a desktop app (RFC 8252): start the loopback listener, open the system browser on
// the authorize URL (injected, so tests can follow the consent page themselves), wait for the code, exchange it.
import type { ApiTransport } from '../json-api/api-transport'
import { createPkcePair, randomState } from './pkce'
import { startLoopbackRedirect } from './loopback-redirect'
import { requestSparkGrant } from './spark-grant'
import { requestToken } from './token-endpoint'
import type { TokenSet } from './token-response'

export interface AuthorizationCodeOptions {
  authorizeUrl: string
  tokenUrl: string
  clientId: string
  clientSecret?: string
  clientAuth?: 'basic' | 'body'
  scope?: string
  /** 'spark': exchange the code as JSON at /v1/oauth2/grant */
  tokenStyle?: 'rfc6749' | 'spark'
  openBrowser: (url: string) => Promise<void> | void
  timeoutMs?: number
  signal?: AbortSignal
  extraHeaders?: Record<string, string>
  /** fixed loopback port (the redirect URI registered with the provider); default any free port */
  redirectPort?: number
}

export function buildAuthorizeUrl(
  base: string,
  p: { clientId: string; redirectUri: string; state: string; challenge: string; scope?: string }
): string {
  const url = new URL(base)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', p.clientId)
  url.searchParams.set('redirect_uri', p.redirectUri)
  url.searchParams.set('state', p.state)
  url.searchParams.set('code_challenge', p.challenge)
  url.searchParams.set('code_challenge_method', 'S256')
  if (p.scope) url.searchParams.set('scope', p.scope)
  return url.toString()
}

export async function runAuthorizationCodeFlow(
  transport: ApiTransport,
  opts: AuthorizationCodeOptions
): Promise<TokenSet> {
  const pkce = createPkcePair()
  const state = randomState()
  const listener = await startLoopbackRedirect({
    expectedState: state,
    timeoutMs: opts.timeoutMs ?? 300_000,
    ...(opts.redirectPort ? { port: opts.redirectPort } : {}),
    ...(opts.signal ? { signal: opts.signal } : {})
  })
  try {
    const authorizeUrl = buildAuthorizeUrl(opts.authorizeUrl, {
      clientId: opts.clientId,
      redirectUri: listener.redirectUri,
      state,
      challenge: pkce.challenge,
      ...(opts.scope ? { scope: opts.scope } : {})
    })
    await opts.openBrowser(authorizeUrl)
    const code = await listener.code
    const grant = {
      type: 'authorization_code' as const,
      code,
      redirectUri: listener.redirectUri,
      codeVerifier: pkce.verifier
    }
    if (opts.tokenStyle === 'spark') {
      return await requestSparkGrant(
        transport,
        opts.tokenUrl,
        { clientId: opts.clientId, clientSecret: opts.clientSecret ?? '', grant },
        opts.extraHeaders
      )
    }
    return await requestToken(transport, {
      tokenUrl: opts.tokenUrl,
      clientId: opts.clientId,
      grant,
      ...(opts.clientSecret !== undefined ? { clientSecret: opts.clientSecret } : {}),
      ...(opts.clientAuth ? { clientAuth: opts.clientAuth } : {}),
      ...(opts.extraHeaders ? { extraHeaders: opts.extraHeaders } : {})
    })
  } finally {
    await listener.close()
  }
}
