// The IDX API as a workbench connection. It is a RETS login with its own Search (SearchType only, no Class; queries
// are (LastUpdated=…), (ID=*) or (ID=a,b)) and the RETS GetMetadata and GetObject of the same session, so metadata
// and photos reuse the RETS code. Its sync is the sync engine's, with the IDX API as the source (sync/idx-source.ts)
// and the SearchType as the target's resource.
import type { ConnectionInfo } from '../../../../contract/session-channels'
import type { QuerySpec } from '../../../../contract/query-channels'
import { AppError } from '../../../../contract/app-error'
import { RetsMetadataLoader } from '../../../protocols/rets/metadata/metadata-loader'
import { RetsObjectSource } from '../../export/photos/sources/rets-object-source'
import { IdxSource } from '../../sync/idx-source'
import { IdxRecordCollector } from '../../idx/idx-record-rows'
import { fetchIdxDetails, writerSink } from '../../idx/idx-search'
import type { WireLog } from '../../../platform/http/wire-log'
import type { MetadataSnapshots } from '../../metadata/metadata-cache'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import type { ResultWriter } from '../../../platform/results/result-types'
import type { JobControl } from '../../../platform/jobs/job-manager'
import type { IdxProfile } from '../../../../contract/profile-schema'
import type { ConnectionOf } from '../connection'
import { openRetsSession } from './rets-session-for-profile'
import { connectionInfoFromLogin } from './rets-login-info'
import { retsMetadata } from './rets-metadata-capability'
import { dmqlLimit, runDmqlSearch } from './dmql-search'

export async function createIdxConnection(
  profile: IdxProfile,
  secrets: SecretStore,
  wireLog: WireLog,
  snapshots: MetadataSnapshots
): Promise<ConnectionOf<'idx'>> {
  const { rets, http } = await openRetsSession(profile, secrets, wireLog)
  // the profile's record limit bounds every reply: search, sync pages and the master list
  const recordBound =
    profile.limits.maxRecordMb !== undefined ? { maxRecordBytes: profile.limits.maxRecordMb * 1048576 } : {}
  const loader = new RetsMetadataLoader(rets, { snapshot: (version) => snapshots.model(profile.id, version) })

  async function run(spec: QuerySpec, writer: ResultWriter, job: JobControl): Promise<void> {
    if (spec.kind !== 'dmql') {
      throw new AppError({
        code: 'QUERY_KIND',
        message: 'The IDX API takes RETS-style queries: (LastUpdated=…), (ID=*) or (ID=a,b,c).'
      })
    }
    if (spec.format === 'STANDARD-XML') {
      const limit = dmqlLimit(spec, profile.limits)
      // IDX STANDARD-XML is not REData: records sit in RETS-RESPONSE (IDX API documentation), so it has its own reader
      const summary = await fetchIdxDetails(
        rets,
        { searchType: spec.resource, query: spec.query },
        new IdxRecordCollector(writerSink(writer)),
        {
          pageSize: Math.min(profile.limits.pageSize, limit ?? Infinity),
          signal: job.signal,
          ...(limit !== undefined ? { maxRows: limit } : {}),
          ...(spec.fetchAll ? {} : { maxPages: 1 }),
          ...recordBound,
          onProgress: (rows, total) => job.progress(rows, total !== undefined ? { total } : {})
        }
      )
      writer.setInfo({
        pages: summary.pages,
        warnings: summary.warnings,
        ...(summary.totalRecords !== undefined ? { serverCount: summary.totalRecords } : {})
      })
      return
    }
    // the IDX API has no classes; the class the editor asks for is not sent
    await runDmqlSearch(rets, { resource: spec.resource, class: '' }, spec, profile.limits, writer, job)
  }

  return {
    kind: 'idx',
    async connect(signal): Promise<ConnectionInfo> {
      return connectionInfoFromLogin(profile, 'idx', await rets.login(signal))
    },
    metadata: retsMetadata(loader),
    search: { run },
    // the IDX login hands out the RETS GetObject of the same session; a server whose login leaves it out says so
    photos: {
      source: 'rets',
      open: (options) => {
        if (!rets.capabilityUrl('GetObject') && rets.loggedIn) {
          throw new AppError({
            code: 'RETS_NO_CAPABILITY',
            message: 'This IDX API login did not offer GetObject, so photos cannot be exported from it.',
            hint: 'Use the MLS’s RETS profile for photo export.'
          })
        }
        return new RetsObjectSource(rets, options)
      }
    },
    sync: {
      source: (target) =>
        new IdxSource(rets, {
          searchType: target.resource ?? 'Property',
          pageSize: profile.limits.pageSize,
          ...recordBound
        })
    },
    async close() {
      await rets.logout().catch(() => undefined)
      http.close()
    }
  }
}
