// An .xlsx workbook (Office Open XML, ECMA-376) written as a stream into a ZIP that lands atomically: sheets get
// their rows in batches, so a million-row sheet never sits in memory. Header row bold and frozen with an
// autofilter; cells are inline strings except plain decimal numbers, so IDs with leading zeros or 16+ digits stay
// exact. Used for result exports and metadata reports.
import { createAtomicWriteStream } from '../../../platform/files/atomic-write'
import { ZipWriter, type ZipEntryWriter } from './zip-writer'

export const EXCEL_MAX_ROWS = 1_048_576
/** Excel refuses longer cell text */
export const EXCEL_MAX_CELL = 32_767

export interface SheetSource {
  /** the tab name (Excel: 31 characters, none of []:*?/\) */
  name: string
  columns: string[]
  /** the data rows below the header, in batches */
  rows(): AsyncIterable<string[][]> | Iterable<string[][]>
}

export interface WorkbookOptions {
  signal?: AbortSignal
  now?: Date
}

// XML 1.0 forbids most C0 controls even as references: MLS remarks do contain them, so they become spaces
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g
const NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d{1,15})?$/

function xmlText(value: string): string {
  return value.replace(XML_INVALID, ' ').replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
}

function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;')
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

function packageParts(sheetNames: string[]): Record<string, string> {
  const ids = sheetNames.map((_, i) => i + 1)
  const sheets = sheetNames.length
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
      ids.map((i) => `<sheet name="${xmlAttr(sheetNames[i - 1]!)}" sheetId="${i}" r:id="rId${i}"/>`).join('') +
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

/** A valid, unique tab name for each sheet (Excel refuses []:*?/\ and more than 31 characters). */
export function sheetNames(names: string[]): string[] {
  const used = new Set<string>()
  return names.map((raw) => {
    const base =
      raw
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 31)
        .trim() || 'Sheet'
    let name = base
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`
    used.add(name.toLowerCase())
    return name
  })
}

/** Writes the sheets to `target` atomically (a failure or cancel leaves any previous file as it was). */
export async function writeWorkbook(
  target: string,
  sheets: SheetSource[],
  options: WorkbookOptions = {}
): Promise<void> {
  const out = await createAtomicWriteStream(target)
  const zip = new ZipWriter((chunk) => out.put(chunk), options.now)
  try {
    for (const [name, text] of Object.entries(packageParts(sheetNames(sheets.map((s) => s.name))))) {
      const part = await zip.entry(name)
      await part.write(text)
      await part.close()
    }
    for (const [i, sheet] of sheets.entries()) {
      const part = await zip.entry(`xl/worksheets/sheet${i + 1}.xml`)
      await writeSheet(part, sheet, options.signal)
      await part.close()
    }
    await zip.finish()
    await out.complete()
  } catch (err) {
    await out.abort()
    throw err
  }
}

async function writeSheet(part: ZipEntryWriter, sheet: SheetSource, signal?: AbortSignal): Promise<void> {
  const letters = sheet.columns.map((_, i) => columnLetter(i))
  await part.write(
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><sheetViews><sheetView workbookViewId="0">` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<sheetData>${rowXml(1, sheet.columns, letters, ' s="1"')}`
  )
  let excelRow = 2
  for await (const batch of sheet.rows()) {
    if (signal?.aborted) throw Object.assign(new Error('Export cancelled.'), { name: 'AbortError' })
    let text = ''
    for (const r of batch) text += rowXml(excelRow++, r, letters)
    await part.write(text)
  }
  await part.write(`</sheetData><autoFilter ref="A1:${letters.at(-1) ?? 'A'}${excelRow - 1}"/></worksheet>`)
}
