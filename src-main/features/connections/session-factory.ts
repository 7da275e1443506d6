// Builds the live session for a profile id: reads the profile, then hands it to the adapter of its kind.
import type { WireLog } from '../../platform/http/wire-log'
import type { MetadataSnapshots } from '../metadata/metadata-cache'
import type { SecretStore } from '../../platform/secrets/secret-store'
import type { ProfileStore } from './profiles'
import type { SessionFactory } from './session-manager'
import { createRetsServerSession } from './adapters/rets-server-session'
import { createResoServerSession } from './adapters/reso-server-session'
import { createSparkServerSession } from './adapters/spark-server-session'
import { createIdxServerSession } from './adapters/idx-server-session'
import { createActivityServerSession } from './adapters/activity-server-session'

export interface SessionFactoryDeps {
  profiles: ProfileStore
  secrets: SecretStore
  wireLog: WireLog
  /** lets a RETS reconnect to an unchanged server (same MetadataVersion) skip the metadata download; read-only */
  metadataCache: MetadataSnapshots
  /** opens the system browser for the OAuth authorization-code flow */
  openExternal(url: string): Promise<boolean>
}

export function createSessionFactory(deps: SessionFactoryDeps): SessionFactory {
  return async (profileId) => {
    const profile = await deps.profiles.get(profileId)
    switch (profile.kind) {
      case 'rets':
        return createRetsServerSession(profile, deps.secrets, deps.wireLog, deps.metadataCache)
      case 'reso':
        return createResoServerSession(profile, deps.secrets, deps.wireLog, deps.openExternal)
      case 'spark':
        return createSparkServerSession(profile, deps.secrets, deps.wireLog, deps.openExternal)
      case 'idx':
        return createIdxServerSession(profile, deps.secrets, deps.wireLog, deps.metadataCache)
      case 'activity':
        return createActivityServerSession(profile, deps)
    }
  }
}
