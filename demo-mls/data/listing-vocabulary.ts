// The words generated listings are made of. A few carry non-ASCII letters on purpose (charset handling).
import { buildLookups } from './lookup-catalogue'
import type { PropertyType } from './types'

export const cities = [
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
export const streets = [
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
export const suffixes = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Ct', 'Way', 'Blvd']
export const adjectives = [
  'Charming',
  'Spacious',
  'Updated',
  'Sunny',
  'Quiet',
  'Cozy',
  'Modern',
  'Classic',
  'Renovated'
]
/** the first three rooms every improved listing has; the others are picked */
export const roomTypes = [
  'Kitchen',
  'Living Room',
  'Primary Bedroom',
  'Bedroom',
  'Dining Room',
  'Family Room',
  'Office'
]
export const levels = ['Main', 'Upper', 'Lower']
export const photoCaptions = [
  'Front view',
  'Kitchen',
  'Living room',
  'Primary bedroom',
  'Back yard',
  'Street view',
  'Bathroom',
  'Garage'
]
export const subTypes: Record<PropertyType, readonly string[]> = {
  Land: ['UnimprovedLand', 'Farm'],
  ResidentialLease: ['Apartment', 'Condominium', 'SingleFamilyResidence'],
  Residential: ['SingleFamilyResidence', 'Condominium', 'Townhouse']
}

const lookups = buildLookups()
function standardValues(name: string): string[] {
  return lookups.find((l) => l.name === name)?.values.map((v) => v.standardValue) ?? []
}
export const applianceValues = standardValues('Appliances')
export const interiorValues = standardValues('InteriorFeatures')
