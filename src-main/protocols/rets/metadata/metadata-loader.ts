// Loads RETS metadata lazily: the tree (SYSTEM, RESOURCE, CLASS, OBJECT, LOOKUP names) first, then a class's
// TABLE or a lookup's LOOKUP_TYPE only when the user opens it (a TABLE can be 250 KB per class). Every piece is
// folded into one MetadataModel, which the caller keeps (the session manager writes the snapshots); a snapshot of
// the MetadataVersion / MetadataTimestamp the login names replaces the tree download.
import type { DegradedPart, FieldMeta, LookupValue, MetadataModel } from '../../../../domain/metadata/metadata-model'
import {
  clearDegraded,
  degradedKey,
  findClass,
  findLookup,
  findResource,
  markDegraded
} from '../../../../domain/metadata/metadata-model'
import { AppError } from '../../../../contract/app-error'
import { isAbort, requestFailure, serverSaid, transactionContext } from '../request-failure'
import type { RetsSession } from '../rets-session'
import { loginInfoValue } from '../login-body'
import { addLookupNames, applyBlocks, emptyRetsModel, type BlockContext } from './metadata-model-builder'
import { readMetadataBlocks, type MetadataFormat } from './metadata-reader'

/** A snapshot kept earlier for this metadata version (`version@timestamp` as the login names them), if any. */
export type MetadataSnapshotLookup = (versionKey: string) => Promise<MetadataModel | undefined>

export interface MetadataLoaderOptions {
  format?: MetadataFormat
  snapshot?: MetadataSnapshotLookup
}

export class RetsMetadataLoader {
  private model: MetadataModel | undefined
  private readonly format: MetadataFormat

  constructor(
    private readonly session: RetsSession,
    private readonly options: MetadataLoaderOptions = {}
  ) {
    this.format = options.format ?? 'STANDARD-XML'
  }

  /** MetadataVersion@MetadataTimestamp (either alone) from the login reply: the snapshot's name; '' when absent. */
  get versionKey(): string {
    const body = this.session.loginResult?.body
    if (!body) return ''
    return [loginInfoValue(body, 'MetadataVersion'), loginInfoValue(body, 'MetadataTimestamp')]
      .filter(Boolean)
      .join('@')
  }

  get current(): MetadataModel | undefined {
    return this.model
  }

  /**
   * The tree: a snapshot when the version matches, else SYSTEM, RESOURCE and CLASS (which it cannot do without)
   * and OBJECT, LOOKUP and FOREIGNKEYS, which a server may refuse (20501/20503/20514, an HTTP error, a timeout):
   * each refusal becomes a degraded part the tree shows, and the rest loads.
   */
  async loadRoot(signal?: AbortSignal): Promise<MetadataModel> {
    if (!this.session.loggedIn) await this.session.login(signal)
    const key = this.versionKey
    const cached = key ? await this.options.snapshot?.(key) : undefined
    // a snapshot with refused parts is not reused: the server may serve them now
    if (cached && !cached.degraded?.length) {
      this.model = cached
      return cached
    }
    const model = emptyRetsModel()
    // ID=0 for each: SYSTEM with ID=* is the whole metadata (every TABLE and LOOKUP_TYPE) on servers that follow
    // RETS 1.7.2 §12 — tens of MB on a large MLS, which the lazy TABLE / LOOKUP_TYPE requests exist to avoid
    for (const type of ['SYSTEM', 'RESOURCE', 'CLASS']) await this.fetchInto(model, type, '0', {}, signal)
    for (const type of ['OBJECT', 'LOOKUP']) await this.fetchOptional(model, type, '0', {}, signal)
    // SYSTEM with ID=* may already have carried them (the whole tree, as RETS 1.7.2 allows)
    if (!model.foreignKeys) await this.fetchOptional(model, 'FOREIGNKEYS', '0', {}, signal)
    this.model = model
    return model
  }

  /** A class's fields; a refused TABLE leaves that class without fields (and says so), not the tree. */
  async loadTable(resource: string, cls: string, signal?: AbortSignal): Promise<FieldMeta[]> {
    const model = this.model ?? (await this.loadRoot(signal))
    const existing = findClass(model, resource, cls)
    if (existing?.fields) return existing.fields
    const context = { resource, class: cls }
    await this.fetchOptional(model, 'TABLE', `${resource}:${cls}`, context, signal)
    const fields = findClass(model, resource, cls)?.fields ?? []
    // without METADATA-LOOKUP the lookups are known by the fields naming them; values then come from LOOKUP_TYPE
    if (model.degraded?.some((d) => d.part === 'METADATA-LOOKUP')) addLookupNames(model, resource, fields)
    return fields
  }

  /** A lookup's values from METADATA-LOOKUP_TYPE; a refusal leaves that lookup empty (and says so). */
  async loadLookup(resource: string, lookupName: string, signal?: AbortSignal): Promise<LookupValue[]> {
    const model = this.model ?? (await this.loadRoot(signal))
    const res = findResource(model, resource)
    const existing = res ? findLookup(res, lookupName) : undefined
    if (existing?.values) return existing.values
    const context = { resource, lookup: lookupName }
    await this.fetchOptional(model, 'LOOKUP_TYPE', `${resource}:${lookupName}`, context, signal)
    const after = findResource(model, resource)
    return (after ? findLookup(after, lookupName)?.values : undefined) ?? []
  }

  /** Asks again for a degraded part (its `degradedKey`); the part stays degraded when the server refuses again. */
  async retry(key: string, signal?: AbortSignal): Promise<MetadataModel> {
    const model = this.model ?? (await this.loadRoot(signal))
    const part = model.degraded?.find((d) => degradedKey(d) === key)
    if (!part) return model
    clearDegraded(model, key)
    const type = part.part.replace(/^METADATA-/, '')
    if (type === 'TABLE' && part.resource && part.class) {
      const cls = findClass(model, part.resource, part.class)
      if (cls) delete cls.fields
      await this.loadTable(part.resource, part.class, signal)
    } else if (type === 'LOOKUP_TYPE' && part.resource && part.lookup) {
      await this.loadLookup(part.resource, part.lookup, signal)
    } else {
      await this.fetchOptional(model, type, '0', {}, signal)
    }
    return model
  }

  /** One GetMetadata transaction folded into the model; a failure names the request and what the server said. */
  async fetchInto(
    model: MetadataModel,
    type: string,
    id: string,
    context: BlockContext,
    signal?: AbortSignal
  ): Promise<void> {
    const params = { Type: `METADATA-${type}`, ID: id, Format: this.format }
    const forWhat = id === '0' || id === '*' ? '' : ` for ${id}`
    let status = ''
    try {
      const res = await this.session.transaction('GetMetadata', params, signal ? { signal } : {})
      if (res.status >= 400) status = `${res.status} ${res.statusText}`
      const read = await readMetadataBlocks(res.body, res.header('content-type'), this.format)
      applyBlocks(model, read.blocks, context)
      for (const w of read.warnings) model.warnings.push(`${type} ${id}: ${w}`)
    } catch (err) {
      // named once the transaction has run: a first request logs in, and only then is the GetMetadata URL known
      const request = transactionContext(this.session, 'GetMetadata', params, `loading METADATA-${type}${forWhat}`)
      // an HTML error page has no RETS envelope: the HTTP status is what the server said
      const code = (err as { code?: string }).code
      if (code === 'RETS_-1' && status) {
        const http = new AppError({ code: `HTTP_${status.slice(0, 3)}`, message: status })
        throw requestFailure(http, request)
      }
      throw requestFailure(err, request)
    }
  }

  /** fetchInto for a part the tree can do without: a refusal is recorded as degraded and the load goes on. */
  private async fetchOptional(
    model: MetadataModel,
    type: string,
    id: string,
    context: BlockContext,
    signal?: AbortSignal
  ): Promise<void> {
    try {
      await this.fetchInto(model, type, id, context, signal)
    } catch (err) {
      if (isAbort(err, signal)) throw err
      // most servers have no foreign keys and say so with 20501/20503: an absent type, not a degraded one
      if (type === 'FOREIGNKEYS' && /^RETS_2050[13]$/.test((err as { code?: string }).code ?? '')) return
      markDegraded(model, degradedPart(type, context, err))
    }
  }
}

const CONSEQUENCE: Record<string, [string, string]> = {
  LOOKUP: ['Lookups', 'values from LOOKUP_TYPE, lookup names from the fields'],
  OBJECT: ['Object types', 'photo export still asks for type Photo'],
  FOREIGNKEYS: ['Foreign keys', 'no relations between resources shown'],
  TABLE: ['Fields', 'this class has no field list; other classes load'],
  LOOKUP_TYPE: ['Values', 'no values for this lookup']
}

function degradedPart(type: string, context: BlockContext, err: unknown): DegradedPart {
  const [label, consequence] = CONSEQUENCE[type] ?? [type, 'left out']
  const on = [context.resource, context.class ?? context.lookup].filter(Boolean).join(':')
  const said = (err as { message?: string }).message ?? String(err)
  return {
    part: `METADATA-${type}`,
    ...(context.resource ? { resource: context.resource } : {}),
    ...(context.class ? { class: context.class } : {}),
    ...(context.lookup ? { lookup: context.lookup } : {}),
    message: `${label}: server refused METADATA-${type}${on ? ` for ${on}` : ''} (${serverSaid(err)}) — ${consequence}`,
    detail: said,
    retry: true
  }
}
