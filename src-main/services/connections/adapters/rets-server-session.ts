// The RETS client behind the workbench's session interface: login, lazy metadata, DMQL2 search into a result store.
import type { MetadataModel } from '../../../shared/metadata-model'
import type { ConnectionInfo, QuerySpec } from '../../../shared/workbench-types'
import { AppError } from '../../../shared/app-error'
import { redactor } from '../../redaction/redactor'
import { RetsSession } from '../../rets/rets-session'
import { loginInfoValue } from '../../rets/login-body'
import { RetsMetadataLoader } from '../../rets/metadata/metadata-loader'
import { fetchAll } from '../../rets/search/search-runner'
import { RetsObjectSource } from '../../export/photos/sources/rets-object-source'
import type { WireLog } from '../../http/wire-log'
import type { MetadataCache } from '../../metadata/metadata-cache'
import type { SecretStore } from '../../secrets/secret-store'
import type { ResultWriter } from '../../results/result-types'
import type { JobControl } from '../../jobs/job-manager'
import type { RetsProfile } from '../profile-schema'
import type { ServerSession } from '../server-session'
import { httpClientFor, missingSecret } from './http-for-profile'

export async function createRetsServerSession(
  profile: RetsProfile,
  secrets: SecretStore,
  wireLog: WireLog,
  cache: MetadataCache
): Promise<ServerSession> {
  const password = await secrets.get(profile.id, 'password')
  if (!password) throw missingSecret(profile.name, 'password')
  const uaPassword = await secrets.get(profile.id, 'uaPassword')
  const http = await httpClientFor(profile, wireLog)
  const rets = new RetsSession(
    {
      loginUrl: profile.loginUrl,
      username: profile.userName,
      password,
      userAgent: profile.userAgent,
      retsVersion: profile.retsVersion,
      method: profile.httpMethod,
      auth: profile.authMethod,
      ...(uaPassword ? { uaPassword } : {})
    },
    http
  )
  const loader = new RetsMetadataLoader(rets, { cache, profileId: profile.id })

  return {
    async connect(signal): Promise<ConnectionInfo> {
      const login = await rets.login(signal)
      const capabilities: Record<string, string> = {}
      for (const [name, url] of Object.entries(login.capabilities)) if (url) capabilities[name] = redactor.url(url)
      for (const [name, url] of Object.entries(login.body.extensions)) capabilities[name] = redactor.url(url)
      for (const item of Object.values(login.body.info)) capabilities[`Info:${item.name}`] = redactor.text(item.value)
      const info: ConnectionInfo = {
        profileId: profile.id,
        kind: 'rets',
        server: new URL(profile.loginUrl).host,
        capabilities,
        connectedAt: new Date().toISOString(),
        notes: login.warnings
      }
      if (login.serverVersion) info.protocolVersion = login.serverVersion
      const version = loginInfoValue(login.body, 'MetadataVersion')
      const stamp = loginInfoValue(login.body, 'MetadataTimestamp')
      if (version) info.metadataVersion = version
      if (stamp) info.metadataTimestamp = stamp
      return info
    },
    loadMetadata: (signal) => loader.loadRoot(signal),
    loadFields: (_model: MetadataModel, resource, cls, signal) => loader.loadTable(resource, cls, signal),
    loadLookup: (_model: MetadataModel, resource, lookup, signal) => loader.loadLookup(resource, lookup, signal),
    async run(spec: QuerySpec, writer: ResultWriter, job: JobControl): Promise<void> {
      if (spec.kind !== 'dmql') {
        throw new AppError({ code: 'QUERY_KIND', message: 'A RETS server takes DMQL2 queries.' })
      }
      const cap = spec.maxRows ?? profile.limits.maxRecords
      const limit = spec.fetchAll ? (spec.limit ?? cap ?? 'NONE') : (spec.limit ?? profile.limits.pageSize)
      const summary = await fetchAll(
        rets,
        {
          resource: spec.resource,
          class: spec.class,
          query: spec.query,
          format: spec.format,
          limit,
          count: spec.count,
          standardNames: spec.standardNames,
          ...(spec.select?.length ? { select: spec.select } : {}),
          ...(spec.offset ? { offset: spec.offset } : {})
        },
        writer,
        {
          signal: job.signal,
          pageSize: profile.limits.pageSize,
          ...(spec.fetchAll ? {} : { maxPages: 1 }),
          onProgress: (p) => job.progress(p.rows, p.serverCount !== undefined ? { total: p.serverCount } : {})
        }
      )
      writer.setInfo({
        pages: summary.pages,
        warnings: summary.warnings,
        maxRowsReached: summary.maxRowsReached,
        ...(summary.serverCount !== undefined ? { serverCount: summary.serverCount } : {})
      })
    },
    photoSource: (options) => new RetsObjectSource(rets, options),
    async close() {
      await rets.logout().catch(() => undefined)
      http.close()
    }
  }
}
