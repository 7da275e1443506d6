// The Spark API client as a workbench connection: standard fields as the metadata, listings as rows.
import { AppError } from '../../../../contract/app-error'
import { findResource, type MetadataModel } from '../../../../domain/metadata/metadata-model'
import type { ConnectionInfo } from '../../../../contract/session-channels'
import { SparkClient, SPARK_MAX_LIMIT, SPARK_REPLICATION_LIMIT } from '../../../protocols/spark/spark-client'
import { SparkPhotoSource, sparkListingsFromClient } from '../../export/photos/sources/spark-photo-source'
import { downloadFetcher } from '../../export/photos/url-fetchers'
import { httpClientTransport } from '../../../protocols/json-api/http-client-transport'
import type { WireLog } from '../../../platform/http/wire-log'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import type { SparkProfile } from '../../../../contract/profile-schema'
import type { ConnectionOf } from '../connection'
import { SparkSource } from '../../sync/spark-source'
import { httpClientFor } from './http-for-profile'
import { tokenHolderFor } from './web-api-auth'
import { withProgress } from './progress-writer'
import { splitList } from './reso-connection'

export async function createSparkConnection(
  profile: SparkProfile,
  secrets: SecretStore,
  wireLog: WireLog,
  openBrowser: (url: string) => Promise<unknown>
): Promise<ConnectionOf<'spark'>> {
  const http = await httpClientFor(profile, wireLog, secrets)
  const transport = httpClientTransport(http)
  // profiles hold the API root as users see it in Spark's docs (…/v1); the client adds /v1 itself
  const baseUrl = profile.apiUrl.replace(/\/v1\/?$/, '')
  const client = new SparkClient({
    baseUrl,
    transport,
    auth: tokenHolderFor(profile, secrets, transport, openBrowser),
    userAgent: profile.userAgent,
    ...(profile.limits.maxRecordMb !== undefined ? { maxReplyBytes: profile.limits.maxRecordMb * 1048576 } : {})
  })
  let model: MetadataModel | undefined
  // every sync run of this connection pages with what the first learned of the key (see SparkSource)
  const syncLimits = { perRequest: SPARK_REPLICATION_LIMIT }

  return {
    kind: 'spark',
    async connect(signal): Promise<ConnectionInfo> {
      model = await client.metadata(signal ? { signal } : {})
      return {
        profileId: profile.id,
        kind: 'spark',
        server: new URL(profile.apiUrl).host,
        protocolVersion: 'Spark API v1',
        capabilities: {
          'API root': profile.apiUrl,
          'Standard fields': String(model.resources[0]?.classes[0]?.fields?.length ?? 0)
        },
        connectedAt: new Date().toISOString(),
        notes: model.warnings
      }
    },
    metadata: {
      load: async (signal) => model ?? (model = await client.metadata(signal ? { signal } : {})),
      async loadFields(m, resource, cls) {
        return findResource(m, resource)?.classes.find((c) => c.name === cls)?.fields ?? []
      },
      async loadLookup(m, resource, lookup, signal) {
        const meta = findResource(m, resource)?.lookups.find((l) => l.name === lookup)
        if (meta?.values) return meta.values
        // Spark field lists come one request per field (/v1/standardfields/<Field>)
        const loaded = await client.fieldList(lookup, signal)
        if (meta) meta.values = loaded.values ?? []
        return loaded.values ?? []
      },
      // a refused /standardfields, /propertytypes or /customfields: load the metadata again
      retry: async (_m, _key, signal) => (model = await client.metadata(signal ? { signal } : {}))
    },
    search: {
      run: async (spec, writer, job) => {
        if (spec.kind !== 'spark')
          throw new AppError({ code: 'QUERY_KIND', message: 'The Spark API takes SparkQL queries.' })
        const pageSize = Math.min(spec.limit ?? profile.limits.pageSize, SPARK_MAX_LIMIT)
        const maxRows = spec.fetchAll ? (spec.maxRows ?? profile.limits.maxRecords) : pageSize
        await client.runListings(
          {
            limit: pageSize,
            pagination: '1',
            ...(spec.filter ? { filter: spec.filter } : {}),
            ...(spec.select?.length ? { select: spec.select } : {}),
            ...(spec.expand ? { expand: splitList(spec.expand) } : {}),
            ...(spec.orderby ? { orderby: spec.orderby } : {}),
            ...(spec.page ? { page: spec.page } : {})
          },
          withProgress(writer, job),
          { signal: job.signal, ...(maxRows ? { maxRows } : {}) }
        )
      }
    },
    photos: {
      source: 'spark',
      open: () => new SparkPhotoSource(sparkListingsFromClient(client), downloadFetcher(http, 'omit'))
    },
    sync: { source: () => new SparkSource(client, syncLimits) },
    async close() {
      http.close()
    }
  }
}
