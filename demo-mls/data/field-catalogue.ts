// The one field catalogue. RETS METADATA-TABLE, RESO $metadata and Spark standardfields are all generated from these
// rows, so the three views of the Demo MLS can never disagree. System names imitate flexmls (LIST_1 is the key, LIST_15
// the status, LIST_105 the MLS number — the RETS walkthrough and the Listing Activity API documentation name these).
import type { CatalogueResource, FieldDef, FieldType } from './types'

type Row = [
  systemName: string,
  standardName: string,
  longName: string,
  type: FieldType,
  length: number,
  extra?: Partial<
    Pick<FieldDef, 'lookup' | 'multi' | 'classes' | 'interpretation' | 'precision' | 'isKey' | 'searchable'>
  >
]

const IMPROVED = ['A', 'C']

const property: Row[] = [
  ['LIST_1', 'ListingKey', 'Internal Listing ID', 'Character', 26, { isKey: true }],
  ['LIST_105', 'ListingId', 'MLS Number', 'Character', 20],
  ['LIST_15', 'StandardStatus', 'Listing Status', 'Character', 30, { lookup: 'StandardStatus' }],
  ['LIST_8', 'PropertyType', 'Property Type', 'Character', 30, { lookup: 'PropertyType' }],
  ['LIST_9', 'PropertySubType', 'Property Sub Type', 'Character', 30, { lookup: 'PropertySubType' }],
  ['LIST_22', 'ListPrice', 'List Price', 'Decimal', 14, { precision: 2, interpretation: 'Currency' }],
  ['LIST_24', 'OriginalListPrice', 'Original List Price', 'Decimal', 14, { precision: 2, interpretation: 'Currency' }],
  ['LIST_23', 'ClosePrice', 'Close Price', 'Decimal', 14, { precision: 2, interpretation: 'Currency' }],
  ['LIST_12', 'CloseDate', 'Close Date', 'Date', 10],
  ['LIST_10', 'ListingContractDate', 'Listing Contract Date', 'Date', 10],
  ['LIST_137', 'DaysOnMarket', 'Days On Market', 'Int', 6, { interpretation: 'Number' }],
  ['LIST_31', 'StreetNumber', 'Street Number', 'Character', 10],
  ['LIST_34', 'StreetName', 'Street Name', 'Character', 50],
  ['LIST_37', 'StreetSuffix', 'Street Suffix', 'Character', 10],
  ['LIST_35', 'UnparsedAddress', 'Full Address', 'Character', 255],
  ['LIST_39', 'City', 'City', 'Character', 50],
  ['LIST_41', 'CountyOrParish', 'County', 'Character', 50],
  ['LIST_40', 'StateOrProvince', 'State', 'Character', 2],
  ['LIST_43', 'PostalCode', 'Zip Code', 'Character', 10],
  ['LIST_46', 'Latitude', 'Latitude', 'Decimal', 12, { precision: 8 }],
  ['LIST_47', 'Longitude', 'Longitude', 'Decimal', 12, { precision: 8 }],
  ['LIST_66', 'BedroomsTotal', 'Bedrooms', 'Int', 3, { classes: IMPROVED, interpretation: 'Number' }],
  ['LIST_67', 'BathroomsTotalInteger', 'Total Bathrooms', 'Int', 3, { classes: IMPROVED, interpretation: 'Number' }],
  [
    'LIST_48',
    'LivingArea',
    'Approx SqFt',
    'Decimal',
    14,
    { precision: 2, classes: IMPROVED, interpretation: 'Number' }
  ],
  ['LIST_53', 'YearBuilt', 'Year Built', 'Int', 4, { classes: IMPROVED }],
  ['LIST_56', 'LotSizeAcres', 'Lot Size Acres', 'Decimal', 10, { precision: 3 }],
  ['LIST_78', 'PublicRemarks', 'Public Remarks', 'Character', 4000, { searchable: false }],
  ['LIST_5', 'ListAgentKey', 'Listing Agent ID', 'Character', 26],
  ['LIST_106', 'ListOfficeKey', 'Listing Office ID', 'Character', 26],
  ['LIST_87', 'ModificationTimestamp', 'Last Modified', 'DateTime', 20],
  ['LIST_133', 'PhotosCount', 'Photo Count', 'Int', 4],
  ['LIST_200', 'Appliances', 'Appliances', 'Character', 200, { lookup: 'Appliances', multi: true, classes: IMPROVED }],
  [
    'LIST_201',
    'InteriorFeatures',
    'Interior Features',
    'Character',
    200,
    { lookup: 'InteriorFeatures', multi: true, classes: IMPROVED }
  ]
]

const member: Row[] = [
  ['MEMBER_0', 'MemberKey', 'Member ID', 'Character', 26, { isKey: true }],
  ['MEMBER_1', 'MemberMlsId', 'Agent MLS ID', 'Character', 20],
  ['MEMBER_3', 'MemberFirstName', 'First Name', 'Character', 50],
  ['MEMBER_4', 'MemberLastName', 'Last Name', 'Character', 50],
  ['MEMBER_5', 'MemberFullName', 'Full Name', 'Character', 100],
  ['MEMBER_10', 'MemberEmail', 'Email', 'Character', 80],
  ['MEMBER_11', 'MemberPreferredPhone', 'Phone', 'Character', 20],
  ['MEMBER_17', 'MemberStatus', 'Status', 'Character', 10, { lookup: 'MemberStatus' }],
  ['MEMBER_2', 'OfficeKey', 'Office ID', 'Character', 26],
  ['MEMBER_87', 'ModificationTimestamp', 'Last Modified', 'DateTime', 20]
]

const office: Row[] = [
  ['OFFICE_0', 'OfficeKey', 'Office ID', 'Character', 26, { isKey: true }],
  ['OFFICE_1', 'OfficeMlsId', 'Office MLS ID', 'Character', 20],
  ['OFFICE_2', 'OfficeName', 'Office Name', 'Character', 100],
  ['OFFICE_3', 'OfficePhone', 'Phone', 'Character', 20],
  ['OFFICE_4', 'OfficeCity', 'City', 'Character', 50],
  ['OFFICE_5', 'OfficeStateOrProvince', 'State', 'Character', 2],
  ['OFFICE_6', 'OfficeStatus', 'Status', 'Character', 10, { lookup: 'OfficeStatus' }],
  ['OFFICE_87', 'ModificationTimestamp', 'Last Modified', 'DateTime', 20]
]

const media: Row[] = [
  ['MEDIA_0', 'MediaKey', 'Media ID', 'Character', 40, { isKey: true }],
  ['MEDIA_1', 'ResourceRecordKey', 'Listing ID', 'Character', 26],
  ['MEDIA_2', 'Order', 'Display Order', 'Int', 4],
  ['MEDIA_3', 'ShortDescription', 'Caption', 'Character', 255],
  ['MEDIA_4', 'MediaURL', 'URL', 'Character', 1024, { searchable: false }],
  ['MEDIA_5', 'MediaCategory', 'Category', 'Character', 30],
  ['MEDIA_6', 'MediaType', 'File Type', 'Character', 10],
  ['MEDIA_87', 'ModificationTimestamp', 'Last Modified', 'DateTime', 20]
]

const openHouse: Row[] = [
  ['OH_0', 'OpenHouseKey', 'Open House ID', 'Character', 40, { isKey: true }],
  ['OH_1', 'ListingKey', 'Listing ID', 'Character', 26],
  ['OH_2', 'OpenHouseDate', 'Date', 'Date', 10],
  ['OH_3', 'OpenHouseStartTime', 'Start', 'DateTime', 20],
  ['OH_4', 'OpenHouseEndTime', 'End', 'DateTime', 20],
  ['OH_5', 'OpenHouseRemarks', 'Remarks', 'Character', 500, { searchable: false }]
]

function toDefs(resource: CatalogueResource, rows: Row[]): FieldDef[] {
  return rows.map(([systemName, standardName, longName, type, length, extra]) => {
    const def: FieldDef = {
      resource,
      systemName,
      standardName,
      longName,
      type,
      length,
      searchable: extra?.searchable ?? true,
      description: longName
    }
    if (extra?.lookup) def.lookup = extra.lookup
    if (extra?.multi) def.multi = true
    if (extra?.classes) def.classes = extra.classes
    if (extra?.interpretation) def.interpretation = extra.interpretation
    if (extra?.precision !== undefined) def.precision = extra.precision
    if (extra?.isKey) def.isKey = true
    return def
  })
}

export function buildFieldCatalogue(): Map<CatalogueResource, FieldDef[]> {
  return new Map<CatalogueResource, FieldDef[]>([
    ['Property', toDefs('Property', property)],
    ['Member', toDefs('Member', member)],
    ['Office', toDefs('Office', office)],
    ['Media', toDefs('Media', media)],
    ['OpenHouse', toDefs('OpenHouse', openHouse)]
  ])
}

// Words the Data Dictionary writes in capitals in its display names (ListingId → "Listing ID").
const DD_ACRONYMS: Record<string, string> = { Id: 'ID', Mls: 'MLS', Url: 'URL' }

/** The Data Dictionary display name of a standard name: its words, split at case changes ("Bedrooms Total"). */
export function ddDisplayName(standardName: string): string {
  return standardName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((w) => DD_ACRONYMS[w] ?? w)
    .join(' ')
}

/** RETS Interpretation column: lookups first (RETS 1.7.2 §11.4.2), then the explicit one. */
export function retsInterpretation(def: FieldDef): string {
  if (def.lookup) return def.multi ? 'LookupMulti' : 'Lookup'
  return def.interpretation ?? ''
}

/** Edm type for RESO $metadata (lookups become enum types, named by the lookup). */
export function edmTypeOf(def: FieldDef): string {
  switch (def.type) {
    case 'Int':
      return 'Edm.Int64'
    case 'Decimal':
      return 'Edm.Decimal'
    case 'Date':
      return 'Edm.Date'
    case 'DateTime':
      return 'Edm.DateTimeOffset'
    case 'Boolean':
      return 'Edm.Boolean'
    default:
      return 'Edm.String'
  }
}

/** RETS class → PropertyType standard value (RETS servers name classes with letters, A = Residential…). */
export const propertyClasses = [
  { name: 'A', propertyType: 'Residential', standardName: 'ResidentialProperty', visibleName: 'Residential' },
  { name: 'B', propertyType: 'Land', standardName: 'LotsAndLand', visibleName: 'Lots and Land' },
  { name: 'C', propertyType: 'ResidentialLease', standardName: 'ResidentialLease', visibleName: 'Residential Rental' }
] as const
