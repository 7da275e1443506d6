// Lookup lists of the Demo MLS. `value` is the RETS code (what COMPACT carries and DMQL queries use), the
// standard value is what records hold and what RESO / Spark show. The status codes imitate flexmls' opaque ids
// (the RETS walkthrough, step 5: Active = "OV61GOJ13C0") so clients cannot get away with assuming codes are readable.
import type { CatalogueResource, LookupDef, LookupValueDef } from './types'

function simple(values: Array<[code: string, standard: string, long?: string]>): LookupValueDef[] {
  return values.map(([code, standard, long]) => ({
    value: code,
    longValue: long ?? standard.replace(/([a-z])([A-Z])/g, '$1 $2'),
    shortValue: code,
    standardValue: standard
  }))
}

function lookup(resource: CatalogueResource, name: string, visibleName: string, values: LookupValueDef[]): LookupDef {
  return { resource, name, visibleName, values }
}

export function buildLookups(): LookupDef[] {
  return [
    lookup(
      'Property',
      'StandardStatus',
      'Listing Status',
      simple([
        ['OV61GOJ13C0', 'Active'],
        ['OV61GOJ13C1', 'ActiveUnderContract', 'Active Under Contract'],
        ['OV61GOJ13C2', 'Pending'],
        ['OV61GOJ13C3', 'Closed'],
        ['OV61GOJ13C4', 'Expired'],
        ['OV61GOJ13C5', 'Withdrawn'],
        ['OV61GOJ13C6', 'Canceled']
      ])
    ),
    lookup(
      'Property',
      'PropertyType',
      'Property Type',
      simple([
        ['RES', 'Residential'],
        ['LND', 'Land'],
        ['RNT', 'ResidentialLease', 'Residential Lease']
      ])
    ),
    lookup(
      'Property',
      'PropertySubType',
      'Property Sub Type',
      simple([
        ['SFR', 'SingleFamilyResidence', 'Single Family Residence'],
        ['CND', 'Condominium'],
        ['TWN', 'Townhouse'],
        ['UNI', 'UnimprovedLand', 'Unimproved Land'],
        ['FRM', 'Farm'],
        ['APT', 'Apartment']
      ])
    ),
    lookup(
      'Property',
      'Appliances',
      'Appliances',
      simple([
        ['DW', 'Dishwasher'],
        ['DRY', 'Dryer'],
        ['DISP', 'Disposal'],
        ['MW', 'Microwave'],
        ['RANGE', 'GasRange', 'Gas Range'],
        ['REF', 'Refrigerator'],
        ['WASH', 'Washer'],
        ['WH', 'WaterHeater', 'Water Heater']
      ])
    ),
    lookup(
      'Property',
      'InteriorFeatures',
      'Interior Features',
      simple([
        ['BAR', 'WetBar', 'Wet Bar'],
        ['CF', 'CeilingFans', 'Ceiling Fan(s)'],
        ['HW', 'HardwoodFloors', 'Hardwood Floors'],
        ['HC', 'HighCeilings', 'High Ceilings'],
        ['PANTRY', 'Pantry'],
        ['WIC', 'WalkInClosets', 'Walk-In Closet(s)'],
        ['SKY', 'Skylights', 'Skylight(s)']
      ])
    ),
    lookup(
      'Member',
      'MemberStatus',
      'Member Status',
      simple([
        ['A', 'Active'],
        ['I', 'Inactive']
      ])
    ),
    lookup(
      'Office',
      'OfficeStatus',
      'Office Status',
      simple([
        ['A', 'Active'],
        ['I', 'Inactive']
      ])
    )
  ]
}
