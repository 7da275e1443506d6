// The metadata report as Markdown: a heading per resource and class, a table of fields and one per lookup's values
// — for a README, a wiki or a pull request that shows what changed. Server text is untrusted, so table cells have
// pipes escaped, line breaks flattened and `<` written as an entity (no HTML reaches a renderer).
import type { MetadataModel } from '../../../../domain/metadata/metadata-model'
import { FIELD_COLUMNS, fieldCells, VALUE_COLUMNS } from './field-columns'

function cell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r?\n|\r/g, ' ')
}

function table(columns: readonly string[], rows: string[][]): string[] {
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ''
  ]
}

const inline = (s: string): string => cell(s).replace(/[*_`#[\]]/g, (c) => `\\${c}`)

export function metadataMarkdown(model: MetadataModel, notLoaded: string[] = []): string {
  const s = model.system
  const out = [`# Metadata of ${inline(s.id)}`, '']
  out.push(
    ...table(
      ['Attribute', 'Value'],
      [
        ['Source', model.source],
        ['Version', s.version ?? ''],
        ['Timestamp', s.timestamp ?? ''],
        ['Description', s.description ?? '']
      ]
    )
  )
  for (const r of model.resources) {
    out.push(`## ${inline(r.name)}${r.standardName ? ` (${inline(r.standardName)})` : ''}`, '')
    if (r.description) out.push(inline(r.description), '')
    for (const c of r.classes) {
      const fields = c.fields ?? []
      out.push(
        `### ${inline(r.name)}:${inline(c.name)}${c.visibleName ? ` — ${inline(c.visibleName)}` : ''} (${fields.length} fields)`,
        ''
      )
      out.push(...table(FIELD_COLUMNS, fields.map(fieldCells)))
    }
    for (const l of r.lookups) {
      out.push(
        `### Lookup ${inline(r.name)}/${inline(l.name)}${l.visibleName ? ` — ${inline(l.visibleName)}` : ''}`,
        ''
      )
      out.push(
        ...table(
          VALUE_COLUMNS,
          (l.values ?? []).map((v) => [v.value, v.longValue ?? '', v.shortValue ?? '', v.standardValue ?? ''])
        )
      )
    }
  }
  if (notLoaded.length) out.push('## Not loaded', '', ...notLoaded.map((n) => `- ${inline(n)}`), '')
  return out.join('\n')
}
