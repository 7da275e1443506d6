// A metadata dump the size issue 10 speaks of (~50 MB STANDARD-XML), grown from the captured Demo MLS dump: real
// MLSs have dozens of classes with 300+ fields each and hundreds of lookups, the Demo MLS has 6 resources and
// 135 fields. Extra METADATA-CLASS / -TABLE / -LOOKUP_TYPE blocks are added for Property before </METADATA>, their
// rows copied from the dump's own <Field> and <LookupType> rows (SystemName / Value made unique), so every value
// and every quirk of the original stays in the mix.
import { readFileSync, writeFileSync } from 'node:fs'

export interface LargeMetadataSize {
  classes: number
  fieldsPerClass: number
  lookups: number
  valuesPerLookup: number
}

export interface LargeMetadataFile {
  file: string
  bytes: number
  fields: number
  lookupValues: number
}

function rowsOf(doc: string, blockType: string, element: string): string[] {
  const rows: string[] = []
  const block = new RegExp(`<METADATA-${blockType} [^>]*>([\\s\\S]*?)</METADATA-${blockType}>`, 'g')
  const row = new RegExp(`<${element}>[\\s\\S]*?</${element}>`, 'g')
  for (const m of doc.matchAll(block)) for (const r of m[1]!.matchAll(row)) rows.push(r[0])
  return rows
}

function renamed(row: string, tag: string, suffix: string): string {
  return row.replace(new RegExp(`<${tag}>([^<]*)</${tag}>`), (_m, v: string) => `<${tag}>${v}${suffix}</${tag}>`)
}

export function writeLargeMetadata(source: string, file: string, size: LargeMetadataSize): LargeMetadataFile {
  const doc = readFileSync(source, 'utf8')
  const fieldRows = rowsOf(doc, 'TABLE', 'Field')
  const valueRows = rowsOf(doc, 'LOOKUP_TYPE', 'LookupType')
  const end = doc.lastIndexOf('</METADATA>')
  if (!fieldRows.length || !valueRows.length || end < 0) throw new Error('the metadata capture has no fields/lookups')
  const dated = 'Version="01.00.00001" Date="2026-05-02T00:00:00Z"'
  const parts: string[] = [doc.slice(0, end)]
  const classRows: string[] = []
  for (let c = 0; c < size.classes; c++)
    classRows.push(
      `<Class><ClassName>G${c}</ClassName><StandardName>Residential</StandardName><VisibleName>Generated class ${c}</VisibleName><Description>Generated &amp; grown class ${c}</Description></Class>\r\n`
    )
  parts.push(`<METADATA-CLASS Resource="Property" ${dated}>\r\n${classRows.join('')}</METADATA-CLASS>\r\n`)
  for (let c = 0; c < size.classes; c++) {
    const rows: string[] = []
    for (let f = 0; f < size.fieldsPerClass; f++) {
      const template = fieldRows[f % fieldRows.length]!
      rows.push(renamed(template, 'SystemName', `_${f}`) + '\r\n')
    }
    parts.push(`<METADATA-TABLE Resource="Property" Class="G${c}" ${dated}>\r\n${rows.join('')}</METADATA-TABLE>\r\n`)
  }
  for (let l = 0; l < size.lookups; l++) {
    const rows: string[] = []
    for (let v = 0; v < size.valuesPerLookup; v++) {
      const template = valueRows[(l + v) % valueRows.length]!
      rows.push(renamed(template, 'Value', `_${v}`) + '\r\n')
    }
    parts.push(
      `<METADATA-LOOKUP_TYPE Resource="Property" Lookup="GEN_${l}" ${dated}>\r\n${rows.join('')}</METADATA-LOOKUP_TYPE>\r\n`
    )
  }
  parts.push(doc.slice(end))
  const text = parts.join('')
  writeFileSync(file, text)
  const baseFields = fieldRows.length
  const baseValues = valueRows.length
  return {
    file,
    bytes: Buffer.byteLength(text),
    fields: baseFields + size.classes * size.fieldsPerClass,
    lookupValues: baseValues + size.lookups * size.valuesPerLookup
  }
}

/**
 * One GetMetadata reply per metadata type from a STANDARD-XML dump (its envelope around only the blocks of that
 * type), as a server that honours Type but answers ID=0 for every resource; SYSTEM gets the whole dump, as servers
 * that answer METADATA-SYSTEM with all of their metadata do (RETS 1.7.2 §12 allows it). Returns type → file.
 */
export function writeMetadataByType(source: string, prefix: string, types: string[]): Record<string, string> {
  const doc = readFileSync(source, 'utf8')
  const first = doc.indexOf('<METADATA-')
  const end = doc.lastIndexOf('</METADATA>')
  if (first < 0 || end < 0) throw new Error('the metadata dump has no METADATA blocks')
  const files: Record<string, string> = {}
  for (const type of types) {
    const file = `${prefix}-${type}.xml`
    if (type === 'SYSTEM') writeFileSync(file, doc)
    else {
      const block = new RegExp(`<METADATA-${type}[ >][\\s\\S]*?</METADATA-${type}>\\s*`, 'g')
      const blocks = Array.from(doc.slice(first, end).matchAll(block), (m) => m[0])
      writeFileSync(file, doc.slice(0, first) + blocks.join('') + doc.slice(end))
    }
    files[type] = file
  }
  return files
}
