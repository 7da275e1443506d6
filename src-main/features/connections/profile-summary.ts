// The sidebar's view of a profile (ProfileSummary in contract/profile-channels.ts): which URL identifies it and which
// secrets are stored for it — names only, from the SecretStore, so the UI can say "password saved" without ever
// receiving the value.
import type { ProfileSummary } from '../../../contract/profile-channels'
import type { SecretStore } from '../../platform/secrets/secret-store'
import type { ConnectionProfile } from '../../../contract/profile-schema'
import type { ListedProfile } from './profiles'

/** The URL a user recognises a profile by: the RETS login URL, the OData service root, the Spark API root… */
export function primaryUrl(profile: ConnectionProfile): string {
  switch (profile.kind) {
    case 'rets':
    case 'idx':
      return profile.loginUrl
    case 'reso':
      return profile.serviceUrl
    case 'spark':
      return profile.apiUrl
    case 'activity':
      return profile.trackingUrl
  }
}

export async function summarizeProfiles(
  listed: readonly ListedProfile[],
  secrets: SecretStore
): Promise<ProfileSummary[]> {
  return Promise.all(
    listed.map(async ({ profile, builtIn }) => ({
      id: profile.id,
      name: profile.name,
      kind: profile.kind,
      builtin: builtIn,
      url: primaryUrl(profile),
      storedSecrets: await secrets.list(profile.id)
    }))
  )
}
