// The metadata model's types (their schemas are in contract/metadata-model-schema.ts, because its parts cross IPC)
// and the look-ups every layer uses.
import type { z } from 'zod'
import type {
  classMetaSchema,
  degradedPartSchema,
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
export type DegradedPart = z.output<typeof degradedPartSchema>

/** Identifies a degraded part for Retry: the part and the node it belongs to. */
export function degradedKey(d: Pick<DegradedPart, 'part' | 'resource' | 'class' | 'lookup'>): string {
  return [d.part, d.resource ?? '', d.class ?? '', d.lookup ?? ''].join('|')
}

/** Records (or replaces) a degraded part on the model. */
export function markDegraded(model: MetadataModel, part: DegradedPart): void {
  const list = (model.degraded ??= [])
  const key = degradedKey(part)
  const at = list.findIndex((d) => degradedKey(d) === key)
  if (at >= 0) list[at] = part
  else list.push(part)
}

/** Forgets a degraded part once a retry succeeded. */
export function clearDegraded(model: MetadataModel, key: string): void {
  if (!model.degraded) return
  model.degraded = model.degraded.filter((d) => degradedKey(d) !== key)
  if (!model.degraded.length) delete model.degraded
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
