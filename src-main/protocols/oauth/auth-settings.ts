// How a RESO / Spark profile authenticates. No secret values live here (profiles are plain JSON files): they are
// in the profile's SecretStore slice under the names in SECRET_NAMES.
export type AuthFlow = 'static' | 'client_credentials' | 'password' | 'authorization_code'

export interface AuthSettings {
  flow: AuthFlow
  /** 'spark': token requests go as JSON to /v1/oauth2/grant (RESO Web API documentation) */
  tokenStyle?: 'rfc6749' | 'spark'
  tokenUrl?: string
  authorizeUrl?: string
  clientId?: string
  clientAuth?: 'basic' | 'body'
  username?: string
  scope?: string
  /** Authorization scheme: Spark accepts `OAuth <token>` as well as `Bearer <token>` */
  scheme?: 'Bearer' | 'OAuth'
  /** sent with every request, e.g. X-SparkApi-User-Agent */
  extraHeaders?: Record<string, string>
  /** fixed 127.0.0.1 port of the authorization-code redirect (registered redirect URI); default any free port */
  redirectPort?: number
  /** refresh this long before expiry (default 60 s) */
  refreshSkewMs?: number
}

export const SECRET_NAMES = {
  clientSecret: 'clientSecret',
  password: 'password',
  accessToken: 'accessToken',
  refreshToken: 'refreshToken',
  /** not a secret: kept beside the token so a restart knows when it expires */
  accessTokenExpiresAt: 'accessTokenExpiresAt'
} as const

export type SecretName = (typeof SECRET_NAMES)[keyof typeof SECRET_NAMES]
