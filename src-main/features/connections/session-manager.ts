// One live connection per profile. Metadata is served from the live connection when connected and from the on-disk
// snapshot otherwise, so the tree and completion keep working offline. The session manager alone writes the
// snapshots: after the tree loads and each time a class or lookup is filled in, written behind (MetadataCache) and
// flushed when the connection closes. Channels reach a connection's capabilities through `capability`, which says
// plainly when the connection's kind lacks one.
import { AppError, toErrorShape } from '../../../contract/app-error'
import type { LogLine } from '../../../contract/event-channels'
import {
  degradedKey,
  findClass,
  findResource,
  type FieldMeta,
  type LookupValue,
  type MetadataModel
} from '../../../domain/metadata/metadata-model'
import type { ConnectionInfo } from '../../../contract/session-channels'
import type { MetadataSummary, MetadataDiff } from '../../../contract/metadata-channels'
import { snapshotVersion, versionKey, type MetadataCache } from '../metadata/metadata-cache'
import { diffMetadata } from '../../../domain/metadata/metadata-diff'
import { summarizeMetadata } from '../metadata/metadata-summary'
import type { Capability } from '../../../contract/kinds'
import type { CapabilityImpls, Connection } from './connection'
import { requireCapability } from './capabilities'

export type SessionFactory = (profileId: string) => Promise<Connection>

/** Where connect and metadata failures and degraded parts go: the Log tab (main's `log:line` event). */
export type SessionLog = (level: LogLine['level'], message: string) => void

export interface Probe {
  info: ConnectionInfo
  /** the metadata tree's outcome, when asked for and the kind has metadata */
  metadata?: { detail: string; warnings: string[] } | { error: unknown }
}

interface Live {
  connection: Connection
  info: ConnectionInfo
  model?: MetadataModel
}

export class SessionManager {
  private readonly live = new Map<string, Live>()
  private readonly offline = new Map<string, MetadataModel>()

  constructor(
    private readonly factory: SessionFactory,
    private readonly cache: MetadataCache,
    private readonly log: SessionLog = () => undefined
  ) {}

  async connect(profileId: string, signal?: AbortSignal): Promise<ConnectionInfo> {
    await this.disconnect(profileId)
    return this.logged(`Connecting ${profileId}`, async () => {
      const connection = await this.factory(profileId)
      try {
        const info = await connection.connect(signal)
        this.live.set(profileId, { connection, info })
        this.log(
          'info',
          `Connected ${profileId} (${info.kind}${info.protocolVersion ? ' ' + info.protocolVersion : ''}).`
        )
        return info
      } catch (err) {
        await connection.close().catch(() => undefined)
        throw err
      }
    })
  }

  /** Runs `fn`; a failure goes to the Log tab with the request it names, then on to the caller (a toast). */
  private async logged<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (err) {
      const shape = toErrorShape(err)
      if (shape.code !== 'CANCELLED') {
        const detail = shape.detail ? `\n${shape.detail.split('\n')[0]}` : ''
        this.log('error', `${what}: ${shape.message} [${shape.code}]${detail}`)
      }
      throw err
    }
  }

  /** Runs a metadata step and logs the degraded parts it added (each once, as a warning). */
  private async withDegradedLog<T>(
    profileId: string,
    model: MetadataModel | undefined,
    fn: () => Promise<T>,
    /** the model afterwards, when `fn` returns a new one */
    after_: (out: T) => MetadataModel | undefined = () => model
  ): Promise<T> {
    const before = new Set((model?.degraded ?? []).map(degradedKey))
    const out = await this.logged(`Metadata of ${profileId}`, fn)
    const after = after_(out)?.degraded ?? []
    for (const d of after) if (!before.has(degradedKey(d))) this.log('warn', `${profileId}: ${d.message}`)
    return out
  }

  /** Asks the server again for one degraded part; the summary afterwards (the part is gone when it loaded). */
  async retry(profileId: string, key: string): Promise<MetadataSummary> {
    const { model } = await this.model(profileId)
    const metadata = this.capability(profileId, 'metadata')
    if (!metadata.retry) return this.summary(profileId, true)
    const part = model.degraded?.find((d) => degradedKey(d) === key)
    const live = this.liveOf(profileId)
    // a connection may answer with a new model (Spark and RESO load theirs whole) or the same one, grown
    live.model = await this.withDegradedLog(
      profileId,
      model,
      () => metadata.retry!(model, key),
      (m) => m
    )
    if (part && !live.model.degraded?.some((d) => degradedKey(d) === key))
      this.log('info', `${profileId}: ${part.part} loaded on retry.`)
    this.keep(profileId, live.model)
    return this.summary(profileId)
  }

  /**
   * Logs in on a separate, throwaway connection (Test connection) without touching the live one; with `metadata`
   * it also loads the metadata tree and reports the optional parts the server refused.
   */
  async probe(profileId: string, opts: { metadata?: boolean; signal?: AbortSignal } = {}): Promise<Probe> {
    const connection = await this.factory(profileId)
    try {
      const info = await connection.connect(opts.signal)
      const metadata = opts.metadata ? connection.metadata : undefined
      if (!metadata) return { info }
      try {
        const model = await metadata.load(opts.signal)
        const warnings = (model.degraded ?? []).map((d) => d.message)
        const detail = `${model.resources.length} resource(s), ${model.resources.reduce((n, r) => n + r.classes.length, 0)} class(es)`
        return { info, metadata: { detail, warnings } }
      } catch (err) {
        return { info, metadata: { error: err } }
      }
    } finally {
      await connection.close().catch(() => undefined)
    }
  }

  async disconnect(profileId: string): Promise<boolean> {
    const live = this.live.get(profileId)
    if (!live) return false
    this.live.delete(profileId)
    await live.connection.close().catch(() => undefined)
    await this.cache.flush(profileId)
    return true
  }

  private liveOf(profileId: string): Live {
    const live = this.live.get(profileId)
    if (!live) {
      throw new AppError({
        code: 'NOT_CONNECTED',
        message: 'This connection is not open.',
        hint: 'Connect to the profile first (click it in the sidebar).'
      })
    }
    return live
  }

  connection(profileId: string): Connection {
    return this.liveOf(profileId).connection
  }

  /** A capability of the live connection; CAPABILITY_MISSING when its kind has none (contract/kinds.ts). */
  capability<C extends Capability>(profileId: string, capability: C): CapabilityImpls[C] {
    return requireCapability(this.connection(profileId), capability)
  }

  /** what the server said at login (kind, versions, capabilities) */
  info(profileId: string): ConnectionInfo {
    return this.liveOf(profileId).info
  }

  isConnected(profileId: string): boolean {
    return this.live.has(profileId)
  }

  async summary(profileId: string, refresh = false): Promise<MetadataSummary> {
    const { model, origin } = await this.model(profileId, refresh)
    const summary = summarizeMetadata(profileId, model, origin)
    const failure = this.cache.failure(profileId)
    return failure ? { ...summary, warnings: [...summary.warnings, failure] } : summary
  }

  async fields(profileId: string, resource: string, cls: string): Promise<FieldMeta[]> {
    const { model, origin } = await this.model(profileId)
    const known = findClass(model, resource, cls)
    if (!known) throw notFound(`Class ${resource}:${cls}`)
    if (known.fields) return known.fields
    if (origin === 'cache') throw offlineGap(`the fields of ${resource}:${cls}`)
    const metadata = this.capability(profileId, 'metadata')
    const fields = await this.withDegradedLog(profileId, model, () => metadata.loadFields(model, resource, cls))
    this.keep(profileId, model)
    return fields
  }

  async lookup(profileId: string, resource: string, lookup: string): Promise<LookupValue[]> {
    const { model, origin } = await this.model(profileId)
    const res = findResource(model, resource)
    const known = res?.lookups.find((l) => l.name === lookup)
    if (!known) throw notFound(`Lookup ${resource}:${lookup}`)
    if (known.values) return known.values
    if (origin === 'cache') throw offlineGap(`the values of lookup ${lookup}`)
    const metadata = this.capability(profileId, 'metadata')
    const values = await this.withDegradedLog(profileId, model, () => metadata.loadLookup(model, resource, lookup))
    this.keep(profileId, model)
    return values
  }

  /** The metadata snapshots kept on disk for the profile, newest first. */
  versions(profileId: string): Promise<{ version: string; savedAt: string }[]> {
    return this.cache.versions(profileId)
  }

  /** What changed from snapshot `from` to snapshot `to` (default: the metadata in use now). */
  async diff(profileId: string, from: string, to?: string): Promise<MetadataDiff> {
    const older = (await this.cache.load(profileId, from))?.model
    const newer = to ? (await this.cache.load(profileId, to))?.model : (await this.model(profileId)).model
    if (!older || !newer) {
      throw new AppError({
        code: 'METADATA_SNAPSHOT_MISSING',
        message: `No metadata snapshot ${older ? to : from} is kept for this profile.`,
        hint: 'The last five metadata versions are kept; pick one of those listed.'
      })
    }
    return diffMetadata(older, newer)
  }

  /** The metadata model for completion and diagnostics in main (e.g. the CLI), loading it if needed. */
  async model(profileId: string, refresh = false): Promise<{ model: MetadataModel; origin: 'live' | 'cache' }> {
    const live = this.live.get(profileId)
    if (live) {
      if (!live.model || refresh) {
        const metadata = requireCapability(live.connection, 'metadata')
        live.model = await this.withDegradedLog(
          profileId,
          undefined,
          () => metadata.load(),
          (m) => m
        )
        this.keep(profileId, live.model)
      }
      return { model: live.model, origin: 'live' }
    }
    let model = this.offline.get(profileId)
    if (!model) {
      model = (await this.cache.load(profileId))?.model
      if (!model) {
        throw new AppError({
          code: 'NO_METADATA',
          message: 'No metadata for this profile yet.',
          hint: 'Connect once; the metadata is then kept for offline use.'
        })
      }
      this.offline.set(profileId, model)
    }
    return { model, origin: 'cache' }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.disconnect(id)))
    await this.cache.flush()
  }

  /**
   * Snapshots the live model, named by the metadata version the login reported (what a RETS reconnect looks the
   * snapshot up by), else by the model's own. Not awaited: the cache writes behind.
   */
  private keep(profileId: string, model: MetadataModel): void {
    const info = this.live.get(profileId)?.info
    const version = snapshotVersion(info?.metadataVersion, info?.metadataTimestamp) || versionKey(model)
    this.cache.save(profileId, model, version)
  }
}

function notFound(what: string): AppError {
  return new AppError({ code: 'METADATA_NOT_FOUND', message: `${what} is not in the server's metadata.` })
}

function offlineGap(what: string): AppError {
  return new AppError({
    code: 'OFFLINE',
    message: `Offline: ${what} were not downloaded before.`,
    hint: 'Connect to the server to load them; they are cached afterwards.'
  })
}
