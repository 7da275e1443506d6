import type { FieldMeta, LookupValue } from '../../../../domain/metadata/metadata-model'

// A small class's worth of metadata shared by the query-language tests.
function field(systemName: string, dataType: string, extra: Partial<FieldMeta> = {}): FieldMeta {
  return { systemName, dataType, searchable: true, attrs: {}, ...extra }
}

export const fields: FieldMeta[] = [
  field('LIST_1', 'Character', { standardName: 'ListingKey', isKey: true, maxLength: 26 }),
  field('LIST_15', 'Character', {
    standardName: 'StandardStatus',
    interpretation: 'Lookup',
    lookupName: 'Status',
    longName: 'Listing Status'
  }),
  field('LIST_22', 'Decimal', {
    standardName: 'ListPrice',
    longName: 'List Price',
    description: 'Current asking price'
  }),
  field('Beds', 'Int', { standardName: 'BedroomsTotal' }),
  field('City', 'Character', { interpretation: 'Lookup', lookupName: 'City' }),
  field('Features', 'Character', { interpretation: 'LookupMulti', lookupName: 'Features' }),
  field('PostalCode', 'Character'),
  field('ListDate', 'Date'),
  field('ModTime', 'DateTime', { standardName: 'ModificationTimestamp' }),
  field('Waterfront', 'Boolean'),
  field('PrivateRemarks', 'Character', { searchable: false })
]

function values(...codes: Array<[string, string]>): LookupValue[] {
  return codes.map(([value, longValue]) => ({ value, longValue, attrs: {} }))
}

export const lookups: Record<string, LookupValue[]> = {
  Status: values(['A', 'Active'], ['P', 'Pending'], ['S', 'Sold'], ['X', 'Expired']),
  City: values(['FAR', 'Fargo'], ['MOO', 'Moorhead'], ['WF', 'West Fargo']),
  Features: values(['POOL', 'Pool'], ['SPA', 'Spa'], ['GAR', 'Garage'])
}

export const ctx = { fields, lookupValues: (name: string) => lookups[name] }
