// The metadata model's types (their schemas are in contract/metadata-model-schema.ts, because its parts cross IPC)
// and the look-ups every layer uses.
import type { z } from 'zod'
import type {
  classMetaSchema,
  fieldMetaSchema,
  foreignKeyEndSchema,
  foreignKeyMetaSchema,
  lookupMetaSchema,
  lookupValueSchema,
  metadataModelSchema,
  metadataSourceSchema,
  navigationMetaSchema,
  objectTypeMetaSchema,
  resourceMetaSchema,
  systemInfoSchema
} from '../../contract/metadata-model-schema'

export type MetadataSource = z.output<typeof metadataSourceSchema>
export type SystemInfo = z.output<typeof systemInfoSchema>
export type LookupValue = z.output<typeof lookupValueSchema>
export type LookupMeta = z.output<typeof lookupMetaSchema>
export type FieldMeta = z.output<typeof fieldMetaSchema>
export type ClassMeta = z.output<typeof classMetaSchema>
export type ObjectTypeMeta = z.output<typeof objectTypeMetaSchema>
export type NavigationMeta = z.output<typeof navigationMetaSchema>
export type ResourceMeta = z.output<typeof resourceMetaSchema>
export type ForeignKeyEnd = z.output<typeof foreignKeyEndSchema>
export type ForeignKeyMeta = z.output<typeof foreignKeyMetaSchema>
export type MetadataModel = z.output<typeof metadataModelSchema>

export function findResource(model: MetadataModel, name: string): ResourceMeta | undefined {
  return model.resources.find((r) => r.name === name)
}

export function findClass(model: MetadataModel, resource: string, cls: string): ClassMeta | undefined {
  return findResource(model, resource)?.classes.find((c) => c.name === cls)
}

export function findLookup(resource: ResourceMeta, name: string): LookupMeta | undefined {
  return resource.lookups.find((l) => l.name === name)
}
