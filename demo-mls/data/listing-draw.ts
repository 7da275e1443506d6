// Everything random about listing N, drawn from (seed, N) alone in one fixed order: numbers and references to the
// vocabulary, no strings built. listing-generator.ts turns a draw into field values — all of them for a stored
// Listing, or only the ones a reader asks for (large-mode search rows), so both always show the same data.
import type { PropertyType, StandardStatus } from './types'
import { drawAfter, intBetween, pick, pickMask, ReseedableRng, streamSeed, type Rng } from './prng'
import {
  cities,
  roomTypes,
  streets,
  suffixes,
  adjectives,
  levels,
  subTypes,
  applianceValues,
  interiorValues
} from './listing-vocabulary'

const TWO_YEARS_S = 2 * 365 * 24 * 3600
const DAY_MS = 86_400_000

export interface GeneratorSetup {
  seed: number
  epoch: string
  agentKeys: readonly string[]
  /** office of each agent, same order as agentKeys */
  agentOffice: readonly string[]
}

/**
 * Everything random about one listing. Large-mode searches read it as a listing: listing-generator.ts's ListingRow
 * extends it with a getter per Listing field, so a row costs one object and a field is only computed when read.
 * Numbers only (rooms and open houses packed into integers), to keep a million-row search's garbage small.
 */
export class ListingDraw {
  type!: PropertyType
  status!: StandardStatus
  city!: (typeof cities)[number]
  streetNumber = 0
  streetName = ''
  suffix = ''
  /** seconds before the epoch it was last modified, and days before that its contract date */
  modifiedAgoS = 0
  contractDays = 0
  daysOnMarket = 0
  price = 0
  originalPrice = 0
  agent = 0
  photos = 0
  subType = ''
  zip2 = 0
  /** millionths of a degree, thousandths of an acre */
  latitudeE6 = 0
  longitudeE6 = 0
  lotMilliAcres = 0
  adjective = ''
  /** bit i set: applianceValues[i] / interiorValues[i] present */
  appliances = 0
  interior = 0
  /** not Land: bedrooms, bathrooms, living area, year built and rooms are drawn */
  improved = false
  beds = 0
  baths = 0
  area = 0
  year = 0
  /** bit i set: roomTypes[3 + i] present (kitchen, living room and primary bedroom always are) */
  extraRooms = 0
  /** the random stream's state before the rooms' draws (three per room), which are made only when a room is read */
  roomsState = 0
  /** 0 unless Closed (a close price never is 0) */
  closePrice = 0
  /** per open house, 9 bits: day offset from the epoch (5), start hour − 10 (4) */
  openHouseCount = 0
  openHousesPacked = 0
  /** fillDraw has run */
  filled = false

  constructor(
    readonly setup: GeneratorSetup,
    readonly index: number
  ) {}

  // Millisecond times and fractions are computed when read: a double stored in a field is a heap number of its own,
  // and a million-row search would allocate six per row.
  get epochMs(): number {
    return epochMsOf(this.setup.epoch)
  }
  get modifiedMs(): number {
    return this.epochMs - this.modifiedAgoS * 1000
  }
  get contractMs(): number {
    return this.modifiedMs - this.contractDays * DAY_MS
  }
  get latitude(): number {
    return this.latitudeE6 / 1e6
  }
  get longitude(): number {
    return this.longitudeE6 / 1e6
  }
  get lotAcres(): number {
    return this.lotMilliAcres / 1000
  }

  /** room i (0-based): [level index, width, length] */
  room(i: number): [number, number, number] {
    const draw = (k: number): number => drawAfter(this.roomsState, 3 * i + k)
    return [Math.floor(draw(1) * levels.length), 9 + Math.floor(draw(2) * 12), 9 + Math.floor(draw(3) * 12)]
  }

  /** open house i (0-based): [day offset, start hour] */
  openHouse(i: number): [number, number] {
    const bits = this.openHousesPacked >>> (i * 9)
    return [bits & 31, ((bits >>> 5) & 15) + 10]
  }
}

// the epoch of the last setup seen, parsed once rather than per generated row
let parsedEpoch = { text: '', ms: 0 }
function epochMsOf(epoch: string): number {
  if (parsedEpoch.text !== epoch) parsedEpoch = { text: epoch, ms: Date.parse(epoch) }
  return parsedEpoch.ms
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

// one generator for every listing drawn (drawing is synchronous, one listing at a time)
const shared = new ReseedableRng()

// a search reads a listing's type (listingTypeOf) and then draws the same listing: its stream seed is hashed once
let lastSeed = NaN
let lastIndex = -1
let lastStream = 0

function listingRng(setup: GeneratorSetup, index: number): ReseedableRng {
  if (lastIndex !== index || lastSeed !== setup.seed) {
    lastStream = streamSeed(setup.seed, index, 'listing')
    lastSeed = setup.seed
    lastIndex = index
  }
  return shared.seed(lastStream)
}

/** Listing N's PropertyType without drawing the rest (the type is the record's first draw). */
export function listingTypeOf(setup: GeneratorSetup, index: number): PropertyType {
  return classOf(listingRng(setup, index).next)
}

/** Generated stamps lie in the two years before the epoch. */
export const GENERATED_STAMP_SPAN_MS = TWO_YEARS_S * 1000

/**
 * Listing N's ModificationTimestamp (ms) without drawing the rest: the seventh draw of fillDraw (type, status, city,
 * street number, street, suffix, then the stamp; each one rng() call). A search on the stamp skips rows by it.
 */
export function listingStampMsOf(setup: GeneratorSetup, index: number): number {
  const stampDraw = drawAfter(listingRng(setup, index).state, 7)
  return epochMsOf(setup.epoch) - Math.floor(stampDraw * TWO_YEARS_S) * 1000
}

function priceOf(rng: Rng, type: PropertyType): number {
  if (type === 'ResidentialLease') return intBetween(rng, 8, 60) * 100
  if (type === 'Land') return intBetween(rng, 10, 400) * 1000
  return intBetween(rng, 60, 1500) * 1000
}

/**
 * Rooms beyond kitchen, living room and primary bedroom, then per room three draws: level, width (9–20), length
 * (9–20). Those are passed over here and made by ListingDraw.room when a room is read (search rows show none).
 */
function drawRooms(rng: ReseedableRng, draw: ListingDraw): void {
  draw.extraRooms = pickMask(rng.next, roomTypes.length - 3, 0, Math.min(3, draw.beds))
  let count = 3
  for (let m = draw.extraRooms; m !== 0; m >>>= 1) count += m & 1
  draw.roomsState = rng.state
  rng.skip(3 * count)
}

/** Draws listing `d.index` into `d` (a ListingDraw or a subclass that reads it as a listing). */
export function fillDraw<D extends ListingDraw>(d: D): D {
  const setup = d.setup
  const stream = listingRng(setup, d.index)
  const rng = stream.next
  d.type = classOf(rng)
  d.status = weightedStatus(rng)
  d.city = pick(rng, cities)
  d.streetNumber = intBetween(rng, 1, 9999)
  d.streetName = pick(rng, streets)
  d.suffix = pick(rng, suffixes)
  d.modifiedAgoS = Math.floor(rng() * TWO_YEARS_S)
  d.contractDays = intBetween(rng, 1, 180)
  d.daysOnMarket = Math.max(0, Math.round((d.epochMs - d.contractMs) / DAY_MS))
  d.price = priceOf(rng, d.type)
  d.agent = Math.floor(rng() * setup.agentKeys.length)
  d.photos = d.type === 'Land' ? intBetween(rng, 0, 3) : intBetween(rng, 1, 8)
  d.subType = pick(rng, subTypes[d.type])
  d.originalPrice = Math.round(d.price * (1 + rng() * 0.1))
  d.zip2 = intBetween(rng, 0, 99)
  d.latitudeE6 = Math.round((35 + rng() * 12) * 1e6)
  d.longitudeE6 = Math.round((-120 + rng() * 30) * 1e6)
  d.lotMilliAcres = Math.round((d.type === 'Land' ? 0.5 + rng() * 80 : 0.05 + rng() * 2) * 1000)
  d.adjective = pick(rng, adjectives)
  d.improved = d.type !== 'Land'
  if (d.improved) {
    d.appliances = pickMask(rng, applianceValues.length, 0, 4)
    d.interior = pickMask(rng, interiorValues.length, 0, 3)
    d.beds = intBetween(rng, 1, 6)
    d.baths = intBetween(rng, 1, 4)
    d.area = intBetween(rng, 6, 45) * 100
    d.year = intBetween(rng, 1900, 2025)
    drawRooms(stream, d)
  }
  if (d.status === 'Closed') d.closePrice = Math.round(d.price * (0.92 + rng() * 0.1))
  if (d.status === 'Active' && rng() < 0.2) {
    d.openHouseCount = intBetween(rng, 1, 2)
    for (let i = 0; i < d.openHouseCount; i++) {
      const day = intBetween(rng, 1, 21)
      const hour = intBetween(rng, 10, 15)
      d.openHousesPacked |= (day | ((hour - 10) << 5)) << (i * 9)
    }
  }
  d.filled = true
  return d
}
