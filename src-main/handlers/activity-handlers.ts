// activity:* — the Listing Activity composer: validate shows issues and the request without sending; send checks the
// event first (nothing invalid reaches the server), then sends it on the profile's live activity session.
import type { SessionManager } from '../features/connections/session-manager'
import type { ProfileStore } from '../features/connections/profiles'
import { invalidEventError, previewActivity } from '../features/activity/activity-client'
import type { PartialHandlerTable } from './handler-registry'
import { liveCapability } from './live-capability'

export function activityHandlers(sessions: SessionManager, profiles: ProfileStore): PartialHandlerTable {
  return {
    'activity:validate': ({ event }) => previewActivity(event),
    'activity:send': async ({ profileId, event }) => {
      const preview = previewActivity(event)
      if (!preview.valid) throw invalidEventError(preview.issues)
      const activity = await liveCapability(sessions, profiles, profileId, 'activity')
      return activity.send(event)
    }
  }
}
