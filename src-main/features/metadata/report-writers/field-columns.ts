// The columns a data dictionary shows per field, shared by the XLSX, Markdown, HTML and CSV reports so they agree.
import type { FieldMeta } from '../../../../domain/metadata/metadata-model'

export const text = (v: string | number | undefined): string => (v === undefined ? '' : String(v))
export const yes = (v: boolean | undefined): string => (v === undefined ? '' : v ? 'Y' : 'N')

export const FIELD_COLUMNS = [
  'SystemName',
  'StandardName',
  'LongName',
  'ShortName',
  'DBName',
  'DataType',
  'MaxLength',
  'Precision',
  'Interpretation',
  'LookupName',
  'Searchable',
  'Required',
  'Key',
  'Description'
] as const

export function fieldCells(f: FieldMeta): string[] {
  return [
    f.systemName,
    text(f.standardName),
    text(f.longName),
    text(f.shortName),
    text(f.dbName),
    f.dataType,
    text(f.maxLength),
    text(f.precision),
    text(f.interpretation),
    text(f.lookupName),
    yes(f.searchable),
    yes(f.required),
    yes(f.isKey),
    text(f.description)
  ]
}

export const VALUE_COLUMNS = ['Value', 'LongValue', 'ShortValue', 'StandardValue'] as const
