// Writes the Demo MLS $metadata (CSDL XML 4.0) from the field catalogue, on ONE line like the RESO reference
// metadata: EntityTypes with Key, facets, StandardName (the Data Dictionary display name, as in the RESO reference
// metadata) + Core.Description (the local label) annotations, the Media navigation
// property bound to the Media set, EnumTypes for lookups (or Edm.String + LookupName in DD 2.x string mode).
import type { DemoContext } from '../demo-context'
import type { FieldDef } from '../data/types'
import { entitySets, odataTypeOf, RESO_ENUM_NAMESPACE, RESO_NAMESPACE } from './reso-entities'
import { ddDisplayName } from '../data/field-catalogue'
import { apiSettingsFor } from '../web-api/api-settings'

function x(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function annotation(term: string, value: string): string {
  return `<Annotation Term="${term}" String="${x(value)}"/>`
}

function property(def: FieldDef, type: string, lookupStyle: 'enum' | 'string'): string {
  const facets: string[] = []
  if (type === 'Edm.String') facets.push(`MaxLength="${def.length}"`)
  if (type === 'Edm.Decimal') facets.push(`Precision="${def.length}"`, `Scale="${def.precision ?? 0}"`)
  if (def.isKey) facets.push('Nullable="false"')
  const fullType = def.multi ? `Collection(${type})` : type
  const notes = [
    annotation('RESO.OData.Metadata.StandardName', ddDisplayName(def.standardName)),
    annotation('Core.Description', def.description)
  ]
  if (def.lookup && lookupStyle === 'string') notes.push(annotation('RESO.OData.Metadata.LookupName', def.lookup))
  return `<Property Name="${x(def.standardName)}" Type="${fullType}"${facets.length ? ' ' + facets.join(' ') : ''}>${notes.join('')}</Property>`
}

export function demoEdmx(ctx: DemoContext): string {
  const settings = apiSettingsFor(ctx)
  const sets = entitySets(ctx, settings)
  const types = sets.map((set) => {
    const props = set.fields.map((f) => property(f, odataTypeOf(f, settings), settings.lookupStyle)).join('')
    const nav =
      set.name === 'Property' ? `<NavigationProperty Name="Media" Type="Collection(${RESO_NAMESPACE}.Media)"/>` : ''
    return `<EntityType Name="${set.name}"><Key><PropertyRef Name="${set.key}"/></Key>${props}${nav}${annotation('Core.Description', `RESO ${set.name} resource`)}</EntityType>`
  })
  const enums =
    settings.lookupStyle === 'enum'
      ? ctx.data
          .lookups()
          .map((l) => {
            const members = l.values
              .map(
                (v, i) =>
                  `<Member Name="${x(v.standardValue)}" Value="${i}">${annotation('RESO.OData.Metadata.StandardName', v.longValue)}</Member>`
              )
              .join('')
            return `<EnumType Name="${x(l.name)}">${members}${annotation('Core.Description', l.visibleName)}</EnumType>`
          })
          .join('')
      : ''
  const container = sets
    .map(
      (s) =>
        `<EntitySet Name="${s.name}" EntityType="${RESO_NAMESPACE}.${s.name}">${s.name === 'Property' ? '<NavigationPropertyBinding Path="Media" Target="Media"/>' : ''}</EntitySet>`
    )
    .join('')
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">' +
    '<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"><edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/></edmx:Reference>' +
    '<edmx:DataServices>' +
    `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${RESO_NAMESPACE}">${types.join('')}` +
    `<EntityContainer Name="Default">${container}</EntityContainer></Schema>` +
    (enums
      ? `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${RESO_ENUM_NAMESPACE}">${enums}</Schema>`
      : '') +
    '</edmx:DataServices></edmx:Edmx>'
  )
}
