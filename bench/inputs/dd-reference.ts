// A generated Data Dictionary-like reference EDMX on ONE line, the shape and size of the one RESO publishes
// (~40 entity types, ~1,600 properties, ~220 enum types, ~3,600 members, ~2 MB) — we do not ship RESO's file.
// Field names are CamelCase words (ListPrice-like), so variation matching meets realistic names. Used by the
// conformance tests and the `conformance` bench case.
const NS = 'org.reso.metadata'

export const DD_WORDS = [
  'List',
  'Close',
  'Original',
  'Price',
  'Date',
  'Agent',
  'Office',
  'Key',
  'Bedrooms',
  'Bathrooms',
  'Total',
  'Living',
  'Area',
  'Lot',
  'Size',
  'Acres',
  'Year',
  'Built',
  'Street',
  'Name',
  'Number',
  'Suffix',
  'City',
  'Postal',
  'Code',
  'County',
  'State',
  'Public',
  'Remarks',
  'Modification',
  'Timestamp',
  'Photos',
  'Count',
  'Market',
  'Status',
  'Standard',
  'Property',
  'Type',
  'Appliances',
  'Interior',
  'Features',
  'Cooling',
  'Heating',
  'Garage',
  'Spaces',
  'Pool',
  'Private',
  'Tax',
  'Annual',
  'Amount',
  'Association',
  'Fee',
  'Frequency',
  'Elementary',
  'School',
  'District',
  'Directions',
  'Zoning',
  'View',
  'Waterfront',
  'Fireplace',
  'Stories',
  'Levels',
  'Roof',
  'Sewer',
  'Water',
  'Source',
  'Member',
  'Email',
  'Phone',
  'Mobile',
  'Media',
  'Order',
  'Showing',
  'Contact',
  'Parking',
  'Basement',
  'Exterior',
  'Construction',
  'Foundation',
  'Utilities'
]

/** Deterministic (a small LCG), so a test can rebuild exactly the reference a bench measured. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export interface DdReferenceSpec {
  entityTypes: number
  propertiesPerType: number
  enums: number
  membersPerEnum: number
  /** words of filler in each property's Core.Description (grows the file as RESO's long descriptions do) */
  descriptionWords: number
}

export const DD_REFERENCE_FULL: DdReferenceSpec = {
  entityTypes: 40,
  propertiesPerType: 40,
  enums: 220,
  membersPerEnum: 16,
  descriptionWords: 100
}

export interface DdReferenceProperty {
  name: string
  type: string
  maxLength?: number
  /** enum name when the property is a lookup */
  lookup?: string
}

export interface DdReference {
  entities: Array<{ name: string; properties: DdReferenceProperty[] }>
  enums: Array<{ name: string; members: string[] }>
}

/** The reference as data: unique CamelCase names per entity type, every fifth property an enum lookup. */
export function buildDdReference(spec: DdReferenceSpec, seed = 7): DdReference {
  const next = rng(seed)
  const word = (): string => DD_WORDS[Math.floor(next() * DD_WORDS.length)]!
  const enums = Array.from({ length: spec.enums }, (_, e) => ({
    name: `${word()}${word()}Enum${e}`,
    members: Array.from({ length: spec.membersPerEnum }, (_, m) => `${word()}${word()}${m}`)
  }))
  const types = ['Edm.String', 'Edm.Decimal', 'Edm.Int64', 'Edm.Date', 'Edm.DateTimeOffset', 'Edm.Boolean']
  const entities = Array.from({ length: spec.entityTypes }, (_, t) => {
    const names = new Set<string>()
    while (names.size < spec.propertiesPerType) names.add(`${word()}${word()}${next() < 0.5 ? word() : ''}`)
    const properties = [...names].map((name, p): DdReferenceProperty => {
      if (p % 5 === 4) return { name, type: 'Edm.String', lookup: enums[(t * 7 + p) % enums.length]!.name }
      const type = types[p % types.length]!
      return type === 'Edm.String' ? { name, type, maxLength: 50 + (p % 4) * 50 } : { name, type }
    })
    return { name: t === 0 ? 'Property' : `${word()}Resource${t}`, properties }
  })
  return { entities, enums }
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
const ann = (term: string, value: string): string => `<Annotation Term="${term}" String="${esc(value)}"/>`

/** The reference as a one-line EDMX: lookups as enum types (DD 1.7 style), StandardName and Description annotations. */
export function ddReferenceEdmx(ref: DdReference, spec: DdReferenceSpec): string {
  const filler = (name: string): string =>
    `The ${name} of the record. ${Array.from(
      { length: spec.descriptionWords },
      (_, i) => DD_WORDS[(name.length * 31 + i) % DD_WORDS.length]
    )
      .join(' ')
      .toLowerCase()}.`
  const enumXml = ref.enums
    .map(
      (e) =>
        `<EnumType Name="${e.name}">${e.members.map((m, i) => `<Member Name="${m}" Value="${i}">${ann('RESO.OData.Metadata.StandardName', m)}</Member>`).join('')}</EnumType>`
    )
    .join('')
  const typeXml = ref.entities
    .map((en) => {
      const props = en.properties
        .map((p) => {
          const type = p.lookup ? `${NS}.enums.${p.lookup}` : p.type
          const facets =
            p.maxLength !== undefined
              ? ` MaxLength="${p.maxLength}"`
              : p.type === 'Edm.Decimal'
                ? ' Precision="14" Scale="2"'
                : ''
          return `<Property Name="${p.name}" Type="${type}"${facets}>${ann('RESO.OData.Metadata.StandardName', p.name)}${ann('Core.Description', filler(p.name))}</Property>`
        })
        .join('')
      return `<EntityType Name="${en.name}"><Key><PropertyRef Name="${en.properties[0]!.name}"/></Key>${props}</EntityType>`
    })
    .join('')
  const sets = ref.entities.map((en) => `<EntitySet Name="${en.name}" EntityType="${NS}.${en.name}"/>`).join('')
  return (
    `<?xml version="1.0" encoding="UTF-8"?><edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>` +
    `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${NS}">${typeXml}<EntityContainer Name="Default">${sets}</EntityContainer></Schema>` +
    `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${NS}.enums">${enumXml}</Schema>` +
    `</edmx:DataServices></edmx:Edmx>`
  )
}
