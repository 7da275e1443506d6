// Generates listing N from (seed, N) alone, so large mode can stream a million rows without holding any and the
// normal mode can cache the same rows. A listing is its draw (listing-draw.ts) read through ListingRow's getters:
// generateListing reads every field into a plain object; a large-mode search reads only the dozen fields a COMPACT
// row shows, never the photos or rooms.
import type { Listing, Media, OpenHouse, Room } from './types'
import { maskItems } from './prng'
import { isoDate, isoSeconds } from './iso-time'
import { fillDraw, ListingDraw, listingStampMsOf, type GeneratorSetup } from './listing-draw'
import { applianceValues, interiorValues, levels, photoCaptions, roomTypes } from './listing-vocabulary'

export type { GeneratorSetup } from './listing-draw'
export { GENERATED_STAMP_SPAN_MS, listingStampMsOf, listingTypeOf } from './listing-draw'
export { isoSeconds }

const KEY_BASE = 20_000_000
const DAY_MS = 86_400_000
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))

export function listingKeyOf(index: number): string {
  return String(KEY_BASE + index)
}

export function listingIndexOf(key: string): number | undefined {
  if (!/^\d+$/.test(key)) return undefined
  const index = Number(key) - KEY_BASE
  return index >= 0 ? index : undefined
}

/** MLS number ≠ key (clients must not assume it): a bijection of the index, still unique. */
function listingIdOf(index: number): string {
  // the product passes 2^31, where % is a floating-point remainder (a C library call); this is exact below 2^53
  const product = index * 7919
  return String(1_000_000 + product - Math.floor(product / 9_000_000) * 9_000_000)
}

function rooms(d: ListingDraw): Room[] {
  if (!d.improved) return []
  const key = listingKeyOf(d.index)
  const names = [...roomTypes.slice(0, 3), ...maskItems(roomTypes.slice(3), d.extraRooms)]
  return names.map((type, i) => {
    const [level, width, length] = d.room(i)
    return {
      RoomKey: `${key}-R${i + 1}`,
      RoomType: type,
      RoomLevel: levels[level] ?? '',
      RoomDimensions: `${width}x${length}`
    }
  })
}

function openHouses(d: ListingDraw): OpenHouse[] {
  const key = listingKeyOf(d.index)
  const out: OpenHouse[] = []
  for (let i = 0; i < d.openHouseCount; i++) {
    const [offset, startHour] = d.openHouse(i)
    const day = isoDate(d.epochMs + offset * DAY_MS)
    out.push({
      OpenHouseKey: `${key}-OH${i + 1}`,
      ListingKey: key,
      OpenHouseDate: day,
      OpenHouseStartTime: `${day}T${TWO_DIGITS[startHour]}:00:00Z`,
      OpenHouseEndTime: `${day}T${TWO_DIGITS[startHour + 2]}:00:00Z`,
      OpenHouseRemarks: 'Come and see!'
    })
  }
  return out
}

/**
 * A listing read straight from its draw: one getter per field, computed when read (optional fields are undefined
 * where the listing has none). Large-mode searches read rows like this; generateListing copies one into a plain
 * object. Not a plain object itself: spread or Object.entries see none of the fields.
 */
export class ListingRow extends ListingDraw implements Readonly<Listing> {
  /** The listing drawn (on the first read of a field that needs it: the key and the MLS number do not). */
  private get drawn(): this {
    return this.filled ? this : fillDraw(this)
  }

  get ListingKey(): string {
    return listingKeyOf(this.index)
  }
  get ListingId(): string {
    return listingIdOf(this.index)
  }
  get StandardStatus(): Listing['StandardStatus'] {
    return this.drawn.status
  }
  get PropertyType(): Listing['PropertyType'] {
    return this.drawn.type
  }
  get PropertySubType(): string {
    return this.drawn.subType
  }
  get ListPrice(): number {
    return this.drawn.price
  }
  get OriginalListPrice(): number {
    return this.drawn.originalPrice
  }
  get City(): string {
    return this.drawn.city[0]
  }
  get CountyOrParish(): string {
    return this.drawn.city[1]
  }
  get StateOrProvince(): string {
    return this.drawn.city[2]
  }
  get PostalCode(): string {
    const d = this.drawn
    return d.city[3] + TWO_DIGITS[d.zip2]
  }
  get UnparsedAddress(): string {
    const d = this.drawn
    return `${d.streetNumber} ${d.streetName} ${d.suffix}, ${d.city[0]}, ${d.city[2]}`
  }
  get StreetNumber(): string {
    return String(this.drawn.streetNumber)
  }
  get StreetName(): string {
    return this.drawn.streetName
  }
  get StreetSuffix(): string {
    return this.drawn.suffix
  }
  get Latitude(): number {
    return this.drawn.latitude
  }
  get Longitude(): number {
    return this.drawn.longitude
  }
  get LotSizeAcres(): number {
    return this.drawn.lotAcres
  }
  get PublicRemarks(): string {
    const d = this.drawn
    const what = d.type === 'Land' ? 'parcel' : 'home'
    return `${d.adjective} ${what} near ${d.streetName} ${d.suffix} in ${d.city[0]}. Café & parks nearby.`
  }
  get ListAgentKey(): string {
    return this.setup.agentKeys[this.drawn.agent] ?? ''
  }
  get ListOfficeKey(): string {
    return this.setup.agentOffice[this.drawn.agent] ?? ''
  }
  /** read without drawing the listing (its own short draw), as an index-only scan would: a master list of key and
   *  stamp, and the DMQL test on the stamp, cost no row draws */
  get ModificationTimestamp(): string {
    return isoSeconds(this.filled ? this.modifiedMs : listingStampMsOf(this.setup, this.index))
  }
  get ListingContractDate(): string {
    return isoDate(this.drawn.contractMs)
  }
  get DaysOnMarket(): number {
    return this.drawn.daysOnMarket
  }
  get PhotosCount(): number {
    return this.drawn.photos
  }
  get Appliances(): string[] {
    return maskItems(applianceValues, this.drawn.appliances)
  }
  get InteriorFeatures(): string[] {
    return maskItems(interiorValues, this.drawn.interior)
  }
  get Rooms(): Room[] {
    return rooms(this.drawn)
  }
  get OpenHouses(): OpenHouse[] {
    return openHouses(this.drawn)
  }
  get Media(): Media[] {
    const d = this.drawn
    return generateMedia(d.ListingKey, d.photos, d.ModificationTimestamp)
  }
  get BedroomsTotal(): number | undefined {
    const d = this.drawn
    return d.improved ? d.beds : undefined
  }
  get BathroomsTotalInteger(): number | undefined {
    const d = this.drawn
    return d.improved ? d.baths : undefined
  }
  get LivingArea(): number | undefined {
    const d = this.drawn
    return d.improved ? d.area : undefined
  }
  get YearBuilt(): number | undefined {
    const d = this.drawn
    return d.improved ? d.year : undefined
  }
  get ClosePrice(): number | undefined {
    const d = this.drawn
    return d.closePrice === 0 ? undefined : d.closePrice
  }
  get CloseDate(): string | undefined {
    const d = this.drawn
    return d.closePrice === 0 ? undefined : isoDate(d.modifiedMs)
  }
}

/** Listing N, drawn when a field other than its key or MLS number is first read (a count of `ListingKey=0+` draws none). */
export function listingView(setup: GeneratorSetup, index: number): Readonly<Listing> {
  return new ListingRow(setup, index)
}

/** The whole listing as a plain object, fields in the order clients have always seen them (optional ones last). */
export function generateListing(setup: GeneratorSetup, index: number): Listing {
  const r = fillDraw(new ListingRow(setup, index))
  const listing: Listing = {
    ListingKey: r.ListingKey,
    ListingId: r.ListingId,
    StandardStatus: r.StandardStatus,
    PropertyType: r.PropertyType,
    PropertySubType: r.PropertySubType,
    ListPrice: r.ListPrice,
    OriginalListPrice: r.OriginalListPrice,
    City: r.City,
    CountyOrParish: r.CountyOrParish,
    StateOrProvince: r.StateOrProvince,
    PostalCode: r.PostalCode,
    UnparsedAddress: r.UnparsedAddress,
    StreetNumber: r.StreetNumber,
    StreetName: r.StreetName,
    StreetSuffix: r.StreetSuffix,
    Latitude: r.Latitude,
    Longitude: r.Longitude,
    LotSizeAcres: r.LotSizeAcres,
    PublicRemarks: r.PublicRemarks,
    ListAgentKey: r.ListAgentKey,
    ListOfficeKey: r.ListOfficeKey,
    ModificationTimestamp: r.ModificationTimestamp,
    ListingContractDate: r.ListingContractDate,
    DaysOnMarket: r.DaysOnMarket,
    PhotosCount: r.PhotosCount,
    Appliances: r.Appliances,
    InteriorFeatures: r.InteriorFeatures,
    Rooms: r.Rooms,
    OpenHouses: r.OpenHouses,
    Media: r.Media
  }
  if (r.improved) {
    listing.BedroomsTotal = r.beds
    listing.BathroomsTotalInteger = r.baths
    listing.LivingArea = r.area
    listing.YearBuilt = r.year
  }
  if (r.ClosePrice !== undefined) {
    listing.ClosePrice = r.ClosePrice
    if (r.CloseDate !== undefined) listing.CloseDate = r.CloseDate
  }
  return listing
}

/** Media paths are relative; mounts prefix ctx.baseUrl() (the port is unknown while generating). */
export function mediaPath(key: string, order: number, type: 'Photo' | 'HiRes' = 'Photo'): string {
  return `/rets/media/${key}/${type}/${order}.jpg`
}

export function generateMedia(key: string, photos: number, modified: string): Media[] {
  const out: Media[] = []
  for (let order = 1; order <= photos; order++) {
    out.push({
      MediaKey: `${key}-P${order}`,
      ResourceRecordKey: key,
      MediaCategory: 'Photo',
      MediaType: 'jpeg',
      Order: order,
      ShortDescription: photoCaptions[(order - 1) % photoCaptions.length] ?? 'Photo',
      MediaURL: mediaPath(key, order),
      ModificationTimestamp: modified
    })
  }
  return out
}
