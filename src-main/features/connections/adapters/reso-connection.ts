// The RESO Web API (OData) client as a workbench connection. $metadata is one document, so the
// whole model arrives at connect and fields/lookups are answered from it.
import { AppError, toErrorShape } from '../../../../contract/app-error'
import { isAbort, requestFailure } from '../../../protocols/rets/request-failure'
import { redactor } from '../../../platform/redaction/redactor'
import { clearDegraded, findClass, findResource, type MetadataModel } from '../../../../domain/metadata/metadata-model'
import type { ConnectionInfo } from '../../../../contract/session-channels'
import { ODataClient } from '../../../protocols/odata/odata-client'
import { ResoMediaSource, resoRecordsFromClient } from '../../export/photos/sources/reso-media-source'
import { downloadFetcher } from '../../export/photos/url-fetchers'
import { httpClientTransport } from '../../../protocols/json-api/http-client-transport'
import type { WireLog } from '../../../platform/http/wire-log'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import type { ResoProfile } from '../../../../contract/profile-schema'
import type { ConnectionOf } from '../connection'
import { ResoSource } from '../../sync/reso-source'
import { httpClientFor } from './http-for-profile'
import { tokenHolderFor } from './web-api-auth'
import { withProgress } from './progress-writer'
import { splitODataList } from '../../../../domain/query-languages/odata/odata-list-split'

export async function createResoConnection(
  profile: ResoProfile,
  secrets: SecretStore,
  wireLog: WireLog,
  openBrowser: (url: string) => Promise<unknown>
): Promise<ConnectionOf<'reso'>> {
  const http = await httpClientFor(profile, wireLog, secrets)
  const transport = httpClientTransport(http)
  const auth = tokenHolderFor(profile, secrets, transport, openBrowser)
  const client = new ODataClient({
    serviceRoot: profile.serviceUrl,
    transport,
    auth,
    maxPageSize: profile.limits.pageSize,
    ...(profile.extraHeaders ? { headers: profile.extraHeaders } : {})
  })
  let model: MetadataModel | undefined

  const loadMetadata = async (signal?: AbortSignal): Promise<MetadataModel> => {
    try {
      model = await client.metadata({ withLookups: true, ...(signal ? { signal } : {}) })
    } catch (err) {
      // the service's own refusals name the request; token errors already name the token endpoint
      if (isAbort(err, signal) || !/^ODATA_/.test(toErrorShape(err).code)) throw err
      const url = redactor.url(`${profile.serviceUrl.replace(/\/$/, '')}/$metadata`)
      throw requestFailure(err, { part: 'loading $metadata', method: 'GET', url })
    }
    return model
  }

  return {
    kind: 'reso',
    async connect(signal): Promise<ConnectionInfo> {
      // the token and $metadata together prove the service root, the credentials and the document are all good
      const m = await loadMetadata(signal)
      const info: ConnectionInfo = {
        profileId: profile.id,
        kind: 'reso',
        server: new URL(profile.serviceUrl).host,
        protocolVersion: 'OData 4.0',
        capabilities: {
          'Service root': profile.serviceUrl,
          'Entity sets': String(m.resources.length),
          ...(profile.oauth.tokenUrl ? { 'Token endpoint': profile.oauth.tokenUrl } : {})
        },
        connectedAt: new Date().toISOString(),
        notes: m.warnings
      }
      if (m.system.version) info.metadataVersion = m.system.version
      return info
    },
    metadata: {
      load: async (signal) => model ?? loadMetadata(signal),
      async loadFields(m, resource, cls) {
        return findClass(m, resource, cls)?.fields ?? []
      },
      async loadLookup(m, resource, lookup) {
        return findResource(m, resource)?.lookups.find((l) => l.name === lookup)?.values ?? []
      },
      // the only part that can degrade is the Lookup resource: ask for it again
      async retry(m, key, signal) {
        clearDegraded(m, key)
        await client.applyLookupResource(m, signal)
        return m
      }
    },
    search: {
      run: async (spec, writer, job) => {
        if (spec.kind !== 'odata')
          throw new AppError({ code: 'QUERY_KIND', message: 'A RESO Web API server takes OData queries.' })
        const cap = spec.maxRows ?? profile.limits.maxRecords
        const maxRows = spec.fetchAll ? (spec.top ?? cap) : (spec.top ?? profile.limits.pageSize)
        await client.run(
          {
            resource: spec.resource,
            count: spec.count,
            ...(spec.filter ? { filter: spec.filter } : {}),
            ...(spec.select?.length ? { select: spec.select } : {}),
            ...(spec.expand ? { expand: splitList(spec.expand) } : {}),
            ...(spec.orderby ? { orderby: splitList(spec.orderby) } : {}),
            ...(spec.top ? { top: spec.top } : {}),
            ...(spec.skip ? { skip: spec.skip } : {})
          },
          withProgress(writer, job),
          { signal: job.signal, ...(model ? { model } : {}), ...(maxRows ? { maxRows } : {}) }
        )
      }
    },
    sync: {
      source: (target) =>
        new ResoSource(client, { entity: target.resource ?? 'Property', pageSize: profile.limits.pageSize })
    },
    photos: {
      source: 'reso',
      open: ({ resource }) =>
        new ResoMediaSource(resoRecordsFromClient(client, resource ?? 'Property'), {
          fetcher: downloadFetcher(http, 'omit'),
          ...(resource ? { resource } : {})
        })
    },
    async close() {
      http.close()
    }
  }
}

/** `$expand` / `$orderby` text → items, split at top-level commas only (`Media($select=a,b)` stays one item). */
export function splitList(text: string): string[] {
  return splitODataList(text)
}
