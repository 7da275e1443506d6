// A result as an .xlsx workbook (Office Open XML, ECMA-376), streamed from the result store page by page into a
// ZIP written atomically: a million rows never sit in memory. Header row bold and frozen with an autofilter;
// cells are inline strings except plain decimal numbers, so IDs with leading zeros or 16+ digits stay exact.
// Excel holds 1,048,576 rows per sheet: longer results continue on Sheet2, Sheet3…
import { createAtomicWriteStream } from '../../files/atomic-write'
import type { PagedRows } from '../../results/column-values'
import { ZipWriter, type ZipEntryWriter } from './zip-writer'

export const EXCEL_MAX_ROWS = 1_048_576
/** Excel refuses longer cell text */
export const EXCEL_MAX_CELL = 32_767
const PAGE = 5000

export interface XlsxOptions {
  signal?: AbortSignal
  /** data rows per sheet (below the header); Excel's limit unless a test wants small sheets */
  rowsPerSheet?: number
  now?: Date
}

// XML 1.0 forbids most C0 controls even as references: MLS remarks do contain them, so they become spaces
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g
const NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d{1,15})?$/

function xmlText(value: string): string {
  return value.replace(XML_INVALID, ' ').replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
}

/** A, B, … Z, AA, AB … for the 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

function cell(ref: string, value: string, style = ''): string {
  if (value === '') return ''
  if (NUMBER.test(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`
  const text = value.length > EXCEL_MAX_CELL ? value.slice(0, EXCEL_MAX_CELL) : value
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`
}

function rowXml(rowNumber: number, values: string[], letters: string[], style = ''): string {
  let out = `<row r="${rowNumber}">`
  for (let i = 0; i < letters.length; i++) out += cell(`${letters[i]}${rowNumber}`, values[i] ?? '', style)
  return `${out}</row>`
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'

function packageParts(sheets: number): Record<string, string> {
  const ids = Array.from({ length: sheets }, (_, i) => i + 1)
  return {
    '[Content_Types].xml':
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      ids
        .map(
          (i) =>
            `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
        )
        .join('') +
      '</Types>',
    '_rels/.rels':
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
      ids.map((i) => `<sheet name="${i === 1 ? 'Results' : `Results ${i}`}" sheetId="${i}" r:id="rId${i}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      ids
        .map((i) => `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`)
        .join('') +
      `<Relationship Id="rId${sheets + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
    // style 1 = bold (the header row)
    'xl/styles.xml':
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>'
  }
}

/** Writes `rows` to `target` atomically; returns the number of data rows. */
export async function exportXlsx(rows: PagedRows, target: string, options: XlsxOptions = {}): Promise<number> {
  const perSheet = Math.min(options.rowsPerSheet ?? EXCEL_MAX_ROWS - 1, EXCEL_MAX_ROWS - 1)
  const names = rows.columns.map((c) => c.name)
  const letters = names.map((_, i) => columnLetter(i))
  const first = await rows.page(0, PAGE)
  const total = first.total
  const sheets = Math.max(1, Math.ceil(total / perSheet))
  const out = await createAtomicWriteStream(target)
  const zip = new ZipWriter((chunk) => out.put(chunk), options.now)
  try {
    for (const [name, text] of Object.entries(packageParts(sheets))) {
      const part = await zip.entry(name)
      await part.write(text)
      await part.close()
    }
    for (let sheet = 0; sheet < sheets; sheet++) {
      const from = sheet * perSheet
      const to = Math.min(total, from + perSheet)
      const part = await zip.entry(`xl/worksheets/sheet${sheet + 1}.xml`)
      await writeSheet(part, rows, {
        from,
        to,
        names,
        letters,
        first,
        ...(options.signal ? { signal: options.signal } : {})
      })
      await part.close()
    }
    await zip.finish()
    await out.complete()
    return total
  } catch (err) {
    await out.abort()
    throw err
  }
}

async function writeSheet(
  part: ZipEntryWriter,
  rows: PagedRows,
  s: {
    from: number
    to: number
    names: string[]
    letters: string[]
    first: { offset: number; rows: string[][] }
    signal?: AbortSignal
  }
): Promise<void> {
  const lastRef = `${s.letters.at(-1) ?? 'A'}${s.to - s.from + 1}`
  await part.write(
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><sheetViews><sheetView workbookViewId="0">` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<sheetData>${rowXml(1, s.names, s.letters, ' s="1"')}`
  )
  let excelRow = 2
  for (let at = s.from; at < s.to; at += PAGE) {
    if (s.signal?.aborted) throw Object.assign(new Error('Export cancelled.'), { name: 'AbortError' })
    const limit = Math.min(PAGE, s.to - at)
    const page = at === s.first.offset && limit <= s.first.rows.length ? s.first : await rows.page(at, limit)
    let text = ''
    for (const r of page.rows.slice(0, limit)) text += rowXml(excelRow++, r, s.letters)
    await part.write(text)
  }
  await part.write(`</sheetData><autoFilter ref="A1:${lastRef}"/></worksheet>`)
}
