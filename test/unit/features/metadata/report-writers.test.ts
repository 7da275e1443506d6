import { describe, expect, it } from 'vitest'
import type { MetadataModel } from '../../../../domain/metadata/metadata-model'
import { metadataHtml } from '../../../../src-main/features/metadata/report-writers/html-report'
import { metadataMarkdown } from '../../../../src-main/features/metadata/report-writers/markdown-report'
import { metadataCsv } from '../../../../src-main/features/metadata/report-writers/csv-report'

// server text is untrusted: descriptions carry markup, pipes, line breaks and formula-looking text
const HOSTILE = '<img src=x onerror=alert(1)> a|b\nnext =SUM(A1)'

const model = {
  source: 'rets',
  system: { id: 'DEMO', description: 'Demo <MLS>' },
  resources: [
    {
      name: 'Property',
      standardName: 'Property',
      keyField: 'LIST_1',
      classes: [
        {
          name: 'A',
          visibleName: 'Residential',
          fields: [
            { systemName: 'LIST_1', standardName: 'ListingKey', dataType: 'Character', maxLength: 20, isKey: true },
            { systemName: 'LIST_22', dataType: 'Decimal', precision: 2, description: HOSTILE, searchable: true }
          ]
        }
      ],
      lookups: [{ name: 'Status', values: [{ value: 'A', longValue: 'Active' }] }],
      objectTypes: []
    }
  ]
} as unknown as MetadataModel

describe('metadata report writers', () => {
  it('HTML: one self-contained file, every server string escaped, search and collapse built in', () => {
    const html = metadataHtml(model, [], new Date('2026-01-01T00:00:00Z'))
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain("default-src 'none'")
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/)
    expect(html).toMatch(/<input id="q" type="search"/)
    expect(html).toMatch(/<details data-group open><summary>Resource Property/)
    expect(html).toContain('prefers-color-scheme:dark')
    expect(html.match(/<tr data-row>/g)).toHaveLength(3)
  })

  it('Markdown: a table per class and lookup, cells cannot break the table or inject HTML', () => {
    const md = metadataMarkdown(model)
    expect(md).toContain('### Property:A — Residential (2 fields)')
    const row = md.split('\n').find((l) => l.startsWith('| LIST_22'))!
    expect(row).toContain('&lt;img src=x onerror=alert(1)> a\\|b next =SUM(A1)')
    expect(row.split(/(?<!\\)\|/).length).toBe(16)
    expect(md).toContain('| A | Active |  |  |')
  })

  it('CSV: one row per field, formula-looking text neutralised', () => {
    const lines = metadataCsv(model).split('\r\n')
    expect(lines[0]).toMatch(/^Resource,Class,SystemName,StandardName/)
    expect(lines[1]).toBe('Property,A,LIST_1,ListingKey,,,,Character,20,,,,,,Y,')
    expect(lines[2]).toContain('"<img src=x onerror=alert(1)> a|b\nnext =SUM(A1)"')
    expect(lines).toHaveLength(4)
  })
})
