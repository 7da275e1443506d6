// RESO Web API and Spark profiles authenticate the same way: a TokenHolder built from the profile's OAuth settings,
// reading and writing its secrets through the keychain-backed store, requests recorded in the wire log.
import type { AuthFlow, AuthSettings } from '../../../protocols/oauth/auth-settings'
import { TokenHolder } from '../../../protocols/oauth/token-holder'
import { profileSecrets } from '../../../protocols/oauth/secret-store-like'
import type { ApiTransport } from '../../../protocols/json-api/api-transport'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import type { ResoProfile, SparkProfile } from '../../../../contract/profile-schema'

// 'refresh' profiles start from a stored refresh token; when it is refused the user signs in in the browser again.
const FLOWS: Record<ResoProfile['oauth']['grant'], AuthFlow> = {
  static: 'static',
  client_credentials: 'client_credentials',
  password: 'password',
  authorization_code: 'authorization_code',
  refresh: 'authorization_code'
}

export function tokenHolderFor(
  profile: ResoProfile | SparkProfile,
  secrets: SecretStore,
  transport: ApiTransport,
  openBrowser: (url: string) => Promise<unknown>
): TokenHolder {
  const o = profile.oauth
  const extraHeaders: Record<string, string> = { ...profile.extraHeaders }
  // Spark rejects requests without its own user-agent header (code 1016)
  if (profile.kind === 'spark') extraHeaders['X-SparkApi-User-Agent'] = profile.userAgent
  const settings: AuthSettings = {
    flow: FLOWS[o.grant],
    tokenStyle: o.tokenStyle,
    clientAuth: o.clientAuth,
    scheme: o.headerScheme,
    extraHeaders,
    ...(o.tokenUrl ? { tokenUrl: o.tokenUrl } : {}),
    ...(o.authorizeUrl ? { authorizeUrl: o.authorizeUrl } : {}),
    ...(o.clientId ? { clientId: o.clientId } : {}),
    ...(o.scopes.length ? { scope: o.scopes.join(' ') } : {}),
    ...(o.redirectPort ? { redirectPort: o.redirectPort } : {}),
    ...(profile.userName ? { username: profile.userName } : {})
  }
  return new TokenHolder(settings, {
    store: profileSecrets(secrets, profile.id),
    transport,
    openBrowser: async (url) => {
      await openBrowser(url)
    }
  })
}
