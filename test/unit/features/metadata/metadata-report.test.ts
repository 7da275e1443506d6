import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MetadataModel } from '../../../../domain/metadata/metadata-model'
import { exportMetadataReport } from '../../../../src-main/features/metadata/metadata-report-export'
import { metadataReportSheets } from '../../../../src-main/features/metadata/metadata-report'
import { readZip } from '../../../support/zip-reader'

function model(): MetadataModel {
  return {
    source: 'rets',
    system: { id: 'MLS1', version: '1.2.3', attrs: {} },
    warnings: [],
    resources: [
      {
        name: 'Property',
        keyField: 'LN',
        attrs: {},
        classes: [
          { name: 'RE', attrs: {} },
          { name: 'LD', attrs: {} }
        ],
        lookups: [{ name: 'Status', attrs: {} }],
        objectTypes: [{ type: 'Photo', attrs: {} }]
      }
    ]
  }
}

async function rows(sheet: ReturnType<typeof metadataReportSheets>[number]): Promise<string[][]> {
  const out: string[][] = []
  for await (const batch of sheet.rows()) out.push(...batch)
  return out
}

describe('metadata report', () => {
  it('loads what is lazy, lists what cannot be had, and writes one sheet per level', async () => {
    const m = model()
    const sessions = {
      model: async () => ({ model: m, origin: 'cache' as const }),
      fields: async (_p: string, _r: string, cls: string) => {
        if (cls === 'LD') throw new Error('Offline: the fields of Property:LD were never loaded.')
        const fields = [
          { systemName: 'LN', longName: 'Listing Number', dataType: 'Int', searchable: true, isKey: true, attrs: {} }
        ]
        m.resources[0]!.classes[0]!.fields = fields
        return fields
      },
      lookup: async () => {
        const values = [{ value: 'A', longValue: 'Active', attrs: {} }]
        m.resources[0]!.lookups[0]!.values = values
        return values
      }
    }
    const progress: string[] = []
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'report-')), 'm.xlsx')
    const summary = await exportMetadataReport(sessions, 'p', file, 'xlsx', {
      signal: new AbortController().signal,
      progress: (_d, o) => o?.message && progress.push(o.message)
    })
    expect(summary).toMatchObject({ fields: 1, lookupValues: 1 })
    expect(summary.notLoaded).toEqual([
      'Fields of class Property:LD — Offline: the fields of Property:LD were never loaded.'
    ])
    expect(progress.at(-1)).toMatch(/1 fields, 1 lookup values, 1 parts not available offline$/)

    const sheets = metadataReportSheets(m, summary.notLoaded)
    expect(sheets.map((s) => s.name)).toEqual([
      'System',
      'Resources',
      'Classes',
      'Fields',
      'Lookups',
      'Object types',
      'Not loaded'
    ])
    expect(await rows(sheets[3]!)).toEqual([
      ['Property', 'RE', 'LN', '', 'Listing Number', '', '', 'Int', '', '', '', '', 'Y', '', 'Y', '']
    ])
    expect(await rows(sheets[2]!)).toEqual([
      ['Property', 'RE', '', '', '1', ''],
      ['Property', 'LD', '', '', '', '']
    ])
    const parts = readZip(readFileSync(file))
    expect(parts.get('xl/worksheets/sheet7.xml')!.toString()).toContain('never loaded')
  })
})
