// EDMX → the shared metadata model (model note: entity set = resource with one class; properties = fields;
// EnumTypes and the DD 2.x Lookup resource = lookups). Checks the references the client relies on and names the
// broken element: an entity type without a Key, a key naming no property, a set of an unknown type, a navigation
// binding whose path or target does not exist.
import { AppError } from '../../../contract/app-error'
import type {
  FieldMeta,
  LookupMeta,
  LookupValue,
  MetadataModel,
  NavigationMeta,
  ResourceMeta
} from '../../../domain/metadata/metadata-model'
import type { EdmxAnnotations, EdmxDocument, EdmxEntityType, EdmxEnumType, EdmxProperty } from './edmx-types'

function invalid(element: string, problem: string): AppError {
  return new AppError({
    code: 'EDMX_INVALID',
    message: `Invalid $metadata: ${element} ${problem}.`,
    hint: "The server's metadata is broken; report it to the vendor. The workbench cannot build a model from it."
  })
}

function shortName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1)
}

function annotationAttrs(a: EdmxAnnotations): Record<string, string> {
  return a.other ? { ...a.other } : {}
}

export class EdmxModelBuilder {
  private readonly entityTypes = new Map<string, EdmxEntityType>()
  private readonly enumTypes = new Map<string, EdmxEnumType>()
  /** per property type (interned by the reader, so a few dozen): its enum, or null — resolved once */
  private readonly enumOfType = new Map<string, EdmxEnumType | null>()
  /** one lookup per enum, shared by every resource using it (1800 entity types × 24 enums × 40 members otherwise) */
  private readonly enumLookups = new Map<EdmxEnumType, LookupMeta>()

  constructor(private readonly doc: EdmxDocument) {
    for (const et of doc.entityTypes) {
      this.entityTypes.set(`${et.namespace}.${et.name}`, et)
    }
    for (const en of doc.enumTypes) this.enumTypes.set(`${en.namespace}.${en.name}`, en)
  }

  /** Resolves "Alias.Name" and "Namespace.Name" to the declared type. */
  private resolve<T>(map: Map<string, T>, qualified: string): T | undefined {
    const direct = map.get(qualified)
    if (direct) return direct
    const dot = qualified.lastIndexOf('.')
    const ns = this.doc.aliases[qualified.slice(0, dot)]
    return ns ? map.get(`${ns}.${qualified.slice(dot + 1)}`) : undefined
  }

  /** Properties and key of a type, base types first (OData BaseType inheritance). */
  private flatten(
    et: EdmxEntityType,
    seen = new Set<EdmxEntityType>()
  ): { key: string[]; properties: EdmxProperty[]; navigation: EdmxEntityType['navigation'] } {
    if (seen.has(et)) throw invalid(`EntityType '${et.name}'`, 'inherits from itself')
    seen.add(et)
    const base = et.baseType ? this.resolve(this.entityTypes, et.baseType) : undefined
    if (et.baseType && !base)
      throw invalid(`EntityType '${et.name}'`, `has BaseType '${et.baseType}' which is not declared`)
    const inherited = base ? this.flatten(base, seen) : { key: [], properties: [], navigation: [] }
    return {
      key: et.key.length ? et.key : inherited.key,
      properties: [...inherited.properties, ...et.properties],
      navigation: [...inherited.navigation, ...et.navigation]
    }
  }

  build(): MetadataModel {
    const sets = this.doc.entitySets.length
      ? this.doc.entitySets
      : // no EntityContainer (seen on partial vendor documents): every entity type acts as a set of its own name
        this.doc.entityTypes.map((et) => ({
          name: et.name,
          entityType: `${et.namespace}.${et.name}`,
          bindings: [],
          annotations: et.annotations
        }))
    const setNames = new Set(sets.map((s) => s.name))
    const resources: ResourceMeta[] = []
    for (const set of sets) {
      const et = this.resolve(this.entityTypes, set.entityType)
      if (!et) throw invalid(`EntitySet '${set.name}'`, `has EntityType '${set.entityType}' which is not declared`)
      const flat = this.flatten(et)
      if (flat.key.length === 0) throw invalid(`EntityType '${et.name}'`, 'has no Key')
      for (const k of flat.key) {
        if (!flat.properties.some((p) => p.name === k))
          throw invalid(`EntityType '${et.name}'`, `has Key PropertyRef '${k}' which is not a property`)
      }
      const navigation: NavigationMeta[] = []
      for (const b of set.bindings) {
        const nav = flat.navigation.find((n) => n.name === b.path.slice(b.path.lastIndexOf('/') + 1))
        if (!nav)
          throw invalid(
            `NavigationPropertyBinding Path='${b.path}' in EntitySet '${set.name}'`,
            'names no navigation property'
          )
        const target = b.target.slice(b.target.lastIndexOf('/') + 1)
        if (!setNames.has(target))
          throw invalid(
            `NavigationPropertyBinding Path='${b.path}' Target='${b.target}' in EntitySet '${set.name}'`,
            'targets no entity set'
          )
        navigation.push({ name: nav.name, target, collection: nav.collection })
      }
      // unbound navigation properties still show in the tree, targeting their type's name
      for (const n of flat.navigation) {
        if (!navigation.some((x) => x.name === n.name))
          navigation.push({ name: n.name, target: shortName(n.type), collection: n.collection })
      }
      const lookups = new Map<string, LookupMeta>()
      const fields = flat.properties.map((p) => this.field(p, flat.key, lookups))
      const resource: ResourceMeta = {
        name: set.name,
        keyField: flat.key.join(','),
        classes: [{ name: set.name, fields, attrs: { EntityType: set.entityType } }],
        lookups: [...lookups.values()],
        objectTypes: [],
        navigation,
        attrs: { EntityType: set.entityType, ...annotationAttrs(et.annotations) }
      }
      const standardName = set.annotations.standardName ?? et.annotations.standardName
      if (standardName) resource.standardName = standardName
      const description = set.annotations.description ?? et.annotations.description
      if (description) resource.description = description
      if (navigation.some((n) => n.name === 'Media')) resource.objectTypes.push({ type: 'Media', attrs: {} })
      resources.push(resource)
    }
    const system: MetadataModel['system'] = {
      id: this.doc.containerName ?? this.doc.namespaces[0] ?? 'OData service',
      attrs: {}
    }
    if (this.doc.version) system.version = this.doc.version
    system.attrs.namespaces = this.doc.namespaces.join(',')
    return { source: 'reso', system, resources, warnings: [] }
  }

  private enumOf(type: string): EdmxEnumType | undefined {
    let en = this.enumOfType.get(type)
    if (en === undefined) this.enumOfType.set(type, (en = this.resolve(this.enumTypes, type) ?? null))
    return en ?? undefined
  }

  private enumLookup(en: EdmxEnumType): LookupMeta {
    let lookup = this.enumLookups.get(en)
    if (!lookup) this.enumLookups.set(en, (lookup = enumLookup(en)))
    return lookup
  }

  private field(p: EdmxProperty, key: string[], lookups: Map<string, LookupMeta>): FieldMeta {
    const f: FieldMeta = {
      systemName: p.name,
      dataType: p.type,
      searchable: true,
      // the document is dropped once the model is built: its attribute object is reused when nothing is added
      attrs: p.annotations.other ? { ...p.attrs, ...p.annotations.other } : p.attrs
    }
    if (p.annotations.standardName) f.standardName = p.annotations.standardName
    if (p.annotations.description) f.description = p.annotations.description
    if (p.maxLength !== undefined) f.maxLength = p.maxLength
    if (p.precision !== undefined) f.precision = p.precision
    if (p.scale !== undefined) f.scale = p.scale
    if (p.nullable !== undefined) f.nullable = p.nullable
    if (p.collection) f.collection = true
    if (key.includes(p.name)) f.isKey = true
    const en = this.enumOf(p.type)
    if (en) {
      f.lookupName = en.name
      f.interpretation = p.collection || en.isFlags ? 'LookupMulti' : 'Lookup'
      if (!lookups.has(en.name)) lookups.set(en.name, this.enumLookup(en))
    } else if (p.annotations.lookupName) {
      // DD 2.x string lookups: values come from the Lookup resource, loaded separately (applyLookupRows)
      f.lookupName = p.annotations.lookupName
      f.interpretation = p.collection ? 'LookupMulti' : 'Lookup'
      if (!lookups.has(f.lookupName))
        lookups.set(f.lookupName, { name: f.lookupName, attrs: { source: 'Lookup resource' } })
    }
    return f
  }
}

export function enumLookup(en: EdmxEnumType): LookupMeta {
  const lookup: LookupMeta = {
    name: en.name,
    values: en.members.map((m) => {
      const value: LookupValue = {
        value: m.name,
        attrs: { ...annotationAttrs(m.annotations), ...(m.value !== undefined ? { Value: m.value } : {}) }
      }
      if (m.annotations.standardName) value.standardValue = m.annotations.standardName
      const long = m.annotations.description ?? m.annotations.standardName
      if (long) value.longValue = long
      return value
    }),
    attrs: { EnumType: `${en.namespace}.${en.name}`, ...(en.isFlags ? { IsFlags: 'true' } : {}) }
  }
  if (en.annotations.description) lookup.visibleName = en.annotations.description
  return lookup
}

export function edmxToModel(doc: EdmxDocument): MetadataModel {
  return new EdmxModelBuilder(doc).build()
}
