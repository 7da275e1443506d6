// Stream-reads an EDMX document as its bytes arrive (the RESO reference $metadata is 2 MB on ONE line, vendors' are
// up to ~50 MB; a DOM would hold all of it twice). Elements are matched by local name so any prefix (edmx:, none)
// works. Annotations may carry their value as an attribute (String="…") or as a child element (<String>…</String>),
// and may sit inline or in <Annotations Target="Ns.Type/Prop"> blocks — both are read. Tokenizing is EdmxScanner's
// (attribute values are cut out only when asked for); the values repeated across properties (types, facets) are
// interned, so 200k properties share a few dozen strings.
import { StringDecoder } from 'node:string_decoder'
import { EdmxScanner, type EdmxTag } from './edmx-scanner'
import {
  emptyAnnotations,
  type EdmxAnnotations,
  type EdmxDocument,
  type EdmxEntitySet,
  type EdmxEntityType,
  type EdmxEnumType,
  type EdmxProperty
} from './edmx-types'

const VALUE_ATTRS = ['String', 'Bool', 'Int', 'Decimal', 'EnumMember', 'Path', 'Date', 'DateTimeOffset']
/** the elements read (and the frequent ones skipped), by local name */
const ELEMENTS = [
  'Edmx',
  'DataServices',
  'Reference',
  'Include',
  'Schema',
  'EntityType',
  'ComplexType',
  'Key',
  'PropertyRef',
  'Property',
  'NavigationProperty',
  'EnumType',
  'Member',
  'EntityContainer',
  'EntitySet',
  'NavigationPropertyBinding',
  'Annotations',
  'Annotation',
  'String',
  'Record',
  'PropertyValue',
  'Collection'
]
/** distinct values interned at most: a hostile document of unique values must not grow the table without end */
const MAX_INTERNED = 10_000

function intAttr(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined
  return Number(value)
}

const COLLECTION = 'Collection('

export function unwrapCollection(type: string): { type: string; collection: boolean } {
  return type.startsWith(COLLECTION) && type.endsWith(')') && type.length > COLLECTION.length + 1
    ? { type: type.slice(COLLECTION.length, -1), collection: true }
    : { type, collection: false }
}

/** `term` ends with the segment `.last`, or is it (aliases vary), compared without cutting the segment out. */
function termIs(term: string, last: string): boolean {
  return term.endsWith(last) && (term.length === last.length || term.charCodeAt(term.length - last.length - 1) === 0x2e)
}

/** Puts one annotation where the model wants it; terms are matched on their last segment (aliases vary). */
export function addAnnotation(target: EdmxAnnotations, term: string, value: string): void {
  if (termIs(term, 'StandardName')) target.standardName = value
  else if (termIs(term, 'Description') || termIs(term, 'LongDescription')) target.description ??= value
  else if (termIs(term, 'LookupName')) target.lookupName = value
  else (target.other ??= {})[term] = value
}

export class EdmxReader {
  private readonly scanner = new EdmxScanner(this, ELEMENTS)
  /** Node's decoder: several times faster than TextDecoder in streaming mode, same U+FFFD for bad bytes */
  private readonly decoder = new StringDecoder('utf8')
  private readonly doc: EdmxDocument = { namespaces: [], aliases: {}, entityTypes: [], enumTypes: [], entitySets: [] }
  private namespace = ''
  private entityType: EdmxEntityType | undefined
  private enumType: EdmxEnumType | undefined
  private entitySet: EdmxEntitySet | undefined
  /** where the next <Annotation> goes: the innermost annotatable element */
  private readonly annotatable: EdmxAnnotations[] = []
  private annotationTerm: string | undefined
  private annotationText = ''
  private inKey = false
  /** <Annotations Target="…"> blocks, applied after the document is read */
  private readonly external: Array<{ target: string; annotations: EdmxAnnotations }> = []
  private readonly interned = new Map<string, string>()

  /** the scanner hands text over only inside an <Annotation> whose value is its content */
  get wantsText(): boolean {
    return this.annotationTerm !== undefined
  }

  write(chunk: Buffer | string): void {
    this.scanner.write(typeof chunk === 'string' ? chunk : this.decoder.write(chunk))
  }

  finish(): EdmxDocument {
    this.scanner.write(this.decoder.end())
    this.scanner.close()
    this.applyExternalAnnotations()
    return this.doc
  }

  text(text: string): void {
    this.annotationText += text
  }

  /** One string per distinct value (a cut-out value is a view on the whole chunk it came from; this drops it). */
  private intern(value: string): string {
    const known = this.interned.get(value)
    if (known !== undefined) return known
    if (this.interned.size < MAX_INTERNED) this.interned.set(value, value)
    return value
  }

  /** A property's attributes: the name as it is, every other value interned (types and facets repeat). */
  private propertyAttrs(tag: EdmxTag): Record<string, string> {
    const attrs: Record<string, string> = {}
    for (let i = 0; i < tag.count; i++) {
      const name = tag.nameAt(i)
      attrs[name] = name === 'Name' ? tag.valueAt(i) : this.intern(tag.valueAt(i))
    }
    return attrs
  }

  open(name: string, tag: EdmxTag, selfClosing: boolean): void {
    switch (name) {
      case 'Edmx': {
        const version = tag.get('Version')
        if (version) this.doc.version = version
        break
      }
      case 'Include':
      case 'Schema': {
        const alias = tag.get('Alias')
        const namespace = tag.get('Namespace')
        if (name === 'Schema') {
          this.namespace = namespace ?? ''
          this.doc.namespaces.push(this.namespace)
          if (alias) this.doc.aliases[alias] = this.namespace
        } else if (alias && namespace) this.doc.aliases[alias] = namespace
        break
      }
      case 'EntityType':
      case 'ComplexType': {
        const et: EdmxEntityType = {
          namespace: this.namespace,
          name: tag.get('Name') ?? '',
          key: [],
          properties: [],
          navigation: [],
          annotations: emptyAnnotations()
        }
        const baseType = tag.get('BaseType')
        if (baseType) et.baseType = baseType
        // complex types are kept out of the entity list: they are never entity sets
        if (name === 'EntityType') this.doc.entityTypes.push(et)
        this.entityType = et
        this.annotatable.push(et.annotations)
        break
      }
      case 'Key':
        this.inKey = true
        break
      case 'PropertyRef': {
        const ref = this.inKey && this.entityType ? tag.get('Name') : undefined
        if (ref) this.entityType!.key.push(ref)
        break
      }
      case 'Property':
        if (this.entityType) {
          const attrs = this.propertyAttrs(tag)
          const { type, collection } = unwrapCollection(attrs.Type ?? 'Edm.String')
          const prop: EdmxProperty = {
            name: attrs.Name ?? '',
            type: this.intern(type),
            collection,
            attrs,
            annotations: emptyAnnotations()
          }
          if (attrs.Nullable !== undefined) prop.nullable = attrs.Nullable !== 'false'
          const maxLength = intAttr(attrs.MaxLength)
          if (maxLength !== undefined) prop.maxLength = maxLength
          const precision = intAttr(attrs.Precision)
          if (precision !== undefined) prop.precision = precision
          const scale = intAttr(attrs.Scale)
          if (scale !== undefined) prop.scale = scale
          this.entityType.properties.push(prop)
          this.annotatable.push(prop.annotations)
        } else this.annotatable.push(emptyAnnotations())
        break
      case 'NavigationProperty': {
        const { type, collection } = unwrapCollection(tag.get('Type') ?? '')
        this.entityType?.navigation.push({ name: tag.get('Name') ?? '', type, collection })
        this.annotatable.push(emptyAnnotations())
        break
      }
      case 'EnumType': {
        const en: EdmxEnumType = {
          namespace: this.namespace,
          name: tag.get('Name') ?? '',
          isFlags: tag.get('IsFlags') === 'true',
          members: [],
          annotations: emptyAnnotations()
        }
        this.doc.enumTypes.push(en)
        this.enumType = en
        this.annotatable.push(en.annotations)
        break
      }
      case 'Member': {
        const value = tag.get('Value')
        const member = {
          name: tag.get('Name') ?? '',
          annotations: emptyAnnotations(),
          ...(value !== undefined ? { value } : {})
        }
        this.enumType?.members.push(member)
        this.annotatable.push(member.annotations)
        break
      }
      case 'EntityContainer': {
        const container = tag.get('Name')
        if (container !== undefined) this.doc.containerName = container
        break
      }
      case 'EntitySet': {
        const set: EdmxEntitySet = {
          name: tag.get('Name') ?? '',
          entityType: tag.get('EntityType') ?? '',
          bindings: [],
          annotations: emptyAnnotations()
        }
        this.doc.entitySets.push(set)
        this.entitySet = set
        this.annotatable.push(set.annotations)
        break
      }
      case 'NavigationPropertyBinding':
        this.entitySet?.bindings.push({ path: tag.get('Path') ?? '', target: tag.get('Target') ?? '' })
        break
      case 'Annotations': {
        const block = { target: tag.get('Target') ?? '', annotations: emptyAnnotations() }
        this.external.push(block)
        this.annotatable.push(block.annotations)
        break
      }
      case 'Annotation': {
        const term = tag.get('Term') ?? ''
        let attrValue: string | undefined
        for (let i = 0; attrValue === undefined && i < VALUE_ATTRS.length; i++) attrValue = tag.get(VALUE_ATTRS[i]!)
        const target = this.annotatable[this.annotatable.length - 1]
        if (attrValue !== undefined || selfClosing) {
          if (target && attrValue !== undefined) addAnnotation(target, term, attrValue)
        } else {
          this.annotationTerm = term
          this.annotationText = ''
        }
        break
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'EntityType':
      case 'ComplexType':
        this.entityType = undefined
        this.annotatable.pop()
        break
      case 'Key':
        this.inKey = false
        break
      case 'Property':
      case 'NavigationProperty':
      case 'Member':
      case 'Annotations':
        this.annotatable.pop()
        break
      case 'EnumType':
        this.enumType = undefined
        this.annotatable.pop()
        break
      case 'EntitySet':
        this.entitySet = undefined
        this.annotatable.pop()
        break
      case 'Annotation':
        if (this.annotationTerm !== undefined) {
          const target = this.annotatable[this.annotatable.length - 1]
          const text = this.annotationText.trim()
          // structured annotations (<Record>, <Collection>) have no text: nothing the model shows
          if (target && text) addAnnotation(target, this.annotationTerm, text)
          this.annotationTerm = undefined
        }
        break
    }
  }

  /** Target "Ns.Type" or "Ns.Type/Property" (or with an alias prefix); unknown targets are ignored. */
  private applyExternalAnnotations(): void {
    for (const { target, annotations } of this.external) {
      const [typePart, member] = target.split('/')
      const typeName = (typePart ?? '').slice((typePart ?? '').lastIndexOf('.') + 1)
      const et = this.doc.entityTypes.find((t) => t.name === typeName)
      const en = this.doc.enumTypes.find((t) => t.name === typeName)
      const dest = member
        ? (et?.properties.find((p) => p.name === member)?.annotations ??
          en?.members.find((m) => m.name === member)?.annotations)
        : (et?.annotations ?? en?.annotations)
      if (!dest) continue
      if (annotations.standardName !== undefined) dest.standardName ??= annotations.standardName
      if (annotations.description !== undefined) dest.description ??= annotations.description
      if (annotations.lookupName !== undefined) dest.lookupName ??= annotations.lookupName
      if (annotations.other) Object.assign((dest.other ??= {}), annotations.other)
    }
  }
}

/** Reads a whole EDMX from a string or a stream of chunks. */
export async function readEdmx(source: string | Buffer | AsyncIterable<Buffer | string>): Promise<EdmxDocument> {
  const reader = new EdmxReader()
  if (typeof source === 'string' || Buffer.isBuffer(source)) reader.write(source)
  else for await (const chunk of source) reader.write(chunk)
  return reader.finish()
}
