// Assembles the Spark metadata model from its pieces (standardfields, field lists, propertytypes, customfields).
import type { LookupMeta, MetadataModel, ResourceMeta } from '../../../domain/metadata/metadata-model'
import { parseCustomFields } from './custom-fields'
import { parseStandardFields } from './standard-fields'

export interface SparkMetadataParts {
  standardFields: unknown[]
  /** lookups already loaded from /v1/standardfields/<Field>, replacing the empty placeholders */
  fieldLists?: LookupMeta[]
  propertyTypes?: LookupMeta
  customFields?: unknown[]
  apiVersion?: string
  timestamp?: string
}

export const SPARK_RESOURCE = 'Property'

export function buildSparkMetadata(parts: SparkMetadataParts): MetadataModel {
  const { fields, lookups } = parseStandardFields(parts.standardFields)
  const byName = new Map(lookups.map((l) => [l.name, l]))
  for (const loaded of parts.fieldLists ?? []) byName.set(loaded.name, loaded)
  // PropertyType's list comes from /v1/propertytypes (codes + names) when the field list was not loaded
  if (parts.propertyTypes && !parts.fieldLists?.some((l) => l.name === 'PropertyType')) {
    byName.set('PropertyType', parts.propertyTypes)
    const pt = fields.find((f) => f.systemName === 'PropertyType')
    if (pt && !pt.lookupName) {
      pt.lookupName = 'PropertyType'
      pt.interpretation = 'Lookup'
    }
  }
  const resource: ResourceMeta = {
    name: SPARK_RESOURCE,
    standardName: SPARK_RESOURCE,
    keyField: 'ListingKey',
    classes: [{ name: 'StandardFields', visibleName: 'Standard fields', fields, attrs: {} }],
    lookups: [...byName.values()],
    objectTypes: [{ type: 'Photo', mimeType: 'image/jpeg', attrs: {} }],
    attrs: {}
  }
  if (parts.customFields) {
    const custom = parseCustomFields(parts.customFields)
    resource.classes.push({ name: 'CustomFields', visibleName: 'Custom fields', fields: custom, attrs: {} })
    for (const f of custom)
      if (f.lookupName && !byName.has(f.lookupName)) resource.lookups.push({ name: f.lookupName, attrs: {} })
  }
  const system: MetadataModel['system'] = { id: 'Spark API', attrs: {} }
  if (parts.apiVersion) system.version = parts.apiVersion
  if (parts.timestamp) system.timestamp = parts.timestamp
  return { source: 'spark', system, resources: [resource], warnings: [] }
}
