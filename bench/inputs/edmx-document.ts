// A generated RESO-style $metadata on ONE line (as the RESO reference EDMX ships), grown to a target size with
// more entity types: properties with facets and StandardName / Description annotations, enum types with
// annotated members, navigation properties and an entity container with bindings.
export interface EdmxCounts {
  entityTypes: number
  properties: number
  enumMembers: number
}

const NS = 'org.reso.metadata'
const ann = (term: string, value: string): string => `<Annotation Term="${term}" String="${value}"/>`

function enumType(e: number): string {
  const members = Array.from(
    { length: 40 },
    (_, m) =>
      `<Member Name="Value${e}_${m}" Value="${m}">${ann('RESO.OData.Metadata.StandardName', `Value ${m} &amp; more`)}</Member>`
  ).join('')
  return `<EnumType Name="Enum${e}" UnderlyingType="Edm.Int32">${members}</EnumType>`
}

function entityType(t: number, enums: number): string {
  const props = Array.from({ length: 120 }, (_, p) => {
    const name = `Field${t}_${p}`
    const type = p % 5 === 0 ? `${NS}.enums.Enum${p % enums}` : p % 3 === 0 ? 'Edm.Decimal' : 'Edm.String'
    const facets =
      type === 'Edm.String' ? ' MaxLength="255"' : type === 'Edm.Decimal' ? ' Precision="14" Scale="2"' : ''
    return `<Property Name="${name}" Type="${type}"${facets}>${ann('RESO.OData.Metadata.StandardName', name)}${ann('Core.Description', `The ${name} of entity ${t}.`)}</Property>`
  }).join('')
  return `<EntityType Name="Entity${t}"><Key><PropertyRef Name="Field${t}_0"/></Key>${props}<NavigationProperty Name="Media" Type="Collection(${NS}.Media)"/></EntityType>`
}

/** Builds the document; entity types are added until it reaches `targetBytes`. */
export function buildEdmx(targetBytes: number): { text: string; counts: EdmxCounts } {
  const enums = 30
  const head = `<?xml version="1.0" encoding="UTF-8"?><edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>`
  const enumSchema = `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${NS}.enums">${Array.from({ length: enums }, (_, e) => enumType(e)).join('')}</Schema>`
  const media = `<EntityType Name="Media"><Key><PropertyRef Name="MediaKey"/></Key><Property Name="MediaKey" Type="Edm.String" Nullable="false"/></EntityType>`
  let size = head.length + enumSchema.length + media.length + 400
  const types: string[] = []
  while (size < targetBytes) {
    const t = entityType(types.length, enums)
    types.push(t)
    size += t.length + 120
  }
  const sets = types
    .map(
      (_, t) =>
        `<EntitySet Name="Entity${t}" EntityType="${NS}.Entity${t}"><NavigationPropertyBinding Path="Media" Target="Media"/></EntitySet>`
    )
    .join('')
  const text =
    head +
    `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${NS}">${types.join('')}${media}` +
    `<EntityContainer Name="Default">${sets}<EntitySet Name="Media" EntityType="${NS}.Media"/></EntityContainer></Schema>` +
    enumSchema +
    `</edmx:DataServices></edmx:Edmx>`
  return {
    text,
    counts: { entityTypes: types.length + 1, properties: types.length * 120 + 1, enumMembers: enums * 40 }
  }
}
