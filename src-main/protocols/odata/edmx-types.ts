// The parts of an EDMX ($metadata, OData CSDL XML v4) the workbench keeps, as read — before they become the shared
// metadata model. Names are as the document spells them; types keep their namespace.

export interface EdmxAnnotations {
  standardName?: string
  description?: string
  lookupName?: string
  /** every other annotation: term → value (absent while there is none: most elements have none) */
  other?: Record<string, string>
}

export interface EdmxProperty {
  name: string
  /** e.g. Edm.String, org.reso.metadata.enums.StandardStatus (without Collection()) */
  type: string
  collection: boolean
  nullable?: boolean
  maxLength?: number
  precision?: number
  scale?: number
  attrs: Record<string, string>
  annotations: EdmxAnnotations
}

export interface EdmxNavigation {
  name: string
  type: string
  collection: boolean
}

export interface EdmxEntityType {
  namespace: string
  name: string
  baseType?: string
  key: string[]
  properties: EdmxProperty[]
  navigation: EdmxNavigation[]
  annotations: EdmxAnnotations
}

export interface EdmxEnumMember {
  name: string
  value?: string
  annotations: EdmxAnnotations
}

export interface EdmxEnumType {
  namespace: string
  name: string
  isFlags: boolean
  members: EdmxEnumMember[]
  annotations: EdmxAnnotations
}

export interface EdmxEntitySet {
  name: string
  entityType: string
  bindings: Array<{ path: string; target: string }>
  annotations: EdmxAnnotations
}

export interface EdmxDocument {
  version?: string
  namespaces: string[]
  /** alias → namespace (edmx:Include Alias / Schema Alias) */
  aliases: Record<string, string>
  entityTypes: EdmxEntityType[]
  enumTypes: EdmxEnumType[]
  entitySets: EdmxEntitySet[]
  containerName?: string
}

export function emptyAnnotations(): EdmxAnnotations {
  return {}
}
