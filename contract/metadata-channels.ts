// metadata:* — the metadata tree of a connection (live, or the snapshot kept on disk when offline), its lazily
// loaded parts, the kept snapshots and what changed between them, and the metadata report as a job.
import { z } from 'zod'
import { filePath, id, jobStarted, name } from './common-fields'
import {
  classMetaSchema,
  degradedPartSchema,
  fieldMetaSchema,
  foreignKeyMetaSchema,
  lookupValueSchema,
  metadataSourceSchema,
  objectTypeMetaSchema,
  systemInfoSchema
} from './metadata-model-schema'

/** The metadata tree without the per-class fields, which are loaded on demand (a RETS TABLE can be 250 KB). */
export const metadataSummarySchema = z.strictObject({
  profileId: z.string(),
  source: metadataSourceSchema,
  /** 'live' = fetched this session; 'cache' = from the offline cache on disk */
  origin: z.enum(['live', 'cache']),
  system: systemInfoSchema,
  resources: z.array(
    z.strictObject({
      name: z.string(),
      standardName: z.string().optional(),
      visibleName: z.string().optional(),
      description: z.string().optional(),
      keyField: z.string().optional(),
      classes: z.array(classMetaSchema.omit({ fields: true })),
      lookups: z.array(z.strictObject({ name: z.string(), visibleName: z.string().optional() })),
      objectTypes: z.array(objectTypeMetaSchema)
    })
  ),
  /** RETS METADATA-FOREIGNKEYS, when the server serves them */
  foreignKeys: z.array(foreignKeyMetaSchema).optional(),
  warnings: z.array(z.string()),
  /** optional parts refused or answered differently, shown on their tree nodes with a Retry */
  degraded: z.array(degradedPartSchema).optional()
})
export type MetadataSummary = z.output<typeof metadataSummarySchema>

export const changeKindSchema = z.enum(['added', 'removed', 'changed'])
export type ChangeKind = z.output<typeof changeKindSchema>
export const changeLevelSchema = z.enum(['resource', 'class', 'field', 'lookup', 'value'])
export type ChangeLevel = z.output<typeof changeLevelSchema>

export const metadataChangeSchema = z.strictObject({
  kind: changeKindSchema,
  level: changeLevelSchema,
  /** Resource, Resource:Class, Resource:Class.Field, Resource/Lookup, Resource/Lookup=Value */
  path: z.string(),
  /** for `changed`: `attribute: old → new` */
  details: z.array(z.string()).optional()
})
export type MetadataChange = z.output<typeof metadataChangeSchema>

const snapshotVersion = z.strictObject({ version: z.string().optional(), timestamp: z.string().optional() })

/** What changed between two metadata snapshots of one server (domain/metadata/metadata-diff.ts computes it). */
export const metadataDiffSchema = z.strictObject({
  from: snapshotVersion,
  to: snapshotVersion,
  changes: z.array(metadataChangeSchema),
  counts: z.strictObject({ added: z.number(), removed: z.number(), changed: z.number() }),
  /** classes / lookups present in both but not loaded in both, so not compared in depth */
  notCompared: z.array(z.string())
})
export type MetadataDiff = z.output<typeof metadataDiffSchema>

export const metadataVersionSchema = z.strictObject({ version: z.string(), savedAt: z.string() })
export type MetadataVersion = z.output<typeof metadataVersionSchema>

export const metadataChannels = {
  'metadata:summary': {
    args: z.strictObject({ profileId: id, refresh: z.boolean().optional() }),
    result: metadataSummarySchema
  },
  'metadata:fields': {
    args: z.strictObject({ profileId: id, resource: name, class: name }),
    result: z.array(fieldMetaSchema)
  },
  'metadata:lookup': {
    args: z.strictObject({ profileId: id, resource: name, lookup: name }),
    result: z.array(lookupValueSchema)
  },
  /** asks the server again for a degraded part (`degradedKey` of it); the summary after the retry */
  'metadata:retry': {
    args: z.strictObject({ profileId: id, key: z.string().max(2000) }),
    result: metadataSummarySchema
  },
  'metadata:versions': { args: z.strictObject({ profileId: id }), result: z.array(metadataVersionSchema) },
  /** what changed from a kept snapshot to another one, or to the metadata in use now */
  'metadata:diff': {
    args: z.strictObject({ profileId: id, from: name, to: name.optional() }),
    result: metadataDiffSchema
  },
  /** every class's fields and lookup's values loaded, then a spreadsheet (or the model as JSON) written */
  'metadata:report': {
    args: z.strictObject({ profileId: id, format: z.enum(['xlsx', 'json']), path: filePath }),
    result: jobStarted
  }
} as const
