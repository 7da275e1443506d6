// The entity sets the Demo MLS serves over OData, all generated from the one field catalogue (data/field-catalogue):
// Property, Member, Office, OpenHouse, Media, and the DD 2.x Lookup resource built from the lookup catalogue.
// Lookup values: enum mode shows the enum member names the records hold; Data Dictionary 2.0 string mode shows the
// human-friendly values ("Active Under Contract"), the member name surviving as the Lookup's LegacyODataValue.
import type { FieldMeta } from '../../domain/metadata/metadata-model'
import type { DemoContext } from '../demo-context'
import { edmTypeOf } from '../data/field-catalogue'
import type { CatalogueResource, FieldDef, Listing } from '../data/types'
import type { DemoApiSettings } from '../web-api/api-settings'

export const RESO_NAMESPACE = 'org.reso.metadata'
export const RESO_ENUM_NAMESPACE = 'org.reso.metadata.enums'

export interface EntitySetDef {
  name: string
  key: string
  fields: FieldDef[]
  /** the set's records as stored, in key order */
  items(): Iterable<unknown>
  /** a record as the entity a client sees: made only for what a reply shows or a filter reads */
  entity(item: unknown): Record<string, unknown>
  /**
   * optional: the records stamped `fromIso` or later in (ModificationTimestamp, key) order, as a server's index on the
   * stamp gives them; undefined when the data keeps no such index
   */
  itemsByStamp?(fromIso: string | undefined): Iterable<unknown> | undefined
}

/** The Lookup entity type is not in the field catalogue (it describes the catalogue); its shape is DD 2.0's. */
export const LOOKUP_FIELDS: FieldDef[] = (
  [
    ['LookupKey', 'Lookup Key', 80],
    ['LookupName', 'Lookup Name', 80],
    ['LookupValue', 'Lookup Value', 255],
    ['StandardLookupValue', 'Standard Lookup Value', 255],
    ['LegacyODataValue', 'Legacy OData Value', 255]
  ] as const
).map(([name, longName, length]) => ({
  resource: 'Property' as CatalogueResource,
  standardName: name,
  systemName: name,
  longName,
  type: 'Character' as const,
  length,
  searchable: true,
  description: longName,
  ...(name === 'LookupKey' ? { isKey: true } : {})
}))

export function absoluteMediaUrl(ctx: DemoContext, path: string): string {
  return path.startsWith('http') ? path : `${ctx.baseUrl()}${path}`
}

/** A listing as the OData Property entity (expansions left out; $expand=Media adds them back). */
export function propertyEntity(l: Listing): Record<string, unknown> {
  const { Rooms: _rooms, OpenHouses: _openHouses, Media: _media, ...entity } = l
  return entity
}

function* flatMapListings<T>(ctx: DemoContext, pick: (l: Listing) => T[]): Iterable<T> {
  for (const l of ctx.data.listings()) yield* pick(l)
}

/** A row as this set shows it: in string mode, lookup fields carry the DD 2.0 human-friendly value(s). */
export function lookupPresenter(
  ctx: DemoContext,
  fields: readonly FieldDef[],
  settings: DemoApiSettings
): (row: Record<string, unknown>) => Record<string, unknown> {
  const lookups = fields.filter((f) => f.lookup)
  if (settings.lookupStyle === 'enum' || !lookups.length) return (row) => row
  const friendly = new Map(
    lookups.map((f) => [
      f.standardName,
      new Map((ctx.data.lookup(f.lookup ?? '')?.values ?? []).map((v) => [v.standardValue, v.longValue]))
    ])
  )
  return (row) => {
    const out = { ...row }
    for (const [name, values] of friendly) {
      const v = out[name]
      if (Array.isArray(v)) out[name] = v.map((x) => values.get(String(x)) ?? x)
      else if (typeof v === 'string') out[name] = values.get(v) ?? v
    }
    return out
  }
}

type Row = Record<string, unknown>

export function entitySets(ctx: DemoContext, settings: DemoApiSettings): EntitySetDef[] {
  const fields = (r: CatalogueResource): FieldDef[] => [...ctx.data.fields(r)]
  const key = (r: CatalogueResource): string => ctx.data.fields(r).find((f) => f.isKey)?.standardName ?? ''
  const set = (name: CatalogueResource, items: () => Iterable<unknown>, toRow = (item: unknown) => item as Row) => {
    const present = lookupPresenter(ctx, ctx.data.fields(name), settings)
    return { name, key: key(name), fields: fields(name), items, entity: (item: unknown) => present(toRow(item)) }
  }
  return [
    {
      ...set(
        'Property',
        () => ctx.data.listings(),
        (l) => propertyEntity(l as Listing)
      ),
      itemsByStamp: (fromIso) => ctx.data.listingsByStamp(fromIso)
    },
    set('Member', () => ctx.data.agents()),
    set('Office', () => ctx.data.offices()),
    set('OpenHouse', () => flatMapListings(ctx, (l) => l.OpenHouses)),
    set('Media', () => flatMapListings(ctx, (l) => mediaEntities(ctx, l))),
    // many servers (DD 1.7, enum-only ones) have no Lookup resource: no entity set, so /Lookup answers 404
    ...(ctx.quirk('reso-no-lookup')
      ? []
      : [
          {
            name: 'Lookup',
            key: 'LookupKey',
            fields: LOOKUP_FIELDS,
            items: () => lookupRows(ctx, settings),
            entity: (item: unknown) => item as Row
          }
        ])
  ]
}

/** A listing's photos as Media entities (absolute URLs). */
export function mediaEntities(ctx: DemoContext, l: Listing): Array<Record<string, unknown>> {
  return l.Media.map((m) => ({ ...m, MediaURL: absoluteMediaUrl(ctx, m.MediaURL) }))
}

function lookupRows(ctx: DemoContext, settings: DemoApiSettings): Array<Record<string, unknown>> {
  const friendly = settings.lookupStyle === 'string'
  return ctx.data.lookups().flatMap((l) =>
    l.values.map((v) => ({
      LookupKey: `${l.name}-${v.value}`,
      LookupName: l.name,
      // the value records carry: the DD 2.0 human-friendly one in string mode, the enum member name otherwise
      LookupValue: friendly ? v.longValue : v.standardValue,
      StandardLookupValue: v.longValue,
      LegacyODataValue: v.standardValue
    }))
  )
}

/** The OData type of a catalogue field under the current lookup style (without Collection()). */
export function odataTypeOf(def: FieldDef, settings: DemoApiSettings): string {
  if (def.lookup && settings.lookupStyle === 'enum') return `${RESO_ENUM_NAMESPACE}.${def.lookup}`
  return edmTypeOf(def)
}

/** Catalogue rows as shared-model fields, for the $filter evaluator. */
export function fieldMetas(set: EntitySetDef, settings: DemoApiSettings): FieldMeta[] {
  return set.fields.map((def) => {
    const f: FieldMeta = {
      systemName: def.standardName,
      dataType: odataTypeOf(def, settings),
      searchable: def.searchable,
      attrs: {}
    }
    if (def.lookup) {
      f.lookupName = def.lookup
      f.interpretation = def.multi ? 'LookupMulti' : 'Lookup'
    }
    if (def.multi) f.collection = true
    return f
  })
}
