// The grant types the workbench speaks (RFC 6749 §4.1, §4.3, §4.4, §6) as one union, shared by the standard
// form-encoded token endpoint and Spark's JSON /v1/oauth2/grant.
export type OAuthGrant =
  | { type: 'client_credentials'; scope?: string }
  | { type: 'authorization_code'; code: string; redirectUri: string; codeVerifier?: string }
  | { type: 'refresh_token'; refreshToken: string; scope?: string; redirectUri?: string }
  | { type: 'password'; username: string; password: string; scope?: string }

/** Grant → RFC 6749 parameter names, without client credentials. */
export function grantParams(grant: OAuthGrant): Record<string, string> {
  const p: Record<string, string> = { grant_type: grant.type }
  switch (grant.type) {
    case 'client_credentials':
      if (grant.scope) p.scope = grant.scope
      break
    case 'authorization_code':
      p.code = grant.code
      p.redirect_uri = grant.redirectUri
      if (grant.codeVerifier) p.code_verifier = grant.codeVerifier
      break
    case 'refresh_token':
      p.refresh_token = grant.refreshToken
      if (grant.scope) p.scope = grant.scope
      if (grant.redirectUri) p.redirect_uri = grant.redirectUri
      break
    case 'password':
      p.username = grant.username
      p.password = grant.password
      if (grant.scope) p.scope = grant.scope
      break
  }
  return p
}

/** The secret values inside a grant, for the redactor. */
export function grantSecrets(grant: OAuthGrant): string[] {
  switch (grant.type) {
    case 'authorization_code':
      return [grant.code, ...(grant.codeVerifier ? [grant.codeVerifier] : [])]
    case 'refresh_token':
      return [grant.refreshToken]
    case 'password':
      return [grant.password]
    default:
      return []
  }
}
