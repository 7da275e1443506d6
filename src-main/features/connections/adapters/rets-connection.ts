// The RETS client as a workbench connection: login, lazy metadata, DMQL2 search into a result store, GetObject photos.
import type { ConnectionInfo } from '../../../../contract/session-channels'
import { AppError } from '../../../../contract/app-error'
import { RetsMetadataLoader } from '../../../protocols/rets/metadata/metadata-loader'
import { RetsObjectSource } from '../../export/photos/sources/rets-object-source'
import type { WireLog } from '../../../platform/http/wire-log'
import type { MetadataSnapshots } from '../../metadata/metadata-cache'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import type { RetsProfile } from '../../../../contract/profile-schema'
import type { ConnectionOf } from '../connection'
import { openRetsSession } from './rets-session-for-profile'
import { connectionInfoFromLogin } from './rets-login-info'
import { retsMetadata } from './rets-metadata-capability'
import { runDmqlSearch } from './dmql-search'
import { decodingWriter, loadDecodeTables, refusedDecodedFormat } from './local-decoding'
import { isAbort, requestFailure, serverSaid } from '../../../protocols/rets/request-failure'
import { redactor } from '../../../platform/redaction/redactor'
import { RetsSource } from '../../sync/rets-source'

export async function createRetsConnection(
  profile: RetsProfile,
  secrets: SecretStore,
  wireLog: WireLog,
  snapshots: MetadataSnapshots
): Promise<ConnectionOf<'rets'>> {
  const { rets, http } = await openRetsSession(profile, secrets, wireLog)
  const loader = new RetsMetadataLoader(rets, {
    snapshot: (version) => snapshots.model(profile.id, version),
    ...(profile.metadataFormat ? { format: profile.metadataFormat } : {})
  })
  /** the server's refusal of COMPACT-DECODED, once seen: later searches go straight to COMPACT + local decoding */
  let decodedRefusal: string | undefined

  return {
    kind: 'rets',
    async connect(signal): Promise<ConnectionInfo> {
      try {
        return connectionInfoFromLogin(profile, 'rets', await rets.login(signal))
      } catch (err) {
        const url = redactor.url(rets.profile.loginUrl)
        throw isAbort(err, signal)
          ? err
          : requestFailure(err, { part: 'logging in', method: rets.profile.method ?? 'GET', url })
      }
    },
    metadata: retsMetadata(loader),
    search: {
      async run(spec, writer, job) {
        if (spec.kind !== 'dmql') {
          throw new AppError({ code: 'QUERY_KIND', message: 'A RETS server takes DMQL2 queries.' })
        }
        const request = {
          resource: spec.resource,
          class: spec.class,
          standardNames: spec.standardNames,
          ...(profile.queryType ? { queryType: profile.queryType } : {}),
          ...(profile.restrictedIndicator ? { restrictedIndicator: profile.restrictedIndicator } : {})
        }
        const decodeLocally = async (): Promise<void> => {
          const tables = await loadDecodeTables(loader, { ...request, select: spec.select }, job.signal)
          const note = `The server refused COMPACT-DECODED (${decodedRefusal}): searched in COMPACT, lookup values decoded here from the metadata.`
          const compact = { ...spec, format: 'COMPACT' as const }
          await runDmqlSearch(rets, request, compact, profile.limits, decodingWriter(writer, tables, note), job)
        }
        if (spec.format === 'COMPACT-DECODED' && decodedRefusal) return decodeLocally()
        try {
          await runDmqlSearch(rets, request, spec, profile.limits, writer, job)
        } catch (err) {
          if (spec.format !== 'COMPACT-DECODED' || !refusedDecodedFormat(err)) throw err
          decodedRefusal = serverSaid(err)
          await decodeLocally()
        }
      }
    },
    photos: { source: 'rets', open: (options) => new RetsObjectSource(rets, options) },
    sync: {
      source: (target) =>
        new RetsSource(rets, loader, {
          resource: target.resource ?? 'Property',
          class: target.class ?? '',
          pageSize: profile.limits.pageSize
        })
    },
    async close() {
      await rets.logout().catch(() => undefined)
      http.close()
    }
  }
}
