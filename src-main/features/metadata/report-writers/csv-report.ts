// The metadata report as one CSV: a row per field with its resource and class (what spreadsheets and scripts
// load most often); lookup values are in the other formats.
import type { MetadataModel } from '../../../../domain/metadata/metadata-model'
import { csvField } from '../../export/photos/export-manifest'
import { FIELD_COLUMNS, fieldCells } from './field-columns'

export function metadataCsv(model: MetadataModel): string {
  const lines = [['Resource', 'Class', ...FIELD_COLUMNS].map(csvField).join(',')]
  for (const r of model.resources) {
    for (const c of r.classes) {
      for (const f of c.fields ?? []) lines.push([r.name, c.name, ...fieldCells(f)].map(csvField).join(','))
    }
  }
  return `${lines.join('\r\n')}\r\n`
}
