// Folds metadata blocks (either format) into the shared MetadataModel. Blocks may arrive in any order and in
// pieces (lazy loading: TABLE per class, LOOKUP_TYPE per lookup), so every step is an upsert.
import type {
  ClassMeta,
  FieldMeta,
  ForeignKeyEnd,
  ForeignKeyMeta,
  LookupMeta,
  LookupValue,
  MetadataModel,
  ObjectTypeMeta,
  ResourceMeta
} from '../../../../domain/metadata/metadata-model'
import { markDegraded } from '../../../../domain/metadata/metadata-model'
import type { MetadataBlock } from './metadata-blocks'

export function emptyRetsModel(): MetadataModel {
  return { source: 'rets', system: { id: '', attrs: {} }, resources: [], warnings: [] }
}

/** What the request asked for, used when a block omits its Resource / Class attribute (flexmls TABLE). */
export interface BlockContext {
  resource?: string
  class?: string
  lookup?: string
}

export function applyBlocks(model: MetadataModel, blocks: MetadataBlock[], context: BlockContext = {}): void {
  for (const block of blocks) {
    const resourceName = pick(block.attrs, 'Resource') ?? context.resource
    switch (block.type) {
      case 'SYSTEM':
        applySystem(model, block)
        break
      case 'RESOURCE':
        for (const rec of block.records) upsertResource(model, rec)
        break
      case 'CLASS':
        if (!resourceName) break
        for (const rec of block.records) upsertClass(ensureResource(model, resourceName), rec)
        break
      case 'TABLE': {
        let cls = pick(block.attrs, 'Class') ?? context.class
        if (context.class && cls && cls !== context.class && !otherTableNames(blocks, context.class)) {
          // asked for one class, answered with another's name: the fields are still the requested class's
          markDegraded(model, {
            part: 'METADATA-TABLE',
            ...(resourceName ? { resource: resourceName } : {}),
            class: context.class,
            message: `Fields: asked METADATA-TABLE for ${resourceName ?? ''}:${context.class}, the server answered Class="${cls}" — filed under ${context.class}`,
            retry: false
          })
          cls = context.class
        }
        if (!resourceName || !cls) {
          model.warnings.push('A METADATA-TABLE block named no resource/class and was skipped.')
          break
        }
        const resource = ensureResource(model, resourceName)
        const target = ensureClass(resource, cls)
        target.fields = block.records.map((r) => toField(r, resource.keyField))
        break
      }
      case 'LOOKUP':
        if (!resourceName) break
        for (const rec of block.records) {
          const name = rec.LookupName
          if (!name) continue
          const lookup = ensureLookup(ensureResource(model, resourceName), name)
          lookup.attrs = { ...lookup.attrs, ...rec }
          const visible = nonEmpty(rec.VisibleName)
          if (visible) lookup.visibleName = visible
        }
        break
      case 'LOOKUP_TYPE': {
        const name = pick(block.attrs, 'Lookup') ?? context.lookup
        if (!resourceName || !name) break
        ensureLookup(ensureResource(model, resourceName), name).values = block.records.map(toLookupValue)
        break
      }
      case 'OBJECT':
        if (!resourceName) break
        ensureResource(model, resourceName).objectTypes = block.records.map(toObjectType)
        break
      case 'FOREIGNKEYS':
        for (const rec of block.records) upsertForeignKey(model, rec)
        break
      default:
        // SEARCH_HELP, EDITMASK, UPDATE*, VALIDATION_*: kept out of the model (update/validation is not our job)
        break
    }
  }
}

/** true when a TABLE block of the reply does name the class asked for (then the others are filed as named). */
function otherTableNames(blocks: MetadataBlock[], requested: string): boolean {
  return blocks.some((b) => b.type === 'TABLE' && pick(b.attrs, 'Class') === requested)
}

/** Lookups named by a class's fields, added when the server's METADATA-LOOKUP list is not available. */
export function addLookupNames(model: MetadataModel, resource: string, fields: FieldMeta[]): void {
  const res = ensureResource(model, resource)
  for (const f of fields) if (f.lookupName) ensureLookup(res, f.lookupName)
}

function applySystem(model: MetadataModel, block: MetadataBlock): void {
  const rec = block.records[0] ?? {}
  const sys = model.system
  sys.attrs = { ...sys.attrs, ...block.attrs, ...rec }
  sys.id = nonEmpty(rec.SystemID) ?? sys.id
  const description = nonEmpty(rec.SystemDescription)
  if (description) sys.description = description
  const comments = nonEmpty(rec.Comments ?? rec.COMMENTS)
  if (comments) sys.comments = comments
  const version = nonEmpty(pick(block.attrs, 'Version'))
  if (version) sys.version = version
  const date = nonEmpty(pick(block.attrs, 'Date'))
  if (date) sys.timestamp = date
  const tz = nonEmpty(rec.TimeZoneOffset)
  if (tz) sys.timeZoneOffset = tz
}

function upsertForeignKey(model: MetadataModel, rec: Record<string, string>): void {
  const parent = fkEnd(rec, 'Parent')
  const child = fkEnd(rec, 'Child')
  if (!parent || !child) return
  const id =
    nonEmpty(rec.ForeignKeyID) ?? `${parent.resource}.${parent.systemName}->${child.resource}.${child.systemName}`
  const fk: ForeignKeyMeta = { id, parent, child, attrs: rec }
  const field = nonEmpty(rec.ConditionalParentField)
  if (field) fk.condition = { field, value: rec.ConditionalParentValue ?? '' }
  if (nonEmpty(rec.OneToManyFlag) !== undefined) fk.oneToMany = truthy(rec.OneToManyFlag)
  const list = (model.foreignKeys ??= [])
  const at = list.findIndex((k) => k.id === id)
  if (at >= 0) list[at] = fk
  else list.push(fk)
}

function fkEnd(rec: Record<string, string>, side: 'Parent' | 'Child'): ForeignKeyEnd | undefined {
  const resource = nonEmpty(rec[`${side}ResourceID`])
  const systemName = nonEmpty(rec[`${side}SystemName`])
  if (!resource || !systemName) return undefined
  const cls = nonEmpty(rec[`${side}ClassID`])
  return cls ? { resource, class: cls, systemName } : { resource, systemName }
}

function upsertResource(model: MetadataModel, rec: Record<string, string>): void {
  if (!rec.ResourceID) return
  const r = ensureResource(model, rec.ResourceID)
  r.attrs = { ...r.attrs, ...rec }
  setIf(r, 'standardName', rec.StandardName)
  setIf(r, 'visibleName', rec.VisibleName)
  setIf(r, 'description', rec.Description)
  setIf(r, 'keyField', rec.KeyField)
}

function upsertClass(resource: ResourceMeta, rec: Record<string, string>): void {
  if (!rec.ClassName) return
  const c = ensureClass(resource, rec.ClassName)
  c.attrs = { ...c.attrs, ...rec }
  setIf(c, 'standardName', rec.StandardName)
  setIf(c, 'visibleName', rec.VisibleName)
  setIf(c, 'description', rec.Description)
}

function toField(rec: Record<string, string>, keyField: string | undefined): FieldMeta {
  const f: FieldMeta = {
    systemName: rec.SystemName ?? '',
    dataType: rec.DataType ?? '',
    searchable: truthy(rec.Searchable),
    attrs: rec
  }
  setIf(f, 'standardName', rec.StandardName)
  setIf(f, 'longName', rec.LongName)
  setIf(f, 'shortName', rec.ShortName)
  setIf(f, 'dbName', rec.DBName)
  setIf(f, 'interpretation', rec.Interpretation)
  setIf(f, 'lookupName', rec.LookupName)
  const maxLength = toNumber(rec.MaximumLength)
  if (maxLength !== undefined) f.maxLength = maxLength
  const precision = toNumber(rec.Precision)
  if (precision !== undefined) f.precision = precision
  if (rec.Required !== undefined && rec.Required !== '') f.required = truthy(rec.Required)
  if (keyField && keyField === f.systemName) f.isKey = true
  return f
}

function toLookupValue(rec: Record<string, string>): LookupValue {
  const v: LookupValue = { value: rec.Value ?? '', attrs: rec }
  setIf(v, 'longValue', rec.LongValue)
  setIf(v, 'shortValue', rec.ShortValue)
  setIf(v, 'standardValue', rec.StandardValue)
  return v
}

function toObjectType(rec: Record<string, string>): ObjectTypeMeta {
  const o: ObjectTypeMeta = { type: rec.ObjectType ?? '', attrs: rec }
  setIf(o, 'mimeType', rec.MIMEType ?? rec.MimeType)
  setIf(o, 'visibleName', rec.VisibleName)
  setIf(o, 'description', rec.Description)
  return o
}

function ensureResource(model: MetadataModel, name: string): ResourceMeta {
  let r = model.resources.find((x) => x.name === name)
  if (!r) {
    r = { name, classes: [], lookups: [], objectTypes: [], attrs: {} }
    model.resources.push(r)
  }
  return r
}

function ensureClass(resource: ResourceMeta, name: string): ClassMeta {
  let c = resource.classes.find((x) => x.name === name)
  if (!c) {
    c = { name, attrs: {} }
    resource.classes.push(c)
  }
  return c
}

function ensureLookup(resource: ResourceMeta, name: string): LookupMeta {
  let l = resource.lookups.find((x) => x.name === name)
  if (!l) {
    l = { name, attrs: {} }
    resource.lookups.push(l)
  }
  return l
}

function pick(attrs: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [k, v] of Object.entries(attrs)) if (k.toLowerCase() === lower && v !== '') return v
  return undefined
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v : undefined
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: string | undefined): void {
  const v = nonEmpty(value)
  if (v !== undefined) (target as Record<K, unknown>)[key] = v
}

function truthy(v: string | undefined): boolean {
  return /^(1|true|y|yes)$/i.test((v ?? '').trim())
}

function toNumber(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}
