// The metadata as a spreadsheet an integrator can filter, diff and hand to a client (what retsmd.com pages and
// hand-made spreadsheets are used for today): one sheet per level of the model, every row carrying its resource
// and class so each sheet stands on its own.
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import type { SheetSource } from '../export/xlsx/xlsx-workbook'
import { FIELD_COLUMNS, fieldCells, text, yes } from './report-writers/field-columns'

function sheet(name: string, columns: string[], rows: string[][]): SheetSource {
  return { name, columns, rows: () => [rows] }
}

/** The sheets of the report; `notLoaded` lists what an offline snapshot did not have (a sheet of its own). */
export function metadataReportSheets(model: MetadataModel, notLoaded: string[] = []): SheetSource[] {
  const s = model.system
  const sheets = [
    sheet(
      'System',
      ['Attribute', 'Value'],
      [
        ['Source', model.source],
        ['SystemID', s.id],
        ['Description', text(s.description)],
        ['Version', text(s.version)],
        ['Timestamp', text(s.timestamp)],
        ['TimeZoneOffset', text(s.timeZoneOffset)],
        ['Comments', text(s.comments)]
      ]
    ),
    sheet(
      'Resources',
      ['Resource', 'StandardName', 'VisibleName', 'KeyField', 'Classes', 'Lookups', 'ObjectTypes', 'Description'],
      model.resources.map((r) => [
        r.name,
        text(r.standardName),
        text(r.visibleName),
        text(r.keyField),
        String(r.classes.length),
        String(r.lookups.length),
        String(r.objectTypes.length),
        text(r.description)
      ])
    ),
    sheet(
      'Classes',
      ['Resource', 'Class', 'StandardName', 'VisibleName', 'Fields', 'Description'],
      model.resources.flatMap((r) =>
        r.classes.map((c) => [
          r.name,
          c.name,
          text(c.standardName),
          text(c.visibleName),
          text(c.fields?.length),
          text(c.description)
        ])
      )
    ),
    sheet(
      'Fields',
      ['Resource', 'Class', ...FIELD_COLUMNS],
      model.resources.flatMap((r) =>
        r.classes.flatMap((c) => (c.fields ?? []).map((f) => [r.name, c.name, ...fieldCells(f)]))
      )
    ),
    sheet(
      'Lookups',
      ['Resource', 'Lookup', 'VisibleName', 'Value', 'LongValue', 'ShortValue', 'StandardValue'],
      model.resources.flatMap((r) =>
        r.lookups.flatMap((l) =>
          (l.values ?? []).map((v) => [
            r.name,
            l.name,
            text(l.visibleName),
            v.value,
            text(v.longValue),
            text(v.shortValue),
            text(v.standardValue)
          ])
        )
      )
    ),
    sheet(
      'Object types',
      ['Resource', 'Type', 'MimeType', 'VisibleName', 'Description'],
      model.resources.flatMap((r) =>
        r.objectTypes.map((o) => [r.name, o.type, text(o.mimeType), text(o.visibleName), text(o.description)])
      )
    )
  ]
  if (model.foreignKeys?.length) {
    sheets.push(
      sheet(
        'Foreign keys',
        ['ForeignKeyID', 'Parent', 'ParentClass', 'ParentField', 'Child', 'ChildClass', 'ChildField', 'OneToMany'],
        model.foreignKeys.map((k) => [
          k.id,
          k.parent.resource,
          text(k.parent.class),
          k.parent.systemName,
          k.child.resource,
          text(k.child.class),
          k.child.systemName,
          yes(k.oneToMany)
        ])
      )
    )
  }
  if (notLoaded.length)
    sheets.push(
      sheet(
        'Not loaded',
        ['What the offline snapshot does not have'],
        notLoaded.map((n) => [n])
      )
    )
  return sheets
}
