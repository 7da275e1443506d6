// RFC 6749 token endpoint: POST application/x-www-form-urlencoded; the client authenticates with HTTP Basic
// (§2.3.1, the default) or with client_id/client_secret in the body (some RESO vendors only accept that).
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import { SMALL_BODY_LIMIT, type ApiTransport } from '../json-api/api-transport'
import { grantParams, grantSecrets, type OAuthGrant } from './grants'
import { oauthErrorFromBody, parseTokenResponse, type TokenSet } from './token-response'

export interface TokenEndpointRequest {
  tokenUrl: string
  clientId: string
  clientSecret?: string
  clientAuth?: 'basic' | 'body'
  grant: OAuthGrant
  extraHeaders?: Record<string, string>
  signal?: AbortSignal
}

export async function requestToken(transport: ApiTransport, req: TokenEndpointRequest): Promise<TokenSet> {
  for (const s of [req.clientSecret, ...grantSecrets(req.grant)]) redactor.addSecret(s)
  const params = grantParams(req.grant)
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    ...req.extraHeaders
  }
  if ((req.clientAuth ?? 'basic') === 'basic' && req.clientSecret !== undefined) {
    // §2.3.1: both parts form-url-encoded before base64
    const basic = `${encodeURIComponent(req.clientId)}:${encodeURIComponent(req.clientSecret)}`
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`
  } else {
    params.client_id = req.clientId
    if (req.clientSecret !== undefined) params.client_secret = req.clientSecret
  }
  const res = await transport.request({
    method: 'POST',
    url: req.tokenUrl,
    headers,
    body: new URLSearchParams(params).toString(),
    maxBodyBytes: SMALL_BODY_LIMIT,
    ...(req.signal ? { signal: req.signal } : {})
  })
  return tokenFromReply(res.status, res.body.toString('utf8'), req.tokenUrl)
}

export function tokenFromReply(status: number, text: string, url: string): TokenSet {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AppError({
      code: 'OAUTH_BAD_TOKEN_RESPONSE',
      message: `The token endpoint replied HTTP ${status} with something that is not JSON.`,
      detail: redactor.text(text.slice(0, 500)),
      hint: `Check the token URL (${redactor.url(url)}).`
    })
  }
  const rec = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {}
  if (status >= 400 || typeof rec.error === 'string') {
    if (typeof rec.error === 'string') throw oauthErrorFromBody(rec, status)
    throw new AppError({
      code: 'OAUTH_HTTP_ERROR',
      message: `The token endpoint replied HTTP ${status}.`,
      detail: redactor.text(text.slice(0, 500))
    })
  }
  return parseTokenResponse(json)
}
