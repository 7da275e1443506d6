// Stream-reads an EDMX document with saxes (the RESO reference $metadata is 2 MB on ONE line, vendors' are bigger;
// a DOM would hold all of it twice). Elements are matched by local name so any prefix (edmx:, none) works.
// Annotations may carry their value as an attribute (String="…") or as a child element (<String>…</String>),
// and may sit inline or in <Annotations Target="Ns.Type/Prop"> blocks — both are read.
import { SaxesParser } from 'saxes'
import { AppError } from '../../../contract/app-error'
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

function localName(name: string): string {
  const i = name.indexOf(':')
  return i < 0 ? name : name.slice(i + 1)
}

function intAttr(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined
  return Number(value)
}

export function unwrapCollection(type: string): { type: string; collection: boolean } {
  const m = /^Collection\((.+)\)$/.exec(type)
  return m ? { type: m[1]!, collection: true } : { type, collection: false }
}

/** Puts one annotation where the model wants it; terms are matched on their last segment (aliases vary). */
export function addAnnotation(target: EdmxAnnotations, term: string, value: string): void {
  const last = term.slice(term.lastIndexOf('.') + 1)
  if (last === 'StandardName') target.standardName = value
  else if (last === 'Description' || last === 'LongDescription') target.description ??= value
  else if (last === 'LookupName') target.lookupName = value
  else target.other[term] = value
}

export class EdmxReader {
  private readonly parser = new SaxesParser({ xmlns: false })
  private readonly decoder = new TextDecoder('utf-8')
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
  private error: unknown

  constructor() {
    this.parser.on('opentag', (tag) =>
      this.open(localName(tag.name), tag.attributes as Record<string, string>, tag.isSelfClosing)
    )
    this.parser.on('closetag', (tag) => this.close(localName(tag.name)))
    this.parser.on('text', (text) => {
      if (this.annotationTerm !== undefined) this.annotationText += text
    })
    this.parser.on('error', (err) => {
      this.error ??= new AppError({ code: 'EDMX_XML', message: `The $metadata is not well-formed XML: ${err.message}` })
    })
  }

  write(chunk: Buffer | string): void {
    this.parser.write(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }))
    if (this.error) throw this.error
  }

  finish(): EdmxDocument {
    this.parser.write(this.decoder.decode())
    this.parser.close()
    if (this.error) throw this.error
    this.applyExternalAnnotations()
    return this.doc
  }

  private open(name: string, a: Record<string, string>, selfClosing: boolean): void {
    switch (name) {
      case 'Edmx':
        if (a.Version) this.doc.version = a.Version
        break
      case 'Include':
        if (a.Alias && a.Namespace) this.doc.aliases[a.Alias] = a.Namespace
        break
      case 'Schema':
        this.namespace = a.Namespace ?? ''
        this.doc.namespaces.push(this.namespace)
        if (a.Alias) this.doc.aliases[a.Alias] = this.namespace
        break
      case 'EntityType':
      case 'ComplexType': {
        const et: EdmxEntityType = {
          namespace: this.namespace,
          name: a.Name ?? '',
          key: [],
          properties: [],
          navigation: [],
          annotations: emptyAnnotations()
        }
        if (a.BaseType) et.baseType = a.BaseType
        // complex types are kept out of the entity list: they are never entity sets
        if (name === 'EntityType') this.doc.entityTypes.push(et)
        this.entityType = et
        this.annotatable.push(et.annotations)
        break
      }
      case 'Key':
        this.inKey = true
        break
      case 'PropertyRef':
        if (this.inKey && this.entityType && a.Name) this.entityType.key.push(a.Name)
        break
      case 'Property':
        if (this.entityType) {
          const { type, collection } = unwrapCollection(a.Type ?? 'Edm.String')
          const prop: EdmxProperty = {
            name: a.Name ?? '',
            type,
            collection,
            attrs: { ...a },
            annotations: emptyAnnotations()
          }
          if (a.Nullable !== undefined) prop.nullable = a.Nullable !== 'false'
          const maxLength = intAttr(a.MaxLength)
          if (maxLength !== undefined) prop.maxLength = maxLength
          const precision = intAttr(a.Precision)
          if (precision !== undefined) prop.precision = precision
          const scale = intAttr(a.Scale)
          if (scale !== undefined) prop.scale = scale
          this.entityType.properties.push(prop)
          this.annotatable.push(prop.annotations)
        } else this.annotatable.push(emptyAnnotations())
        break
      case 'NavigationProperty': {
        const { type, collection } = unwrapCollection(a.Type ?? '')
        this.entityType?.navigation.push({ name: a.Name ?? '', type, collection })
        this.annotatable.push(emptyAnnotations())
        break
      }
      case 'EnumType': {
        const en: EdmxEnumType = {
          namespace: this.namespace,
          name: a.Name ?? '',
          isFlags: a.IsFlags === 'true',
          members: [],
          annotations: emptyAnnotations()
        }
        this.doc.enumTypes.push(en)
        this.enumType = en
        this.annotatable.push(en.annotations)
        break
      }
      case 'Member': {
        const member = {
          name: a.Name ?? '',
          annotations: emptyAnnotations(),
          ...(a.Value !== undefined ? { value: a.Value } : {})
        }
        this.enumType?.members.push(member)
        this.annotatable.push(member.annotations)
        break
      }
      case 'EntityContainer':
        if (a.Name !== undefined) this.doc.containerName = a.Name
        break
      case 'EntitySet': {
        const set: EdmxEntitySet = {
          name: a.Name ?? '',
          entityType: a.EntityType ?? '',
          bindings: [],
          annotations: emptyAnnotations()
        }
        this.doc.entitySets.push(set)
        this.entitySet = set
        this.annotatable.push(set.annotations)
        break
      }
      case 'NavigationPropertyBinding':
        this.entitySet?.bindings.push({ path: a.Path ?? '', target: a.Target ?? '' })
        break
      case 'Annotations': {
        const block = { target: a.Target ?? '', annotations: emptyAnnotations() }
        this.external.push(block)
        this.annotatable.push(block.annotations)
        break
      }
      case 'Annotation': {
        const term = a.Term ?? ''
        const attrValue = VALUE_ATTRS.map((k) => a[k]).find((v) => v !== undefined)
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

  private close(name: string): void {
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
      Object.assign(dest.other, annotations.other)
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
