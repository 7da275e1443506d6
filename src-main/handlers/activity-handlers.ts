// The Listing Activity composer (seed 001): validate shows issues and the request without sending; send checks the
// event first (nothing invalid reaches the server), then sends it on the profile's live activity session.
import { AppError } from '../../contract/app-error'
import { isActivitySession } from '../features/connections/adapters/activity-server-session'
import type { SessionManager } from '../features/connections/session-manager'
import { invalidEventError, previewActivity } from '../features/activity/activity-client'
import type { PartialHandlerTable } from './handler-registry'
import { liveSession } from './live-session'

export function activityHandlers(sessions: SessionManager): PartialHandlerTable {
  return {
    'activity:validate': ({ event }) => previewActivity(event),
    'activity:send': async ({ profileId, event }) => {
      const preview = previewActivity(event)
      if (!preview.valid) throw invalidEventError(preview.issues)
      const session = await liveSession(sessions, profileId)
      if (!isActivitySession(session)) {
        throw new AppError({
          code: 'ACTIVITY_WRONG_KIND',
          message: 'Listing views are sent through Listing Activity profiles only.',
          hint: 'Pick a profile of kind Listing Activity.'
        })
      }
      return session.activity.send(event)
    }
  }
}
