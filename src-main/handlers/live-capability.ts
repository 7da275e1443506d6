// Channels that act on a connection (sync:plan, sync:run, activity:send) open it on first use instead of failing with
// NOT_CONNECTED: the user picked the profile, and connecting is what they would do next anyway. A profile whose kind
// lacks the capability (contract/kinds.ts) is refused before anything is opened.
import { kindHas, type Capability } from '../../contract/kinds'
import type { SessionManager } from '../features/connections/session-manager'
import type { ProfileStore } from '../features/connections/profiles'
import type { CapabilityImpls } from '../features/connections/connection'
import { missingCapability } from '../features/connections/capabilities'

export async function liveCapability<C extends Capability>(
  sessions: SessionManager,
  profiles: ProfileStore,
  profileId: string,
  capability: C
): Promise<CapabilityImpls[C]> {
  const { kind } = await profiles.get(profileId)
  if (!kindHas(kind, capability)) throw missingCapability(kind, capability)
  if (!sessions.isConnected(profileId)) await sessions.connect(profileId)
  return sessions.capability(profileId, capability)
}
