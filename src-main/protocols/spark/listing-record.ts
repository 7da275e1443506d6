// One /v1/listings result: {ResourceUri, Id, StandardFields{…}, CustomFields?, DisplayCompliance?}. Spark puts
// expansions (Photos, OpenHouses, Rooms, Documents, VirtualTours, Videos…) INSIDE StandardFields as arrays of
// objects, so they are split from the scalar fields here. Masked values ("********") are listed, not treated as data.
import { flattenListingCustomFields } from './custom-fields'
import { maskedFieldNames } from './masked-values'
import { asRecord } from '../json-api/json-shapes'

export interface SparkPhoto {
  id: string
  name: string
  caption: string
  primary: boolean
  /** size name (Thumb, 300, 640, 800, 1024, 1280, 1600, 2048, Large) → URL, only the sizes the server sent */
  uris: Record<string, string>
}

export interface SparkRoom {
  id: string
  fields: Record<string, unknown>
}

export interface SparkListing {
  id: string
  resourceUri?: string
  /** scalar standard fields, masked ones included with their "********" value */
  standardFields: Record<string, unknown>
  /** "Group"."Field" → value */
  customFields: Record<string, unknown>
  masked: string[]
  photos: SparkPhoto[]
  rooms: SparkRoom[]
  openHouses: Array<Record<string, unknown>>
  /** any other array/object expansion, verbatim */
  expansions: Record<string, unknown>
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)
}

// Expansion names from the seed's table; an empty array under one of these names is an empty expansion, while an
// array of scalars under any other name is a multi-select field value (e.g. Appliances).
const EXPANSION_NAMES = new Set([
  'Photos',
  'PrimaryPhoto',
  'Videos',
  'VirtualTours',
  'Documents',
  'OpenHouses',
  'Rooms',
  'Units',
  'FloorPlans',
  'FloPlans',
  'TourOfHomes',
  'RentalCalendar',
  'PortalCarts'
])

function isExpansion(key: string, value: unknown): boolean {
  if (EXPANSION_NAMES.has(key)) return true
  if (asRecord(value)) return true
  return Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null)
}

export function parseSparkPhoto(value: unknown): SparkPhoto {
  const rec = asRecord(value) ?? {}
  const uris: Record<string, string> = {}
  for (const [key, v] of Object.entries(rec)) {
    if (key.startsWith('Uri') && typeof v === 'string') uris[key.slice(3)] = v
  }
  return { id: str(rec.Id), name: str(rec.Name), caption: str(rec.Caption), primary: rec.Primary === true, uris }
}

/** Room Fields come as an array of single-key objects: [{"Room Name": "Bedroom"}, {"Room Level": "1"}…]. */
export function parseSparkRoom(value: unknown): SparkRoom {
  const rec = asRecord(value) ?? {}
  const fields: Record<string, unknown> = {}
  if (Array.isArray(rec.Fields)) {
    for (const pair of rec.Fields) Object.assign(fields, asRecord(pair) ?? {})
  }
  return { id: str(rec.Id), fields }
}

export function parseSparkListing(value: unknown): SparkListing {
  const rec = asRecord(value) ?? {}
  const sf = asRecord(rec.StandardFields) ?? {}
  const listing: SparkListing = {
    id: str(rec.Id ?? sf.ListingKey),
    standardFields: {},
    customFields: rec.CustomFields !== undefined ? flattenListingCustomFields(rec.CustomFields) : {},
    masked: [],
    photos: [],
    rooms: [],
    openHouses: [],
    expansions: {}
  }
  if (typeof rec.ResourceUri === 'string') listing.resourceUri = rec.ResourceUri
  for (const [key, v] of Object.entries(sf)) {
    if (key === 'Photos' && Array.isArray(v)) listing.photos = v.map(parseSparkPhoto)
    else if (key === 'Rooms' && Array.isArray(v)) listing.rooms = v.map(parseSparkRoom)
    else if (key === 'OpenHouses' && Array.isArray(v)) listing.openHouses = v.map((o) => asRecord(o) ?? {})
    else if (isExpansion(key, v)) listing.expansions[key] = v
    else listing.standardFields[key] = v
  }
  // PrimaryPhoto is a sibling expansion in some replies; fold it into photos
  if (listing.photos.length === 0 && asRecord(listing.expansions.PrimaryPhoto)) {
    listing.photos = [parseSparkPhoto(listing.expansions.PrimaryPhoto)]
  }
  for (const [key, v] of Object.entries(rec)) {
    if (!['ResourceUri', 'Id', 'StandardFields', 'CustomFields'].includes(key)) listing.expansions[key] = v
  }
  listing.masked = maskedFieldNames(listing.standardFields)
  return listing
}
