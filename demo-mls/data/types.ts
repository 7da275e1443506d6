/*
 * Demo MLS data: the records every protocol serves, and the ONE field catalogue every metadata format is built from.
 *
 * For helper C (Spark / RESO / OAuth) — how to use this from a Mount:
 *   - `ctx.data.listings()` iterates every live listing in key order (in large mode rows are generated on the fly:
 *     iterate, never `Array.from` a million rows). `ctx.data.get(key)` finds one by ListingKey; `ctx.data.count()`.
 *   - Records use RESO Data Dictionary names, so `listing[field.standardName]` is the value of a catalogue field.
 *     Lookup fields hold the *standard value* (e.g. StandardStatus 'Active'); multi-select fields hold string[].
 *     Dates are 'YYYY-MM-DD', timestamps ISO 8601 UTC 'YYYY-MM-DDThh:mm:ssZ'.
 *   - `ctx.data.fields('Property')` is the catalogue: RESO `$metadata` properties and Spark `standardfields` come
 *     from `standardName`/`type`/`length`/`lookup`/`multi`; RETS TABLE uses `systemName` and the same rows.
 *     `ctx.data.lookups()` holds every lookup (RESO EnumType members = `standardValue`; RETS codes = `value`).
 *     Fields with `classes` only exist in those RETS classes (A Residential, B Land, C Rental); all fields are on
 *     the RESO Property entity.
 *   - `ctx.data.metadataVersion()` / `metadataDate()` change whenever the catalogue changes (admin adds a field).
 *   - Photos: `listing.Media` lists them (Order 1..n). MediaURL is a server-relative path (/rets/media/<key>/Photo/<n>.jpg,
 *     served without auth): prefix `ctx.baseUrl()` before handing it out. `ctx.data.photo(key, order, 'Photo' | 'HiRes')`
 *     gives the JPEG bytes or undefined (every 500th listing, from index 1, misses its last photo on purpose).
 *   - `ctx.data.agents()` / `offices()` are the Member / Office resources.
 *   - Mutations (`add`, `update`, `remove`) bump ModificationTimestamp and append to `changes()`; removed keys stay
 *     in `removed()` so sync clients can be told about deletions.
 *   - Faults (`ctx.faults`): the server applies slowMs, unauthorizedNoChallenge and dropMidBody to every path under
 *     `faults.scope` except /admin; malformedXml and latin1UnderUtf8 are body faults each protocol applies itself
 *     (RETS does, through rets/rets-envelope.ts) — read them in your writers if you want them.
 */

export type PropertyType = 'Residential' | 'Land' | 'ResidentialLease'
export type StandardStatus =
  'Active' | 'ActiveUnderContract' | 'Pending' | 'Closed' | 'Expired' | 'Withdrawn' | 'Canceled'
export type ImageType = 'Photo' | 'HiRes'

export interface Room {
  RoomKey: string
  RoomType: string
  RoomLevel: string
  RoomDimensions: string
}

export interface OpenHouse {
  OpenHouseKey: string
  ListingKey: string
  OpenHouseDate: string
  OpenHouseStartTime: string
  OpenHouseEndTime: string
  OpenHouseRemarks: string
}

export interface Media {
  MediaKey: string
  ResourceRecordKey: string
  MediaCategory: 'Photo'
  MediaType: 'jpeg'
  Order: number
  ShortDescription: string
  /** Absolute URL once served (ctx.baseUrl() + path); the data layer stores the path only. */
  MediaURL: string
  ModificationTimestamp: string
}

// Optional fields may be read as undefined: large-mode rows compute them with getters (ListingRow)
export interface Listing {
  ListingKey: string
  ListingId: string
  StandardStatus: StandardStatus
  PropertyType: PropertyType
  PropertySubType: string
  ListPrice: number
  ClosePrice?: number | undefined
  CloseDate?: string | undefined
  OriginalListPrice: number
  City: string
  CountyOrParish: string
  StateOrProvince: string
  PostalCode: string
  UnparsedAddress: string
  StreetNumber: string
  StreetName: string
  StreetSuffix: string
  Latitude: number
  Longitude: number
  BedroomsTotal?: number | undefined
  BathroomsTotalInteger?: number | undefined
  LivingArea?: number | undefined
  LotSizeAcres: number
  YearBuilt?: number | undefined
  PublicRemarks: string
  ListAgentKey: string
  ListOfficeKey: string
  ModificationTimestamp: string
  ListingContractDate: string
  DaysOnMarket: number
  PhotosCount: number
  Appliances: string[]
  InteriorFeatures: string[]
  Rooms: Room[]
  OpenHouses: OpenHouse[]
  Media: Media[]
}

export interface Member {
  MemberKey: string
  MemberMlsId: string
  MemberFirstName: string
  MemberLastName: string
  MemberFullName: string
  MemberEmail: string
  MemberPreferredPhone: string
  MemberStatus: 'Active' | 'Inactive'
  OfficeKey: string
  ModificationTimestamp: string
}

export interface Office {
  OfficeKey: string
  OfficeMlsId: string
  OfficeName: string
  OfficePhone: string
  OfficeCity: string
  OfficeStateOrProvince: string
  OfficeStatus: 'Active' | 'Inactive'
  ModificationTimestamp: string
}

/** Resource names as the RESO Data Dictionary spells them. */
export type CatalogueResource = 'Property' | 'Member' | 'Office' | 'Media' | 'OpenHouse'

/** Data types in RETS TABLE words; RESO maps them to Edm types (see `edmTypeOf` in field-catalogue.ts). */
export type FieldType = 'Character' | 'Int' | 'Decimal' | 'Date' | 'DateTime' | 'Boolean'

export interface FieldDef {
  resource: CatalogueResource
  /** RESO DD name: record property, OData property, Spark standard field, RETS StandardName. */
  standardName: string
  /** RETS SystemName (flexmls style, e.g. LIST_1); what COMPACT COLUMNS and DMQL queries use. */
  systemName: string
  longName: string
  type: FieldType
  /** RETS MaximumLength / OData MaxLength */
  length: number
  precision?: number
  /** Name of a LookupDef; the record holds the standard value(s). */
  lookup?: string
  multi?: boolean
  searchable: boolean
  isKey?: boolean
  /** RETS classes having this field (Property only); undefined = all classes. */
  classes?: string[]
  /** RETS Interpretation override (Currency, Number…); lookups get Lookup / LookupMulti automatically. */
  interpretation?: string
  description: string
}

export interface LookupValueDef {
  /** RETS Value: the code COMPACT returns and DMQL queries use. */
  value: string
  longValue: string
  shortValue: string
  /** RESO standard value / enum member / what records hold. */
  standardValue: string
}

export interface LookupDef {
  resource: CatalogueResource
  /** RETS LookupName / OData enum type name. */
  name: string
  visibleName: string
  values: LookupValueDef[]
}

export interface ChangeEntry {
  kind: 'add' | 'update' | 'remove'
  resource: 'Property'
  key: string
  at: string
}

export interface ListingFilter {
  propertyType?: PropertyType
  /**
   * A hint, not a filter: generated listings modified before this instant (ms) may be left out unread, as a
   * database index on the stamp would; the caller still tests every row it gets.
   */
  modifiedFromMs?: number
}

/** Fields an admin may set on add/update; keys and change bookkeeping are the store's job. */
export type ListingPatch = Partial<Omit<Listing, 'ListingKey' | 'ModificationTimestamp'>>

export interface DemoData {
  /**
   * Live listings in key order (generated lazily in large mode); with a property type, only those — large mode then
   * skips the others without generating them.
   */
  listings(filter?: ListingFilter): Iterable<Listing>
  /**
   * The same listings for readers that only read fields by name (a search): in large mode each field is computed
   * when read, so never spread one or list its keys.
   */
  listingViews(filter?: ListingFilter): Iterable<Readonly<Listing>>
  /**
   * Live listings in (ModificationTimestamp, ListingKey) text order, from the first stamped `fromIso` or later (the
   * same 'YYYY-MM-DDThh:mm:ssZ' form): what a server's index on the stamp gives a query ordered by it. Undefined in
   * large mode, which keeps no index (callers scan `listings()`).
   */
  listingsByStamp(fromIso?: string): Iterable<Listing> | undefined
  count(): number
  get(key: string): Listing | undefined
  /** Adds a listing (defaults filled from the generator); returns the stored record. */
  add(patch: ListingPatch & { ListingKey?: string }): Listing
  update(key: string, patch: ListingPatch): Listing | undefined
  remove(key: string): boolean
  /** Removed listing keys → removal timestamp (kept for sync clients). */
  removed(): ReadonlyMap<string, string>
  /** Change log since an ISO timestamp (all when omitted), oldest first. */
  changes(since?: string): ChangeEntry[]
  agents(): readonly Member[]
  agent(key: string): Member | undefined
  offices(): readonly Office[]
  office(key: string): Office | undefined
  /** JPEG bytes for photo `objectId` (1-based Order; 0 = preferred = 1); undefined when it does not exist. */
  photo(listingKey: string, objectId: number, type: ImageType): Buffer | undefined
  /** The same bytes as chunks, for streaming (padded photos share their filler; see jpeg-padding.ts). */
  photoChunks(listingKey: string, objectId: number, type: ImageType): Buffer[] | undefined
  /** Whether the photo exists, without rendering it. */
  hasPhoto(listingKey: string, objectId: number): boolean
  fields(resource: CatalogueResource): readonly FieldDef[]
  field(resource: CatalogueResource, name: string): FieldDef | undefined
  lookups(resource?: CatalogueResource): readonly LookupDef[]
  lookup(name: string): LookupDef | undefined
  /** Adds a field to the catalogue (values read from records, usually empty) and bumps the metadata version. */
  addField(def: FieldDef): void
  metadataVersion(): string
  metadataDate(): string
  /** Newest ModificationTimestamp over all live listings (changes on mutations). */
  lastModified(): string
}
