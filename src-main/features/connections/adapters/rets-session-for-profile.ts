// The RetsSession behind every profile that logs in the RETS way: RETS itself, the IDX API (same Login/digest/cookie
// transport) and the RETS profile a Listing Activity profile borrows to reach its X-ApiAccessSettings page (Listing
// Activity API documentation). One place reads the secrets and maps the profile onto the client.
import { RetsSession } from '../../../protocols/rets/rets-session'
import type { HttpClient } from '../../../platform/http/http-client'
import type { WireLog } from '../../../platform/http/wire-log'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import type { IdxProfile, RetsProfile } from '../../../../contract/profile-schema'
import { httpClientFor, missingSecret } from './http-for-profile'

export interface OpenedRetsSession {
  rets: RetsSession
  http: HttpClient
}

export async function openRetsSession(
  profile: RetsProfile | IdxProfile,
  secrets: SecretStore,
  wireLog: WireLog
): Promise<OpenedRetsSession> {
  const password = await secrets.get(profile.id, 'password')
  if (!password) throw missingSecret(profile.name, 'password')
  // only RETS profiles have a UA password (contract/kinds.ts); the IDX API logs in with user name and password
  const uaPassword = profile.kind === 'rets' ? await secrets.get(profile.id, 'uaPassword') : undefined
  const http = await httpClientFor(profile, wireLog, secrets)
  const rets = new RetsSession(
    {
      loginUrl: profile.loginUrl,
      username: profile.userName,
      password,
      userAgent: profile.userAgent,
      retsVersion: profile.retsVersion,
      method: profile.httpMethod,
      auth: profile.authMethod,
      ...(profile.allowBasicOverHttp ? { allowBasicOverHttp: true } : {}),
      ...(profile.credentialOrigins?.length ? { credentialOrigins: profile.credentialOrigins } : {}),
      ...(uaPassword ? { uaPassword } : {}),
      ...(uaPassword ? { uaPassword } : {}),
      ...(profile.requestId ? { requestId: profile.requestId } : {}),
      ...(profile.extraHeaders ? { headers: profile.extraHeaders } : {}),
      ...(profile.kind === 'rets' && profile.uaProductName ? { uaProduct: profile.uaProductName } : {}),
      ...(profile.kind === 'rets' && profile.objectAccept ? { objectAccept: profile.objectAccept } : {})
    },
    http
  )
  return { rets, http }
}
