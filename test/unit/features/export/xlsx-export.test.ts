import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { XMLParser } from 'fast-xml-parser'
import { ResultStore } from '../../../../src-main/platform/results/result-store'
import { exportXlsx } from '../../../../src-main/features/export/xlsx/xlsx-export'
import { columnLetter, sheetNames } from '../../../../src-main/features/export/xlsx/xlsx-workbook'
import { readZip } from '../../../support/zip-reader'

function store(rows: string[][], columns = ['LIST_1', 'LIST_22', 'Remarks']): ResultStore {
  const s = new ResultStore({ dir: mkdtempSync(path.join(os.tmpdir(), 'xlsx-store-')) })
  s.setColumns(columns.map((name) => ({ name })))
  for (const r of rows) s.append(r)
  return s
}

/** The cells of a sheet as text, row by row (inline strings and numbers alike). */
function sheetCells(xml: Buffer): { refs: string[]; values: string[][]; frozen: boolean; filter: string } {
  const doc = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (n) => ['row', 'c'].includes(n)
  }).parse(xml.toString('utf8'))
  const ws = doc.worksheet
  const rows = ws.sheetData.row as Array<{ c?: Array<Record<string, unknown>> }>
  const refs: string[] = []
  const values = rows.map((r) =>
    (r.c ?? []).map((c) => {
      refs.push(String(c['@_r']))
      const t = (c.is as { t: unknown } | undefined)?.t
      return String(typeof t === 'object' && t !== null ? (t as Record<string, unknown>)['#text'] : (t ?? c.v))
    })
  )
  return { refs, values, frozen: ws.sheetViews.sheetView.pane['@_state'] === 'frozen', filter: ws.autoFilter['@_ref'] }
}

describe('XLSX export', () => {
  it('writes a valid package: header bold and frozen, numbers as numbers, IDs and text kept exact', async () => {
    const s = store([
      ['00012345', '450000.00', 'Pool & spa <new>'],
      ['1234567890123456789', '-12', ' leading space'],
      ['L3', '', 'bell\u0007char']
    ])
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'xlsx-')), 'out.xlsx')
    expect(await exportXlsx(s, file)).toBe(3)
    const parts = readZip(readFileSync(file))
    expect([...parts.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml'
    ])
    const sheet = parts.get('xl/worksheets/sheet1.xml')!
    const cells = sheetCells(sheet)
    expect(cells.values).toEqual([
      ['LIST_1', 'LIST_22', 'Remarks'],
      ['00012345', '450000.00', 'Pool & spa <new>'],
      ['1234567890123456789', '-12', ' leading space'],
      ['L3', 'bell char']
    ])
    expect(cells.refs.slice(-2)).toEqual(['A4', 'C4']) // the empty cell is left out, not shifted
    expect(cells.frozen).toBe(true)
    expect(cells.filter).toBe('A1:C4')
    const text = sheet.toString('utf8')
    expect(text).toContain('<c r="B2"><v>450000.00</v></c>') // a number
    expect(text).toContain('<c r="A2" t="inlineStr"><is><t>00012345</t></is></c>') // leading zeros: text
    expect(text).toContain('<c r="A3" t="inlineStr">') // 19 digits would lose precision as a number
    expect(text).toContain('<c r="A1" s="1" t="inlineStr">') // bold header
    s.dispose()
  })

  it('continues on a second sheet past the per-sheet row limit, each with its header', async () => {
    const rows = Array.from({ length: 12_345 }, (_, i) => [`K${i}`, String(i), `r${i}`])
    const s = store(rows)
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'xlsx-')), 'big.xlsx')
    await exportXlsx(s, file, { rowsPerSheet: 10_000 })
    const parts = readZip(readFileSync(file))
    const one = sheetCells(parts.get('xl/worksheets/sheet1.xml')!).values
    const two = sheetCells(parts.get('xl/worksheets/sheet2.xml')!).values
    expect(one).toHaveLength(10_001)
    expect(two[0]).toEqual(['LIST_1', 'LIST_22', 'Remarks'])
    expect(two.slice(1).map((r) => r[0])).toEqual(rows.slice(10_000).map((r) => r[0]))
    expect(parts.get('xl/workbook.xml')!.toString()).toContain('<sheet name="Results 2" sheetId="2" r:id="rId2"/>')
    s.dispose()
  })

  it('a cancelled export leaves the previous file and no temp file', async () => {
    const s = store(Array.from({ length: 20_000 }, (_, i) => [`K${i}`, '1', 'x']))
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xlsx-'))
    const file = path.join(dir, 'keep.xlsx')
    writeFileSync(file, 'previous')
    const abort = new AbortController()
    abort.abort()
    await expect(exportXlsx(s, file, { signal: abort.signal })).rejects.toThrow(/cancelled/)
    expect(readFileSync(file, 'utf8')).toBe('previous')
    expect(readdirSync(dir)).toEqual(['keep.xlsx'])
    s.dispose()
  })

  it('names columns past Z like Excel', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD'
    ])
  })
})

describe('sheet names', () => {
  it('are valid for Excel and unique', () => {
    expect(
      sheetNames(['Fields', 'Property:RES/A*', 'fields', 'A very long resource name that Excel refuses', ''])
    ).toEqual(['Fields', 'Property RES A', 'fields 2', 'A very long resource name that', 'Sheet'])
  })
})
