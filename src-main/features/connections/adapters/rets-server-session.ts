// The RETS client behind the workbench's session interface: login, lazy metadata, DMQL2 search into a result store.
import type { MetadataModel } from '../../../../domain/metadata/metadata-model'
import type { ConnectionInfo } from '../../../../contract/session-channels'
import type { QuerySpec } from '../../../../contract/query-channels'
import { AppError } from '../../../../contract/app-error'
import { RetsMetadataLoader } from '../../../protocols/rets/metadata/metadata-loader'
import { RetsObjectSource } from '../../export/photos/sources/rets-object-source'
import type { WireLog } from '../../../platform/http/wire-log'
import type { MetadataCache } from '../../metadata/metadata-cache'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import type { ResultWriter } from '../../../platform/results/result-types'
import type { JobControl } from '../../../platform/jobs/job-manager'
import type { RetsProfile } from '../../../../contract/profile-schema'
import type { ServerSession } from '../server-session'
import { openRetsSession } from './rets-session-for-profile'
import { connectionInfoFromLogin } from './rets-login-info'
import { runDmqlSearch } from './dmql-search'

export async function createRetsServerSession(
  profile: RetsProfile,
  secrets: SecretStore,
  wireLog: WireLog,
  cache: MetadataCache
): Promise<ServerSession> {
  const { rets, http } = await openRetsSession(profile, secrets, wireLog)
  const loader = new RetsMetadataLoader(rets, { cache, profileId: profile.id })

  return {
    async connect(signal): Promise<ConnectionInfo> {
      return connectionInfoFromLogin(profile, 'rets', await rets.login(signal))
    },
    loadMetadata: (signal) => loader.loadRoot(signal),
    loadFields: (_model: MetadataModel, resource, cls, signal) => loader.loadTable(resource, cls, signal),
    loadLookup: (_model: MetadataModel, resource, lookup, signal) => loader.loadLookup(resource, lookup, signal),
    async run(spec: QuerySpec, writer: ResultWriter, job: JobControl): Promise<void> {
      if (spec.kind !== 'dmql') {
        throw new AppError({ code: 'QUERY_KIND', message: 'A RETS server takes DMQL2 queries.' })
      }
      const request = { resource: spec.resource, class: spec.class, standardNames: spec.standardNames }
      await runDmqlSearch(rets, request, spec, profile.limits, writer, job)
    },
    photoSource: (options) => new RetsObjectSource(rets, options),
    async close() {
      await rets.logout().catch(() => undefined)
      http.close()
    }
  }
}
