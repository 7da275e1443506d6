// Demo MLS data in Spark shapes (Spark API documentation): listings as {ResourceUri, Id, StandardFields, CustomFields},
// photos with Uri300…UriLarge pointing at this server's media URLs, rooms as single-key field lists, /v1/standardfields
// and /v1/customfields from the same field catalogue as RETS and RESO. PropertyType carries the MLS code (as Spark
// does, with /v1/propertytypes naming it); other lookups carry the standard value.
import type { DemoContext, DemoRole } from '../demo-context'
import { mediaPath } from '../data/listing-generator'
import type { FieldDef, Listing } from '../data/types'

export const SPARK_MASKED = '********'

/** Fields a role may not see: IDX feeds get sold data masked (Spark API documentation, "Restricted Fields"). */
export function maskedFor(role: DemoRole): string[] {
  return role === 'idx' ? ['ClosePrice', 'CloseDate', 'ListAgentKey'] : []
}

export function sparkType(def: FieldDef): string {
  switch (def.type) {
    case 'Int':
      return 'Integer'
    case 'DateTime':
      return 'Datetime'
    default:
      return def.type
  }
}

export function propertyTypeCode(ctx: DemoContext, standard: string): string {
  return ctx.data.lookup('PropertyType')?.values.find((v) => v.standardValue === standard)?.value ?? standard
}

export function standardFieldsOf(ctx: DemoContext, l: Listing, role: DemoRole): Record<string, unknown> {
  const masked = maskedFor(role)
  const out: Record<string, unknown> = {}
  for (const def of ctx.data.fields('Property')) {
    const name = def.standardName
    const value = (l as unknown as Record<string, unknown>)[name]
    if (masked.includes(name)) out[name] = SPARK_MASKED
    else if (name === 'PropertyType') out[name] = propertyTypeCode(ctx, String(value))
    else out[name] = value ?? null
  }
  return out
}

const PHOTO_SIZES: Array<[string, 'Photo' | 'HiRes']> = [
  ['UriThumb', 'Photo'],
  ['Uri300', 'Photo'],
  ['Uri640', 'Photo'],
  ['Uri800', 'Photo'],
  ['Uri1024', 'Photo'],
  ['Uri1280', 'HiRes'],
  ['Uri1600', 'HiRes'],
  ['Uri2048', 'HiRes'],
  ['UriLarge', 'HiRes']
]

export function sparkPhotos(ctx: DemoContext, l: Listing): Array<Record<string, unknown>> {
  return l.Media.map((m) => {
    const photo: Record<string, unknown> = {
      ResourceUri: `/v1/listings/${l.ListingKey}/photos/${m.MediaKey}`,
      Id: m.MediaKey,
      Name: m.ShortDescription,
      Caption: '',
      Primary: m.Order === 1
    }
    for (const [name, type] of PHOTO_SIZES) photo[name] = `${ctx.baseUrl()}${mediaPath(l.ListingKey, m.Order, type)}`
    return photo
  })
}

export function sparkRooms(l: Listing): Array<Record<string, unknown>> {
  return l.Rooms.map((r) => ({
    Id: r.RoomKey,
    ResourceUri: `/v1/listings/${l.ListingKey}/rooms/${r.RoomKey}`,
    Fields: [{ 'Room Type': r.RoomType }, { 'Room Level': r.RoomLevel }, { 'Room Dimensions': r.RoomDimensions }]
  }))
}

export function sparkOpenHouses(l: Listing): Array<Record<string, unknown>> {
  return l.OpenHouses.map((o) => ({
    ResourceUri: `/v1/listings/${l.ListingKey}/openhouses/${o.OpenHouseKey}`,
    Id: o.OpenHouseKey,
    Date: o.OpenHouseDate,
    StartTime: o.OpenHouseStartTime,
    EndTime: o.OpenHouseEndTime,
    Comments: o.OpenHouseRemarks
  }))
}

/** The Demo MLS custom fields: listing facts outside the standard catalogue, grouped the Spark way. */
const CUSTOM_GROUPS: Array<{
  tab: string
  group: string
  fields: Array<{ label: string; type: string; value: (l: Listing) => unknown }>
}> = [
  {
    tab: 'Main',
    group: 'Listing Details',
    fields: [
      { label: 'Days On Market', type: 'Integer', value: (l) => l.DaysOnMarket },
      { label: 'Photo Count', type: 'Integer', value: (l) => l.PhotosCount },
      { label: 'Has Open House', type: 'Boolean', value: (l) => l.OpenHouses.length > 0 }
    ]
  }
]

export function sparkCustomFields(l: Listing): unknown[] {
  return CUSTOM_GROUPS.map((g) => ({ [g.tab]: [{ [g.group]: g.fields.map((f) => ({ [f.label]: f.value(l) })) }] }))
}

export function customFieldsMetadata(): unknown[] {
  return CUSTOM_GROUPS.map((g) => ({
    [g.tab]: {
      Label: g.tab,
      Fields: [
        {
          [g.group]: {
            Label: g.group,
            Fields: g.fields.map((f) => ({
              [f.label]: {
                ResourceUri: `/v1/customfields/${encodeURIComponent(f.label)}`,
                Label: f.label,
                Type: f.type,
                Searchable: false,
                HasList: false
              }
            }))
          }
        }
      ]
    }
  }))
}

export function standardFieldsMetadata(ctx: DemoContext, withList?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const def of ctx.data.fields('Property')) {
    if (withList !== undefined && def.standardName !== withList) continue
    const entry: Record<string, unknown> = {
      ResourceUri: `/v1/standardfields/${def.standardName}`,
      Label: def.longName,
      HasList: def.lookup !== undefined,
      Searchable: def.searchable,
      Type: sparkType(def),
      MaxListSize: def.multi ? 10 : def.lookup ? 1 : 0
    }
    if (withList !== undefined && def.lookup) {
      entry.FieldList = (ctx.data.lookup(def.lookup)?.values ?? []).map((v) =>
        def.standardName === 'PropertyType'
          ? { Name: v.longValue, Value: v.value }
          : { Name: v.longValue, Value: v.standardValue }
      )
    }
    out[def.standardName] = entry
  }
  return out
}

/** One listing as a /v1/listings result with the requested expansions and selection. */
export function sparkListing(
  ctx: DemoContext,
  l: Listing,
  role: DemoRole,
  expand: string[],
  select: string[] | undefined
): Record<string, unknown> {
  const all = standardFieldsOf(ctx, l, role)
  const standard: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(all)) if (!select || select.includes(k)) standard[k] = v
  // Spark nests expansions inside StandardFields
  if (expand.includes('Photos')) standard.Photos = sparkPhotos(ctx, l)
  else if (expand.includes('PrimaryPhoto')) standard.Photos = sparkPhotos(ctx, l).slice(0, 1)
  if (expand.includes('Rooms')) standard.Rooms = sparkRooms(l)
  if (expand.includes('OpenHouses')) standard.OpenHouses = sparkOpenHouses(l)
  const result: Record<string, unknown> = {
    ResourceUri: `/v1/listings/${l.ListingKey}`,
    Id: l.ListingKey,
    StandardFields: standard
  }
  if (expand.includes('CustomFields')) result.CustomFields = sparkCustomFields(l)
  return result
}
