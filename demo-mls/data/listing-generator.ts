// Generates listing N from (seed, N) alone, so large mode can stream a million rows without holding any and the
// normal mode can cache the same rows. A few names carry non-ASCII letters on purpose (charset handling).
import type { Listing, Media, OpenHouse, PropertyType, Room, StandardStatus } from './types'
import { intBetween, pick, pickSome, recordRng, type Rng } from './prng'
import { buildLookups } from './lookup-catalogue'

const KEY_BASE = 20_000_000
const TWO_YEARS_S = 2 * 365 * 24 * 3600

const cities = [
  ['Springfield', 'Greene', 'MO', '658'],
  ['Fargo', 'Cass', 'ND', '581'],
  ['Bismarck', 'Burleigh', 'ND', '585'],
  ['Duluth', 'St. Louis', 'MN', '558'],
  ['Boise', 'Ada', 'ID', '837'],
  ['Santa Fe', 'Santa Fe', 'NM', '875'],
  ['Española', 'Rio Arriba', 'NM', '875'],
  ['Cañon City', 'Fremont', 'CO', '812'],
  ['Madison', 'Dane', 'WI', '537'],
  ['Lafayette', 'Lafayette', 'LA', '705']
] as const
const streets = [
  'Main',
  'Oak',
  'Maple',
  'Cedar',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Sunset',
  'Peña',
  'Río Grande',
  'Birch'
]
const suffixes = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Ct', 'Way', 'Blvd']
const adjectives = ['Charming', 'Spacious', 'Updated', 'Sunny', 'Quiet', 'Cozy', 'Modern', 'Classic', 'Renovated']
const roomTypes = ['Kitchen', 'Living Room', 'Primary Bedroom', 'Bedroom', 'Dining Room', 'Family Room', 'Office']
const levels = ['Main', 'Upper', 'Lower']
const photoCaptions = [
  'Front view',
  'Kitchen',
  'Living room',
  'Primary bedroom',
  'Back yard',
  'Street view',
  'Bathroom',
  'Garage'
]

const lookups = buildLookups()
function standardValues(name: string): string[] {
  return lookups.find((l) => l.name === name)?.values.map((v) => v.standardValue) ?? []
}
const applianceValues = standardValues('Appliances')
const interiorValues = standardValues('InteriorFeatures')

export interface GeneratorSetup {
  seed: number
  epoch: string
  agentKeys: readonly string[]
  /** office of each agent, same order as agentKeys */
  agentOffice: readonly string[]
}

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
  return String(1_000_000 + ((index * 7919) % 9_000_000))
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

function weightedStatus(rng: Rng): StandardStatus {
  const r = rng()
  if (r < 0.55) return 'Active'
  if (r < 0.62) return 'ActiveUnderContract'
  if (r < 0.7) return 'Pending'
  if (r < 0.88) return 'Closed'
  if (r < 0.94) return 'Expired'
  if (r < 0.97) return 'Withdrawn'
  return 'Canceled'
}

function classOf(rng: Rng): PropertyType {
  const r = rng()
  return r < 0.7 ? 'Residential' : r < 0.85 ? 'Land' : 'ResidentialLease'
}

/** How many photos a listing has; mirrors into PhotosCount and Media. */
function photoCount(rng: Rng, type: PropertyType): number {
  return type === 'Land' ? intBetween(rng, 0, 3) : intBetween(rng, 1, 8)
}

export function generateListing(setup: GeneratorSetup, index: number): Listing {
  const rng = recordRng(setup.seed, index, 'listing')
  const key = listingKeyOf(index)
  const epochMs = Date.parse(setup.epoch)
  const type = classOf(rng)
  const status = weightedStatus(rng)
  const [city, county, state, zip3] = pick(rng, cities)
  const streetNumber = String(intBetween(rng, 1, 9999))
  const streetName = pick(rng, streets)
  const suffix = pick(rng, suffixes)
  const modifiedMs = epochMs - Math.floor(rng() * TWO_YEARS_S) * 1000
  const contractMs = modifiedMs - intBetween(rng, 1, 180) * 86_400_000
  const improved = type !== 'Land'
  const price =
    type === 'ResidentialLease'
      ? intBetween(rng, 8, 60) * 100
      : type === 'Land'
        ? intBetween(rng, 10, 400) * 1000
        : intBetween(rng, 60, 1500) * 1000
  const agentIdx = Math.floor(rng() * setup.agentKeys.length)
  const photos = photoCount(rng, type)
  const dom = Math.max(0, Math.round((epochMs - contractMs) / 86_400_000))
  const listing: Listing = {
    ListingKey: key,
    ListingId: listingIdOf(index),
    StandardStatus: status,
    PropertyType: type,
    PropertySubType:
      type === 'Land'
        ? pick(rng, ['UnimprovedLand', 'Farm'])
        : type === 'ResidentialLease'
          ? pick(rng, ['Apartment', 'Condominium', 'SingleFamilyResidence'])
          : pick(rng, ['SingleFamilyResidence', 'Condominium', 'Townhouse']),
    ListPrice: price,
    OriginalListPrice: Math.round(price * (1 + rng() * 0.1)),
    City: city,
    CountyOrParish: county,
    StateOrProvince: state,
    PostalCode: `${zip3}${String(intBetween(rng, 0, 99)).padStart(2, '0')}`,
    UnparsedAddress: `${streetNumber} ${streetName} ${suffix}, ${city}, ${state}`,
    StreetNumber: streetNumber,
    StreetName: streetName,
    StreetSuffix: suffix,
    Latitude: Math.round((35 + rng() * 12) * 1e6) / 1e6,
    Longitude: Math.round((-120 + rng() * 30) * 1e6) / 1e6,
    LotSizeAcres: Math.round((type === 'Land' ? 0.5 + rng() * 80 : 0.05 + rng() * 2) * 1000) / 1000,
    PublicRemarks: `${pick(rng, adjectives)} ${type === 'Land' ? 'parcel' : 'home'} near ${streetName} ${suffix} in ${city}. Café & parks nearby.`,
    ListAgentKey: setup.agentKeys[agentIdx] ?? '',
    ListOfficeKey: setup.agentOffice[agentIdx] ?? '',
    ModificationTimestamp: isoSeconds(modifiedMs),
    ListingContractDate: isoSeconds(contractMs).slice(0, 10),
    DaysOnMarket: dom,
    PhotosCount: photos,
    Appliances: improved ? pickSome(rng, applianceValues, 0, 4) : [],
    InteriorFeatures: improved ? pickSome(rng, interiorValues, 0, 3) : [],
    Rooms: [],
    OpenHouses: [],
    Media: []
  }
  if (improved) {
    listing.BedroomsTotal = intBetween(rng, 1, 6)
    listing.BathroomsTotalInteger = intBetween(rng, 1, 4)
    listing.LivingArea = intBetween(rng, 6, 45) * 100
    listing.YearBuilt = intBetween(rng, 1900, 2025)
    listing.Rooms = generateRooms(rng, key, listing.BedroomsTotal)
  }
  if (status === 'Closed') {
    listing.ClosePrice = Math.round(price * (0.92 + rng() * 0.1))
    listing.CloseDate = listing.ModificationTimestamp.slice(0, 10)
  }
  if (status === 'Active' && rng() < 0.2) listing.OpenHouses = generateOpenHouses(rng, key, epochMs)
  listing.Media = generateMedia(key, photos, listing.ModificationTimestamp)
  return listing
}

function generateRooms(rng: Rng, key: string, bedrooms: number): Room[] {
  const names = [
    'Kitchen',
    'Living Room',
    'Primary Bedroom',
    ...pickSome(rng, roomTypes.slice(3), 0, Math.min(3, bedrooms))
  ]
  return names.map((type, i) => ({
    RoomKey: `${key}-R${i + 1}`,
    RoomType: type,
    RoomLevel: pick(rng, levels),
    RoomDimensions: `${intBetween(rng, 9, 20)}x${intBetween(rng, 9, 20)}`
  }))
}

function generateOpenHouses(rng: Rng, key: string, epochMs: number): OpenHouse[] {
  const n = intBetween(rng, 1, 2)
  const out: OpenHouse[] = []
  for (let i = 0; i < n; i++) {
    const day = isoSeconds(epochMs + intBetween(rng, 1, 21) * 86_400_000).slice(0, 10)
    const startHour = intBetween(rng, 10, 15)
    out.push({
      OpenHouseKey: `${key}-OH${i + 1}`,
      ListingKey: key,
      OpenHouseDate: day,
      OpenHouseStartTime: `${day}T${String(startHour).padStart(2, '0')}:00:00Z`,
      OpenHouseEndTime: `${day}T${String(startHour + 2).padStart(2, '0')}:00:00Z`,
      OpenHouseRemarks: 'Come and see!'
    })
  }
  return out
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
