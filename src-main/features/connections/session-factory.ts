// Builds the live connection for a profile id: reads the profile, hands it to the adapter of its kind, and checks
// the connection offers exactly the capabilities the kinds table (contract/kinds.ts) gives that kind.
import type { WireLog } from '../../platform/http/wire-log'
import type { MetadataSnapshots } from '../metadata/metadata-cache'
import type { SecretStore } from '../../platform/secrets/secret-store'
import type { ProfileStore } from './profiles'
import type { SessionFactory } from './session-manager'
import type { Connection } from './connection'
import { checkCapabilities } from './capabilities'
import { createRetsConnection } from './adapters/rets-connection'
import { createResoConnection } from './adapters/reso-connection'
import { createSparkConnection } from './adapters/spark-connection'
import { createIdxConnection } from './adapters/idx-connection'
import { createActivityConnection } from './adapters/activity-connection'

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
  async function create(profileId: string): Promise<Connection> {
    const profile = await deps.profiles.get(profileId)
    switch (profile.kind) {
      case 'rets':
        return createRetsConnection(profile, deps.secrets, deps.wireLog, deps.metadataCache)
      case 'reso':
        return createResoConnection(profile, deps.secrets, deps.wireLog, deps.openExternal)
      case 'spark':
        return createSparkConnection(profile, deps.secrets, deps.wireLog, deps.openExternal)
      case 'idx':
        return createIdxConnection(profile, deps.secrets, deps.wireLog, deps.metadataCache)
      case 'activity':
        return createActivityConnection(profile, deps)
    }
  }
  return async (profileId) => checkCapabilities(await create(profileId))
}
