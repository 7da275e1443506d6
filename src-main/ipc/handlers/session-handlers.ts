import type { SessionManager } from '../../services/connections/session-manager'
import type { PartialHandlerTable } from '../register'

export function sessionHandlers(sessions: SessionManager): PartialHandlerTable {
  return {
    'session:connect': ({ profileId }) => sessions.connect(profileId),
    'session:disconnect': async ({ profileId }) => ({ disconnected: await sessions.disconnect(profileId) }),
    'metadata:summary': ({ profileId, refresh }) => sessions.summary(profileId, refresh ?? false),
    'metadata:fields': ({ profileId, resource, class: cls }) => sessions.fields(profileId, resource, cls),
    'metadata:lookup': ({ profileId, resource, lookup }) => sessions.lookup(profileId, resource, lookup)
  }
}
