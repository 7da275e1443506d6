// One metadata model for RETS, RESO Web API (OData) and Spark, so the tree, completion, diagnostics and reports
// work the same for all three. RETS: resource → class → field (TABLE) → lookup → values; object types per resource.
// RESO: entity set = resource with one class; properties = fields; EnumTypes / the Lookup resource = lookups.
// Spark: one "Property" resource; standard fields = fields; field lists = lookups.
// `attrs` keeps every attribute the server sent verbatim, so the details panel can show all of them.
// Its parts cross IPC (metadata:summary, metadata:fields, metadata:lookup), so the schemas live in the contract;
// domain/metadata/metadata-model.ts gives the types and the look-ups code uses.
import { z } from 'zod'

const attrs = z.record(z.string(), z.string())

export const metadataSourceSchema = z.enum(['rets', 'reso', 'spark'])

export const systemInfoSchema = z.strictObject({
  id: z.string(),
  description: z.string().optional(),
  comments: z.string().optional(),
  /** RETS MetadataVersion / OData service version / Spark API version */
  version: z.string().optional(),
  /** RETS MetadataDate/Timestamp, or when the snapshot was taken */
  timestamp: z.string().optional(),
  timeZoneOffset: z.string().optional(),
  attrs
})

export const lookupValueSchema = z.strictObject({
  value: z.string(),
  longValue: z.string().optional(),
  shortValue: z.string().optional(),
  standardValue: z.string().optional(),
  attrs
})

export const lookupMetaSchema = z.strictObject({
  /** RETS LookupName, OData enum type name or LookupName annotation, Spark field name */
  name: z.string(),
  visibleName: z.string().optional(),
  /** undefined = not loaded yet (RETS LOOKUP_TYPE is fetched lazily) */
  values: z.array(lookupValueSchema).optional(),
  attrs
})

export const fieldMetaSchema = z.strictObject({
  systemName: z.string(),
  standardName: z.string().optional(),
  longName: z.string().optional(),
  shortName: z.string().optional(),
  dbName: z.string().optional(),
  /** RETS DataType (Character, Int, Decimal, Date, DateTime, Boolean…) or the Edm type for OData */
  dataType: z.string(),
  maxLength: z.number().optional(),
  precision: z.number().optional(),
  scale: z.number().optional(),
  searchable: z.boolean(),
  required: z.boolean().optional(),
  isKey: z.boolean().optional(),
  nullable: z.boolean().optional(),
  collection: z.boolean().optional(),
  /** RETS Interpretation: Lookup, LookupMulti, LookupBitstring, LookupBitmask, Number, Currency… */
  interpretation: z.string().optional(),
  /** name of a LookupMeta of the same resource */
  lookupName: z.string().optional(),
  description: z.string().optional(),
  attrs
})

export const classMetaSchema = z.strictObject({
  name: z.string(),
  standardName: z.string().optional(),
  visibleName: z.string().optional(),
  description: z.string().optional(),
  /** undefined = not loaded yet (RETS TABLE is fetched lazily per class) */
  fields: z.array(fieldMetaSchema).optional(),
  attrs
})

export const objectTypeMetaSchema = z.strictObject({
  type: z.string(),
  mimeType: z.string().optional(),
  visibleName: z.string().optional(),
  description: z.string().optional(),
  attrs
})

export const navigationMetaSchema = z.strictObject({
  name: z.string(),
  target: z.string(),
  collection: z.boolean()
})

export const resourceMetaSchema = z.strictObject({
  name: z.string(),
  standardName: z.string().optional(),
  visibleName: z.string().optional(),
  description: z.string().optional(),
  keyField: z.string().optional(),
  classes: z.array(classMetaSchema),
  lookups: z.array(lookupMetaSchema),
  objectTypes: z.array(objectTypeMetaSchema),
  navigation: z.array(navigationMetaSchema).optional(),
  attrs
})

/** One end of a foreign key: a field of a class of a resource. */
export const foreignKeyEndSchema = z.strictObject({
  resource: z.string(),
  class: z.string().optional(),
  systemName: z.string()
})

/** RETS METADATA-FOREIGNKEYS: how records of two resources relate (a listing's media, agent, office…). */
export const foreignKeyMetaSchema = z.strictObject({
  id: z.string(),
  parent: foreignKeyEndSchema,
  child: foreignKeyEndSchema,
  /** only rows whose ConditionalParentField equals ConditionalParentValue relate */
  condition: z.strictObject({ field: z.string(), value: z.string() }).optional(),
  oneToMany: z.boolean().optional(),
  attrs
})

/**
 * An optional part of the metadata the server refused or answered oddly (RETS METADATA-LOOKUP refused, the RESO
 * Lookup resource missing, a TABLE filed under another class…): the rest loads, and the tree shows this on the node
 * it belongs to (resource / class / lookup named; none = the whole tree) with a Retry.
 */
export const degradedPartSchema = z.strictObject({
  /** what was asked: METADATA-LOOKUP, METADATA-TABLE, Lookup resource, standardfields… */
  part: z.string(),
  resource: z.string().optional(),
  class: z.string().optional(),
  lookup: z.string().optional(),
  /** "Lookups: server refused METADATA-LOOKUP (20501 Invalid Type) — values from LOOKUP_TYPE" */
  message: z.string(),
  /** the failed request and the server's full answer (the Log tab shows it) */
  detail: z.string().optional(),
  /** false when asking again cannot help (the reply was read, just filed differently) */
  retry: z.boolean()
})

export const metadataModelSchema = z.strictObject({
  source: metadataSourceSchema,
  system: systemInfoSchema,
  resources: z.array(resourceMetaSchema),
  /** RETS foreign keys (absent when the server has none or does not serve the type) */
  foreignKeys: z.array(foreignKeyMetaSchema).optional(),
  /** warnings met while reading (repaired characters, unknown elements…) for the user to see */
  warnings: z.array(z.string()),
  /** optional parts that were refused or differed from the request (absent = none) */
  degraded: z.array(degradedPartSchema).optional()
})
