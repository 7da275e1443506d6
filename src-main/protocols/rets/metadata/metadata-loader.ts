// Loads RETS metadata lazily: the tree (SYSTEM, RESOURCE, CLASS, OBJECT, LOOKUP names) first, then a class's
// TABLE or a lookup's LOOKUP_TYPE only when the user opens it (a TABLE can be 250 KB per class). Every piece is
// folded into one MetadataModel, which the caller keeps (the session manager writes the snapshots); a snapshot of
// the MetadataVersion / MetadataTimestamp the login names replaces the tree download.
import type { FieldMeta, LookupValue, MetadataModel } from '../../../../domain/metadata/metadata-model'
import { findClass, findLookup, findResource } from '../../../../domain/metadata/metadata-model'
import type { RetsSession } from '../rets-session'
import { loginInfoValue } from '../login-body'
import { applyBlocks, emptyRetsModel, type BlockContext } from './metadata-model-builder'
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

  /** The tree: a snapshot when the version matches, else SYSTEM, RESOURCE, CLASS, OBJECT and LOOKUP names. */
  async loadRoot(signal?: AbortSignal): Promise<MetadataModel> {
    if (!this.session.loggedIn) await this.session.login(signal)
    const key = this.versionKey
    const cached = key ? await this.options.snapshot?.(key) : undefined
    if (cached) {
      this.model = cached
      return cached
    }
    const model = emptyRetsModel()
    // ID=0 for each: SYSTEM with ID=* is the whole metadata (every TABLE and LOOKUP_TYPE) on servers that follow
    // RETS 1.7.2 §12 — tens of MB on a large MLS, which the lazy TABLE / LOOKUP_TYPE requests exist to avoid
    for (const type of ['SYSTEM', 'RESOURCE', 'CLASS', 'OBJECT', 'LOOKUP']) {
      await this.fetchInto(model, type, '0', {}, signal)
    }
    // SYSTEM with ID=* may already have carried them (the whole tree, as RETS 1.7.2 allows)
    if (!model.foreignKeys) await this.fetchForeignKeys(model, signal)
    this.model = model
    return model
  }

  async loadTable(resource: string, cls: string, signal?: AbortSignal): Promise<FieldMeta[]> {
    const model = this.model ?? (await this.loadRoot(signal))
    const existing = findClass(model, resource, cls)
    if (existing?.fields) return existing.fields
    await this.fetchInto(model, 'TABLE', `${resource}:${cls}`, { resource, class: cls }, signal)
    return findClass(model, resource, cls)?.fields ?? []
  }

  async loadLookup(resource: string, lookupName: string, signal?: AbortSignal): Promise<LookupValue[]> {
    const model = this.model ?? (await this.loadRoot(signal))
    const res = findResource(model, resource)
    const existing = res ? findLookup(res, lookupName) : undefined
    if (existing?.values) return existing.values
    await this.fetchInto(model, 'LOOKUP_TYPE', `${resource}:${lookupName}`, { resource, lookup: lookupName }, signal)
    const after = findResource(model, resource)
    return (after ? findLookup(after, lookupName)?.values : undefined) ?? []
  }

  /** One GetMetadata transaction folded into the model. */
  async fetchInto(
    model: MetadataModel,
    type: string,
    id: string,
    context: BlockContext,
    signal?: AbortSignal
  ): Promise<void> {
    const res = await this.session.transaction(
      'GetMetadata',
      { Type: `METADATA-${type}`, ID: id, Format: this.format },
      signal ? { signal } : {}
    )
    const read = await readMetadataBlocks(res.body, res.header('content-type'), this.format)
    applyBlocks(model, read.blocks, context)
    for (const w of read.warnings) model.warnings.push(`${type} ${id}: ${w}`)
  }

  /** Many servers do not serve FOREIGNKEYS (20501/20503, or an HTML error): the tree loads without relations. */
  private async fetchForeignKeys(model: MetadataModel, signal?: AbortSignal): Promise<void> {
    try {
      await this.fetchInto(model, 'FOREIGNKEYS', '0', {}, signal)
    } catch (err) {
      if (signal?.aborted) throw err
      const code = (err as { code?: string }).code ?? ''
      if (!/^RETS_2050[13]$/.test(code)) {
        model.warnings.push(`Foreign keys could not be read: ${(err as Error).message}`)
      }
    }
  }
}
