// Generates listing N from (seed, N) alone, so large mode can stream a million rows without holding any and the
// normal mode can cache the same rows. A listing is its draw (listing-draw.ts) read through ListingRow's getters:
// generateListing reads every field into a plain object; a large-mode search reads only the dozen fields a COMPACT
// row shows, never the photos or rooms.
import type { Listing, Media, OpenHouse, Room } from './types'
import { maskItems } from './prng'
import { isoDate, isoSeconds } from './iso-time'
import { fillDraw, ListingDraw, type GeneratorSetup } from './listing-draw'
import { applianceValues, interiorValues, levels, photoCaptions, roomTypes } from './listing-vocabulary'

export type { GeneratorSetup } from './listing-draw'
export { listingTypeOf } from './listing-draw'
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
  get ListingKey(): string {
    return listingKeyOf(this.index)
  }
  get ListingId(): string {
    return listingIdOf(this.index)
  }
  get StandardStatus(): Listing['StandardStatus'] {
    return this.status
  }
  get PropertyType(): Listing['PropertyType'] {
    return this.type
  }
  get PropertySubType(): string {
    return this.subType
  }
  get ListPrice(): number {
    return this.price
  }
  get OriginalListPrice(): number {
    return this.originalPrice
  }
  get City(): string {
    return this.city[0]
  }
  get CountyOrParish(): string {
    return this.city[1]
  }
  get StateOrProvince(): string {
    return this.city[2]
  }
  get PostalCode(): string {
    return this.city[3] + TWO_DIGITS[this.zip2]
  }
  get UnparsedAddress(): string {
    return `${this.streetNumber} ${this.streetName} ${this.suffix}, ${this.city[0]}, ${this.city[2]}`
  }
  get StreetNumber(): string {
    return String(this.streetNumber)
  }
  get StreetName(): string {
    return this.streetName
  }
  get StreetSuffix(): string {
    return this.suffix
  }
  get Latitude(): number {
    return this.latitude
  }
  get Longitude(): number {
    return this.longitude
  }
  get LotSizeAcres(): number {
    return this.lotAcres
  }
  get PublicRemarks(): string {
    const what = this.type === 'Land' ? 'parcel' : 'home'
    return `${this.adjective} ${what} near ${this.streetName} ${this.suffix} in ${this.city[0]}. Café & parks nearby.`
  }
  get ListAgentKey(): string {
    return this.setup.agentKeys[this.agent] ?? ''
  }
  get ListOfficeKey(): string {
    return this.setup.agentOffice[this.agent] ?? ''
  }
  get ModificationTimestamp(): string {
    return isoSeconds(this.modifiedMs)
  }
  get ListingContractDate(): string {
    return isoDate(this.contractMs)
  }
  get DaysOnMarket(): number {
    return this.daysOnMarket
  }
  get PhotosCount(): number {
    return this.photos
  }
  get Appliances(): string[] {
    return maskItems(applianceValues, this.appliances)
  }
  get InteriorFeatures(): string[] {
    return maskItems(interiorValues, this.interior)
  }
  get Rooms(): Room[] {
    return rooms(this)
  }
  get OpenHouses(): OpenHouse[] {
    return openHouses(this)
  }
  get Media(): Media[] {
    return generateMedia(this.ListingKey, this.photos, this.ModificationTimestamp)
  }
  get BedroomsTotal(): number | undefined {
    return this.improved ? this.beds : undefined
  }
  get BathroomsTotalInteger(): number | undefined {
    return this.improved ? this.baths : undefined
  }
  get LivingArea(): number | undefined {
    return this.improved ? this.area : undefined
  }
  get YearBuilt(): number | undefined {
    return this.improved ? this.year : undefined
  }
  get ClosePrice(): number | undefined {
    return Number.isNaN(this.closePrice) ? undefined : this.closePrice
  }
  get CloseDate(): string | undefined {
    return Number.isNaN(this.closePrice) ? undefined : isoDate(this.modifiedMs)
  }
}

export function listingView(setup: GeneratorSetup, index: number): Readonly<Listing> {
  return fillDraw(new ListingRow(setup, index))
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
