// Channels that act on a connection (idx:sync, activity:send) open it on first use instead of failing with
// NOT_CONNECTED: the user picked the profile, and connecting is what they would do next anyway.
import type { SessionManager } from '../features/connections/session-manager'
import type { ServerSession } from '../features/connections/server-session'

export async function liveSession(sessions: SessionManager, profileId: string): Promise<ServerSession> {
  if (!sessions.isConnected(profileId)) await sessions.connect(profileId)
  return sessions.session(profileId)
}
