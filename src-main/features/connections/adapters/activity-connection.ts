// The Listing Activity API as a workbench connection. Its one capability is `activity` (no search, no metadata):
// "connect" finds the API key — the profile's own apiKey secret, else the X-ApiAccessSettings page of the RETS
// profile it points at (generating the key there when none exists yet, as the page prompts) — and the activity:*
// channels send events through it.
import type { ConnectionInfo } from '../../../../contract/session-channels'
import { AppError } from '../../../../contract/app-error'
import type { WireLog } from '../../../platform/http/wire-log'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import { apiKeyFromRets, API_ACCESS_CAPABILITY } from '../../activity/api-key-page'
import { ListingActivityClient } from '../../activity/activity-client'
import { API_KEY_PLACEHOLDER, trackingBase, trackerPath, uploadPath } from '../../activity/tracking-urls'
import type { ActivityProfile } from '../../../../contract/profile-schema'
import type { ProfileStore } from '../profiles'
import type { ConnectionOf } from '../connection'
import { httpClientFor, missingSecret } from './http-for-profile'
import { openRetsSession } from './rets-session-for-profile'

interface ResolvedKey {
  apiKey: string
  source: string
  notes: string[]
}

export async function createActivityConnection(
  profile: ActivityProfile,
  deps: { secrets: SecretStore; wireLog: WireLog; profiles: ProfileStore }
): Promise<ConnectionOf<'activity'>> {
  const http = await httpClientFor(profile, deps.wireLog, deps.secrets)
  let client: ListingActivityClient | undefined

  async function resolveKey(signal?: AbortSignal): Promise<ResolvedKey> {
    const own = await deps.secrets.get(profile.id, 'apiKey')
    if (own) return { apiKey: own, source: 'the profile (keychain)', notes: [] }
    if (!profile.retsProfileId) throw missingSecret(profile.name, 'apiKey')
    const retsProfile = await deps.profiles.get(profile.retsProfileId)
    if (retsProfile.kind !== 'rets') {
      throw new AppError({
        code: 'ACTIVITY_BAD_RETS_PROFILE',
        message: `“${profile.name}” points at “${retsProfile.name}”, which is a ${retsProfile.kind.toUpperCase()} profile, not RETS.`,
        hint: `Choose the RETS profile whose login advertises ${API_ACCESS_CAPABILITY}, or enter the API key.`
      })
    }
    const { rets, http: retsHttp } = await openRetsSession(retsProfile, deps.secrets, deps.wireLog)
    try {
      const found = await apiKeyFromRets(rets, { generate: true, ...(signal ? { signal } : {}) })
      return {
        apiKey: found.apiKey,
        source: `${API_ACCESS_CAPABILITY} of “${retsProfile.name}”`,
        notes: found.generated ? [`No API key existed yet: one was generated on ${found.pageUrl}.`] : []
      }
    } finally {
      await rets.logout().catch(() => undefined)
      retsHttp.close()
    }
  }

  async function connected(signal?: AbortSignal): Promise<ListingActivityClient> {
    if (!client)
      client = new ListingActivityClient(
        http,
        profile.trackingUrl,
        (await resolveKey(signal)).apiKey,
        profile.extraHeaders
      )
    return client
  }

  return {
    kind: 'activity',
    activity: {
      send: async (event, signal) => (await connected(signal)).send(event, signal)
    },
    async connect(signal): Promise<ConnectionInfo> {
      const key = await resolveKey(signal)
      client = new ListingActivityClient(http, profile.trackingUrl, key.apiKey, profile.extraHeaders)
      return {
        profileId: profile.id,
        kind: 'activity',
        server: new URL(profile.trackingUrl).host,
        capabilities: {
          // string joins, not URL resolution: a URL would percent-encode the {placeholders}
          'Tracker image (GET)': trackingBase(profile.trackingUrl) + trackerPath('{listingId}', API_KEY_PLACEHOLDER),
          'View upload (POST)': trackingBase(profile.trackingUrl) + uploadPath(API_KEY_PLACEHOLDER),
          'API key from': key.source
        },
        connectedAt: new Date().toISOString(),
        notes: key.notes
      }
    },
    async close() {
      http.close()
    }
  }
}
