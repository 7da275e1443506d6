// The columns of an IDX API record as IdxRecordCollector flattens it (idx-record-rows.ts): the details elements the
// IDX API documentation describes per SearchType, named by their path. The IDX login's GetMetadata describes the RETS
// resources, not these replies, so this table is the typed part of a synced IDX record; any other element a server
// sends is kept in the record's raw JSON. LastUpdated stays text: it is RFC 1123, which a database date type refuses
// (the store's `_stamp` column holds it as an ISO instant).
import type { FieldMeta } from '../../../domain/metadata/metadata-model'

type Column = [name: string, dataType: string]

const AGENT: Column[] = [
  ['Name', 'Character'],
  ['Phones.Phone', 'Character'],
  ['Email', 'Character'],
  ['Office.ID', 'Character'],
  ['Office.Name', 'Character']
]

const COLUMNS: Record<string, Column[]> = {
  Property: [
    ['ListingID', 'Character'],
    ['Price', 'Decimal'],
    ['PropertyType', 'Character'],
    ['TransactionType', 'Character'],
    ['Address.StreetAddress', 'Character'],
    ['Address.City', 'Character'],
    ['Address.Province', 'Character'],
    ['Address.PostalCode', 'Character'],
    ['Building.BathroomTotal', 'Int'],
    ['Building.BedroomsTotal', 'Int'],
    ['Building.SizeInterior', 'Character'],
    ['Building.ConstructedDate', 'Character'],
    ['Land.SizeTotal', 'Character'],
    ['PublicRemarks', 'Character'],
    ['AgentDetails.ID', 'Character'],
    ...AGENT.map(([name, type]): Column => [`AgentDetails.${name}`, type]),
    ['Photo.Count', 'Int']
  ],
  Agent: AGENT,
  Office: [
    ['Name', 'Character'],
    ['Address.City', 'Character'],
    ['Address.Province', 'Character'],
    ['Phones.Phone', 'Character']
  ]
}

export const IDX_KEY = 'ID'
export const IDX_STAMP = 'LastUpdated'

/** The fields of a SearchType, ID and LastUpdated first (only those two for one the documentation has not). */
export function idxFields(searchType: string): FieldMeta[] {
  const columns = COLUMNS[searchType] ?? []
  const field = ([systemName, dataType]: Column): FieldMeta => ({ systemName, dataType, searchable: false, attrs: {} })
  return [
    { ...field([IDX_KEY, 'Character']), isKey: true, searchable: true },
    { ...field([IDX_STAMP, 'Character']), searchable: true },
    ...columns.map(field)
  ]
}
