// A small RETS class and RESO entity shaped like the Demo MLS's (opaque status codes, enum lookups, a multi-select),
// for the map and translator tests.
import type { FieldMeta, LookupMeta, ResourceMeta } from '../../../../domain/metadata/metadata-model'

const f = (systemName: string, dataType: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({
  systemName,
  dataType,
  searchable: true,
  attrs: {},
  ...extra
})

const lookup = (name: string, values: Array<[string, string, string?]>): LookupMeta => ({
  name,
  values: values.map(([value, standardValue, longValue]) => ({
    value,
    standardValue,
    longValue: longValue ?? standardValue,
    attrs: {}
  })),
  attrs: {}
})

export function retsProperty(): ResourceMeta {
  return {
    name: 'Property',
    classes: [
      {
        name: 'A',
        attrs: {},
        fields: [
          f('LIST_1', 'Character', { standardName: 'ListingKey', maxLength: 26 }),
          f('LIST_15', 'Character', { standardName: 'StandardStatus', lookupName: 'Status', interpretation: 'Lookup' }),
          f('LIST_22', 'Decimal', { standardName: 'ListPrice', precision: 2 }),
          f('LIST_66', 'Int', { standardName: 'BedroomsTotal' }),
          f('LIST_39', 'Character', { standardName: 'City' }),
          f('LIST_43', 'Character', { standardName: 'PostalCode' }),
          f('LIST_12', 'Date', { standardName: 'CloseDate' }),
          f('LIST_87', 'DateTime', { standardName: 'ModificationTimestamp' }),
          f('LIST_200', 'Character', { standardName: 'Appliances', lookupName: 'Appl', interpretation: 'LookupMulti' }),
          f('LIST_999', 'Character', { longName: 'Local only' })
        ]
      }
    ],
    lookups: [
      lookup('Status', [
        ['OV1', 'Active'],
        ['OV2', 'Pending'],
        ['OV3', 'Closed'],
        ['OV9', 'Coming Soon']
      ]),
      lookup('Appl', [
        ['DW', 'Dishwasher'],
        ['MW', 'Microwave'],
        ['RANGE', 'GasRange', 'Gas Range']
      ])
    ],
    objectTypes: [],
    attrs: {}
  }
}

const NS = 'org.reso.metadata.enums'

export function resoProperty(): ResourceMeta {
  const enumLookup = (name: string, members: string[]): LookupMeta => ({
    name,
    values: members.map((value) => ({ value, attrs: {} })),
    attrs: { EnumType: `${NS}.${name}` }
  })
  return {
    name: 'Property',
    classes: [
      {
        name: 'Property',
        attrs: {},
        fields: [
          f('ListingKey', 'Edm.String', { isKey: true }),
          f('StandardStatus', `${NS}.StandardStatus`, { lookupName: 'StandardStatus', interpretation: 'Lookup' }),
          f('ListPrice', 'Edm.Decimal'),
          f('BedroomsTotal', 'Edm.Int64'),
          f('City', 'Edm.String'),
          f('PostalCode', 'Edm.String'),
          f('CloseDate', 'Edm.Date'),
          f('ModificationTimestamp', 'Edm.DateTimeOffset'),
          f('Appliances', `Collection(${NS}.Appliances)`, {
            lookupName: 'Appliances',
            interpretation: 'LookupMulti',
            collection: true
          }),
          f('LotSizeAcres', 'Edm.Decimal')
        ]
      }
    ],
    lookups: [
      enumLookup('StandardStatus', ['Active', 'Pending', 'Closed']),
      enumLookup('Appliances', ['Dishwasher', 'Microwave', 'GasRange'])
    ],
    objectTypes: [],
    attrs: {}
  }
}
