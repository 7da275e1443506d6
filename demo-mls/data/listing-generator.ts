// Generates listing N from (seed, N) alone, so large mode can stream a million rows without holding any and the
// normal mode can cache the same rows. A listing is its draw (listing-draw.ts) turned into field values by the
// `derive` table below: generateListing applies all of it; a ListingView applies one entry when a field is read,
// which is all a large-mode search needs (a COMPACT row reads a dozen fields, never the photos or rooms).
import type { Listing, Media, OpenHouse, Room } from './types'
import { maskItems } from './prng'
import { isoDate, isoSeconds } from './iso-time'
import { drawListing, ListingDraw, type GeneratorSetup } from './listing-draw'
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

/** MLS number ≠ key (seed 000 warns clients not to assume it): a bijection of the index, still unique. */
function listingIdOf(index: number): string {
  return String(1_000_000 + ((index * 7919) % 9_000_000))
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

type Derivations = { [K in keyof Listing]-?: (d: ListingDraw) => Listing[K] }

/** Every field of a listing from its draw; optional fields are undefined where the listing has none. */
const derive: Derivations = {
  ListingKey: (d) => listingKeyOf(d.index),
  ListingId: (d) => listingIdOf(d.index),
  StandardStatus: (d) => d.status,
  PropertyType: (d) => d.type,
  PropertySubType: (d) => d.subType,
  ListPrice: (d) => d.price,
  OriginalListPrice: (d) => d.originalPrice,
  City: (d) => d.city[0],
  CountyOrParish: (d) => d.city[1],
  StateOrProvince: (d) => d.city[2],
  PostalCode: (d) => d.city[3] + TWO_DIGITS[d.zip2],
  UnparsedAddress: (d) => `${d.streetNumber} ${d.streetName} ${d.suffix}, ${d.city[0]}, ${d.city[2]}`,
  StreetNumber: (d) => String(d.streetNumber),
  StreetName: (d) => d.streetName,
  StreetSuffix: (d) => d.suffix,
  Latitude: (d) => d.latitude,
  Longitude: (d) => d.longitude,
  LotSizeAcres: (d) => d.lotAcres,
  PublicRemarks: (d) =>
    `${d.adjective} ${d.type === 'Land' ? 'parcel' : 'home'} near ${d.streetName} ${d.suffix} in ${d.city[0]}. Café & parks nearby.`,
  ListAgentKey: (d) => d.setup.agentKeys[d.agent] ?? '',
  ListOfficeKey: (d) => d.setup.agentOffice[d.agent] ?? '',
  ModificationTimestamp: (d) => isoSeconds(d.modifiedMs),
  ListingContractDate: (d) => isoDate(d.contractMs),
  DaysOnMarket: (d) => d.daysOnMarket,
  PhotosCount: (d) => d.photos,
  Appliances: (d) => maskItems(applianceValues, d.appliances),
  InteriorFeatures: (d) => maskItems(interiorValues, d.interior),
  Rooms: rooms,
  OpenHouses: openHouses,
  Media: (d) => generateMedia(listingKeyOf(d.index), d.photos, isoSeconds(d.modifiedMs)),
  BedroomsTotal: (d) => (d.improved ? d.beds : undefined),
  BathroomsTotalInteger: (d) => (d.improved ? d.baths : undefined),
  LivingArea: (d) => (d.improved ? d.area : undefined),
  YearBuilt: (d) => (d.improved ? d.year : undefined),
  ClosePrice: (d) => (Number.isNaN(d.closePrice) ? undefined : d.closePrice),
  CloseDate: (d) => (Number.isNaN(d.closePrice) ? undefined : isoDate(d.modifiedMs))
}

/** The whole listing, fields in the order clients have always seen them (optional ones last, when present). */
export function generateListing(setup: GeneratorSetup, index: number): Listing {
  const d = drawListing(setup, index)
  const listing: Listing = {
    ListingKey: derive.ListingKey(d),
    ListingId: derive.ListingId(d),
    StandardStatus: d.status,
    PropertyType: d.type,
    PropertySubType: d.subType,
    ListPrice: d.price,
    OriginalListPrice: d.originalPrice,
    City: d.city[0],
    CountyOrParish: d.city[1],
    StateOrProvince: d.city[2],
    PostalCode: derive.PostalCode(d),
    UnparsedAddress: derive.UnparsedAddress(d),
    StreetNumber: derive.StreetNumber(d),
    StreetName: d.streetName,
    StreetSuffix: d.suffix,
    Latitude: d.latitude,
    Longitude: d.longitude,
    LotSizeAcres: d.lotAcres,
    PublicRemarks: derive.PublicRemarks(d),
    ListAgentKey: derive.ListAgentKey(d),
    ListOfficeKey: derive.ListOfficeKey(d),
    ModificationTimestamp: derive.ModificationTimestamp(d),
    ListingContractDate: derive.ListingContractDate(d),
    DaysOnMarket: d.daysOnMarket,
    PhotosCount: d.photos,
    Appliances: derive.Appliances(d),
    InteriorFeatures: derive.InteriorFeatures(d),
    Rooms: rooms(d),
    OpenHouses: openHouses(d),
    Media: generateMedia(derive.ListingKey(d), d.photos, derive.ModificationTimestamp(d))
  }
  if (d.improved) {
    listing.BedroomsTotal = d.beds
    listing.BathroomsTotalInteger = d.baths
    listing.LivingArea = d.area
    listing.YearBuilt = d.year
  }
  if (!Number.isNaN(d.closePrice)) {
    listing.ClosePrice = d.closePrice
    listing.CloseDate = derive.CloseDate(d)
  }
  return listing
}

// A draw read as a listing: one getter per field, computed when read (see ListingDraw). For readers that look at a
// few fields of many rows (a large-mode search); it is not a plain object (spread or Object.entries see nothing).
for (const [name, fn] of Object.entries(derive) as Array<[string, (d: ListingDraw) => unknown]>) {
  Object.defineProperty(ListingDraw.prototype, name, {
    get(this: ListingDraw) {
      return fn(this)
    }
  })
}

export function listingView(setup: GeneratorSetup, index: number): Readonly<Listing> {
  return drawListing(setup, index) as unknown as Listing
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
