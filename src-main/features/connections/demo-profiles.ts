// The built-in, read-only "Demo MLS" profiles. The Demo MLS runs in-process on a random port, so the URLs are made
// from its base URL at start-up; its credentials come from the caller (the Demo MLS users table) rather than an
// import of the server, keeping profiles free of the demo code. The secrets are returned separately — a profile
// never holds secret values — for the caller to serve through BuiltInSecretsOverlay.
import type { FixedSecrets } from '../../platform/secrets/built-in-secrets'
import { parseProfile } from './profile-validation'
import type { ConnectionProfile, ConnectionProfileInput } from '../../../contract/profile-schema'

export const DEMO_PROFILE_IDS = {
  rets: 'demo-rets',
  reso: 'demo-reso',
  spark: 'demo-spark',
  idx: 'demo-idx',
  activity: 'demo-activity'
} as const

/** OAuth client of the demo server, or a fixed token when the demo only checks bearer tokens. */
export type DemoOAuthCredentials = { clientId: string; clientSecret: string } | { accessToken: string }

export interface DemoCredentials {
  /** a Demo MLS RETS user (username, password, uaPassword, userAgent) */
  rets: { userName: string; password: string; uaPassword?: string; userAgent?: string }
  /** IDX API user; default: the RETS user */
  idx?: { userName: string; password: string }
  reso?: DemoOAuthCredentials
  spark?: DemoOAuthCredentials
  /** Listing Activity API key; without it the user fetches one through the RETS profile (X-ApiAccessSettings) */
  activityApiKey?: string
}

/** Where each system is mounted on the Demo MLS (override when the server's routes differ). */
export interface DemoPaths {
  retsLogin: string
  idxLogin: string
  resoService: string
  oauthToken: string
  oauthAuthorize: string
  sparkApi: string
  sparkGrant: string
  tracking: string
}

export const DEFAULT_DEMO_PATHS: DemoPaths = {
  retsLogin: '/rets/Login',
  idxLogin: '/idx/Login',
  resoService: '/reso/odata',
  oauthToken: '/oauth/token',
  oauthAuthorize: '/oauth/authorize',
  sparkApi: '/spark/v1',
  sparkGrant: '/spark/v1/oauth2/grant',
  tracking: '/tracking/v1/'
}

export interface DemoProfileSet {
  profiles: ConnectionProfile[]
  /** profile id → secret name → value */
  secrets: FixedSecrets
}

export function demoProfiles(
  baseUrl: string,
  credentials: DemoCredentials,
  paths: Partial<DemoPaths> = {}
): DemoProfileSet {
  const p = { ...DEFAULT_DEMO_PATHS, ...paths }
  const at = (suffix: string): string => new URL(suffix, baseUrl).toString()
  const secrets: FixedSecrets = {}
  const inputs: ConnectionProfileInput[] = []
  const rets = credentials.rets
  const userAgent = rets.userAgent

  inputs.push({
    id: DEMO_PROFILE_IDS.rets,
    name: 'Demo MLS (RETS)',
    kind: 'rets',
    notes: 'The built-in Demo MLS, running inside the app. Duplicate this profile to change it.',
    loginUrl: at(p.retsLogin),
    userName: rets.userName,
    retsVersion: '1.7.2',
    authMethod: 'digest',
    ...(userAgent ? { userAgent } : {})
  })
  secrets[DEMO_PROFILE_IDS.rets] = {
    password: rets.password,
    ...(rets.uaPassword ? { uaPassword: rets.uaPassword } : {})
  }

  const idx = credentials.idx ?? rets
  inputs.push({
    id: DEMO_PROFILE_IDS.idx,
    name: 'Demo MLS (IDX API)',
    kind: 'idx',
    loginUrl: at(p.idxLogin),
    userName: idx.userName,
    authMethod: 'digest',
    ...(userAgent ? { userAgent } : {})
  })
  secrets[DEMO_PROFILE_IDS.idx] = { password: idx.password }

  inputs.push({
    id: DEMO_PROFILE_IDS.reso,
    name: 'Demo MLS (RESO Web API)',
    kind: 'reso',
    serviceUrl: at(p.resoService),
    oauth: oauthSettings(credentials.reso, at(p.oauthToken), at(p.oauthAuthorize), 'rfc6749', 'Bearer')
  })
  secrets[DEMO_PROFILE_IDS.reso] = oauthSecrets(credentials.reso)

  inputs.push({
    id: DEMO_PROFILE_IDS.spark,
    name: 'Demo MLS (Spark)',
    kind: 'spark',
    apiUrl: at(p.sparkApi),
    // Spark takes `Authorization: OAuth <token>` and token requests as JSON to /v1/oauth2/grant (Spark's OAuth, unlike RFC 6749 token endpoints)
    oauth: oauthSettings(credentials.spark, at(p.sparkGrant), at(p.oauthAuthorize), 'spark', 'OAuth'),
    ...(userAgent ? { userAgent } : {})
  })
  secrets[DEMO_PROFILE_IDS.spark] = oauthSecrets(credentials.spark)

  inputs.push({
    id: DEMO_PROFILE_IDS.activity,
    name: 'Demo MLS (Listing Activity)',
    kind: 'activity',
    trackingUrl: at(p.tracking),
    retsProfileId: DEMO_PROFILE_IDS.rets
  })
  secrets[DEMO_PROFILE_IDS.activity] = credentials.activityApiKey ? { apiKey: credentials.activityApiKey } : {}

  return {
    profiles: inputs.map((input) => parseProfile(input, `Built-in profile ${input.id}`)),
    secrets
  }
}

function oauthSettings(
  creds: DemoOAuthCredentials | undefined,
  tokenUrl: string,
  authorizeUrl: string,
  tokenStyle: 'rfc6749' | 'spark',
  headerScheme: 'Bearer' | 'OAuth'
): Extract<ConnectionProfileInput, { kind: 'reso' }>['oauth'] {
  if (creds && 'accessToken' in creds) return { grant: 'static', tokenStyle, headerScheme }
  return {
    grant: 'client_credentials',
    tokenUrl,
    authorizeUrl,
    clientId: creds?.clientId ?? 'demo-client',
    tokenStyle,
    headerScheme
  }
}

function oauthSecrets(creds: DemoOAuthCredentials | undefined): Record<string, string> {
  if (!creds) return {}
  return 'accessToken' in creds ? { accessToken: creds.accessToken } : { clientSecret: creds.clientSecret }
}
