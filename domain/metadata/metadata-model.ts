// One metadata model for RETS, RESO Web API (OData) and Spark, so the tree, completion, diagnostics and reports
// work the same for all three. RETS: resource → class → field (TABLE) → lookup → values; object types per resource.
// RESO: entity set = resource with one class; properties = fields; EnumTypes / the Lookup resource = lookups.
// Spark: one "Property" resource; standard fields = fields; field lists = lookups.
// `attrs` keeps every attribute the server sent verbatim, so the details panel can show all of them.

export type MetadataSource = 'rets' | 'reso' | 'spark'

export interface SystemInfo {
  id: string
  description?: string
  comments?: string
  /** RETS MetadataVersion / OData service version / Spark API version */
  version?: string
  /** RETS MetadataDate/Timestamp, or when the snapshot was taken */
  timestamp?: string
  timeZoneOffset?: string
  attrs: Record<string, string>
}

export interface LookupValue {
  value: string
  longValue?: string
  shortValue?: string
  standardValue?: string
  attrs: Record<string, string>
}

export interface LookupMeta {
  /** RETS LookupName, OData enum type name or LookupName annotation, Spark field name */
  name: string
  visibleName?: string
  /** undefined = not loaded yet (RETS LOOKUP_TYPE is fetched lazily) */
  values?: LookupValue[]
  attrs: Record<string, string>
}

export interface FieldMeta {
  systemName: string
  standardName?: string
  longName?: string
  shortName?: string
  dbName?: string
  /** RETS DataType (Character, Int, Decimal, Date, DateTime, Boolean…) or the Edm type for OData */
  dataType: string
  maxLength?: number
  precision?: number
  scale?: number
  searchable: boolean
  required?: boolean
  isKey?: boolean
  nullable?: boolean
  collection?: boolean
  /** RETS Interpretation: Lookup, LookupMulti, LookupBitstring, LookupBitmask, Number, Currency… */
  interpretation?: string
  /** name of a LookupMeta of the same resource */
  lookupName?: string
  description?: string
  attrs: Record<string, string>
}

export interface ClassMeta {
  name: string
  standardName?: string
  visibleName?: string
  description?: string
  /** undefined = not loaded yet (RETS TABLE is fetched lazily per class) */
  fields?: FieldMeta[]
  attrs: Record<string, string>
}

export interface ObjectTypeMeta {
  type: string
  mimeType?: string
  visibleName?: string
  description?: string
  attrs: Record<string, string>
}

export interface NavigationMeta {
  name: string
  target: string
  collection: boolean
}

export interface ResourceMeta {
  name: string
  standardName?: string
  visibleName?: string
  description?: string
  keyField?: string
  classes: ClassMeta[]
  lookups: LookupMeta[]
  objectTypes: ObjectTypeMeta[]
  navigation?: NavigationMeta[]
  attrs: Record<string, string>
}

/** One end of a foreign key: a field of a class of a resource. */
export interface ForeignKeyEnd {
  resource: string
  class?: string
  systemName: string
}

/** RETS METADATA-FOREIGNKEYS: how records of two resources relate (a listing's media, agent, office…). */
export interface ForeignKeyMeta {
  id: string
  parent: ForeignKeyEnd
  child: ForeignKeyEnd
  /** only rows whose ConditionalParentField equals ConditionalParentValue relate */
  condition?: { field: string; value: string }
  oneToMany?: boolean
  attrs: Record<string, string>
}

export interface MetadataModel {
  source: MetadataSource
  system: SystemInfo
  resources: ResourceMeta[]
  /** RETS foreign keys (absent when the server has none or does not serve the type) */
  foreignKeys?: ForeignKeyMeta[]
  /** warnings met while reading (repaired characters, unknown elements…) for the user to see */
  warnings: string[]
}

export function findResource(model: MetadataModel, name: string): ResourceMeta | undefined {
  return model.resources.find((r) => r.name === name)
}

export function findClass(model: MetadataModel, resource: string, cls: string): ClassMeta | undefined {
  return findResource(model, resource)?.classes.find((c) => c.name === cls)
}

export function findLookup(resource: ResourceMeta, name: string): LookupMeta | undefined {
  return resource.lookups.find((l) => l.name === name)
}
