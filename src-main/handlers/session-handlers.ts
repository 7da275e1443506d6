// session:* — the live connection of a profile: opened by the kind's adapter, closed on request.
import type { SessionManager } from '../features/connections/session-manager'
import type { PartialHandlerTable } from './handler-registry'

export function sessionHandlers(sessions: SessionManager): PartialHandlerTable {
  return {
    'session:connect': ({ profileId }) => sessions.connect(profileId),
    'session:disconnect': async ({ profileId }) => ({ disconnected: await sessions.disconnect(profileId) })
  }
}
