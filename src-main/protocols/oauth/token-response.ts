// RFC 6749 §5.1 token responses (also Spark's /v1/oauth2/grant reply: access_token, refresh_token, expires_in) and
// §5.2 error bodies. Every token read here is registered with the redactor before anything can log it.
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import { asRecord } from '../json-api/json-shapes'

export interface TokenSet {
  accessToken: string
  refreshToken?: string
  /** epoch ms; undefined = the server did not say (treated as not expiring) */
  expiresAt?: number
  /** expires_in as sent (seconds), so a holder with its own clock can re-base expiresAt */
  expiresIn?: number
  tokenType?: string
  scope?: string
}

export function parseTokenResponse(body: unknown, now: number = Date.now()): TokenSet {
  const rec = asRecord(body) ?? {}
  if (typeof rec.error === 'string') throw oauthErrorFromBody(rec)
  if (typeof rec.access_token !== 'string' || rec.access_token === '') {
    throw new AppError({
      code: 'OAUTH_BAD_TOKEN_RESPONSE',
      message: 'The token endpoint replied without an access_token.',
      hint: 'Check the token URL in the profile.'
    })
  }
  const token: TokenSet = { accessToken: rec.access_token }
  redactor.addSecret(token.accessToken)
  if (typeof rec.refresh_token === 'string' && rec.refresh_token !== '') {
    token.refreshToken = rec.refresh_token
    redactor.addSecret(token.refreshToken)
  }
  // expires_in is a number per the RFC, a string on some servers
  const expiresIn = typeof rec.expires_in === 'string' ? Number(rec.expires_in) : rec.expires_in
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn)) {
    token.expiresIn = expiresIn
    token.expiresAt = now + expiresIn * 1000
  }
  if (typeof rec.token_type === 'string') token.tokenType = rec.token_type
  if (typeof rec.scope === 'string') token.scope = rec.scope
  return token
}

const OAUTH_ERROR_HINTS: Record<string, string> = {
  invalid_client: 'Check the client id and client secret.',
  invalid_grant: 'The code, refresh token or password is wrong or expired: sign in again.',
  unauthorized_client: 'This client is not allowed to use this grant type.',
  unsupported_grant_type: 'The server does not support this grant type: pick another auth flow in the profile.',
  invalid_scope: 'Check the scope in the profile.',
  access_denied: 'The sign-in was refused.'
}

export function oauthErrorFromBody(rec: Record<string, unknown>, httpStatus?: number): AppError {
  const error = String(rec.error)
  const description = typeof rec.error_description === 'string' ? rec.error_description : undefined
  const shape = {
    code: `OAUTH_${error.toUpperCase()}`,
    message: description ? `${error}: ${description}` : error,
    ...(httpStatus !== undefined ? { detail: `HTTP ${httpStatus}` } : {})
  }
  const hint = OAUTH_ERROR_HINTS[error]
  return new AppError(hint ? { ...shape, hint } : shape)
}
