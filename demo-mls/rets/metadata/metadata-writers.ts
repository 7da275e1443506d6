// Renders metadata blocks as COMPACT (RETS 1.7.2 §11.1: COLUMNS/DATA lines) or STANDARD-XML (one element per
// row, a child element per column). RETS 1.5 STANDARD-XML differs in two places clients trip over: SYSTEM is
// <System> with child elements, and LOOKUP_TYPE rows are <Lookup> rather than <LookupType>.
import type { RetsVersion } from '../../demo-context'
import { compactLine, xmlEscape } from '../rets-envelope'
import type { MetadataBlock, MetadataType } from './demo-metadata-blocks'

function attrText(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlEscape(v)}"`)
    .join('')
}

export function renderCompact(block: MetadataBlock): string {
  const open = `<METADATA-${block.type}${attrText(block.attrs)}>\r\n`
  const close = `</METADATA-${block.type}>\r\n`
  if (block.type === 'SYSTEM') {
    const [id = '', description = '', tz = '', comments = ''] = block.rows[0] ?? []
    return `${open}<SYSTEM SystemID="${xmlEscape(id)}" SystemDescription="${xmlEscape(description)}" TimeZoneOffset="${tz}"/>\r\n<COMMENTS>${xmlEscape(comments)}</COMMENTS>\r\n${close}`
  }
  return open + compactLine('COLUMNS', block.columns) + block.rows.map((r) => compactLine('DATA', r)).join('') + close
}

const rowElement: Record<Exclude<MetadataType, 'SYSTEM'>, string> = {
  RESOURCE: 'Resource',
  CLASS: 'Class',
  TABLE: 'Field',
  LOOKUP: 'Lookup',
  LOOKUP_TYPE: 'LookupType',
  OBJECT: 'Object',
  FOREIGNKEYS: 'ForeignKey'
}

export function renderStandardXml(block: MetadataBlock, version: RetsVersion): string {
  const open = `<METADATA-${block.type}${attrText(block.attrs)}>\r\n`
  const close = `</METADATA-${block.type}>\r\n`
  if (block.type === 'SYSTEM') {
    const [id = '', description = '', tz = '', comments = ''] = block.rows[0] ?? []
    const system =
      version === '1.5'
        ? `<System>\r\n<SystemID>${xmlEscape(id)}</SystemID>\r\n<SystemDescription>${xmlEscape(description)}</SystemDescription>\r\n<Comments>${xmlEscape(comments)}</Comments>\r\n</System>\r\n`
        : `<SYSTEM SystemID="${xmlEscape(id)}" SystemDescription="${xmlEscape(description)}" TimeZoneOffset="${tz}">\r\n<Comments>${xmlEscape(comments)}</Comments>\r\n</SYSTEM>\r\n`
    return open + system + close
  }
  const element = block.type === 'LOOKUP_TYPE' && version === '1.5' ? 'Lookup' : rowElement[block.type]
  const rows = block.rows
    .map((row) => {
      const cells = block.columns
        .map((col, i) => {
          const v = row[i] ?? ''
          return v === '' ? `<${col}/>` : `<${col}>${xmlEscape(v)}</${col}>`
        })
        .join('')
      return `<${element}>${cells}</${element}>\r\n`
    })
    .join('')
  return open + rows + close
}
