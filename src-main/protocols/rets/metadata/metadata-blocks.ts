// Both metadata formats reduce to the same thing: blocks (METADATA-RESOURCE, -CLASS, -TABLE…) with attributes
// (Resource, Class, Lookup, Version, Date) and records (one per DATA row / child element) of name → value.
// COMPACT: COLUMNS + DATA rows. STANDARD-XML 1.7+: one element per record with child elements per field; the
// 1.7.2 SYSTEM record uses attributes instead; 1.5 uses <System><SystemID>…; full dumps nest blocks inside
// records (METADATA-CLASS inside a <Resource>). Several blocks may arrive in one reply (ID=0: one METADATA-LOOKUP
// per resource) and an empty <METADATA/> is a valid, empty answer.
import type { CompactEvent } from '../search/compact-scanner'

export interface MetadataBlock {
  /** normalised type: SYSTEM, RESOURCE, CLASS, TABLE, LOOKUP, LOOKUP_TYPE, OBJECT, FOREIGNKEYS, … */
  type: string
  attrs: Record<string, string>
  records: Array<Record<string, string>>
}

export interface MetadataReplyInfo {
  replyCode?: number
  replyText?: string
}

/** METADATA-FOREIGN_KEYS / METADATA-FOREIGNKEY / METADATA-FOREIGNKEYS are one type. */
export function normaliseBlockType(elementName: string): string {
  const t = elementName.replace(/^METADATA-/i, '').toUpperCase()
  if (/^FOREIGN_?KEYS?$/.test(t)) return 'FOREIGNKEYS'
  if (t === 'LOOKUPTYPE') return 'LOOKUP_TYPE'
  return t
}

/** Collects COMPACT metadata blocks from scanner events. */
export class CompactMetadataCollector {
  readonly blocks: MetadataBlock[] = []
  readonly reply: MetadataReplyInfo = {}
  private current: MetadataBlock | undefined
  private columns: string[] = []

  accept(events: CompactEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'reply':
        case 'status':
          this.reply.replyCode = e.replyCode
          this.reply.replyText = e.replyText
          break
        case 'blockStart':
          this.current = { type: normaliseBlockType(e.name), attrs: e.attrs, records: [] }
          this.blocks.push(this.current)
          this.columns = []
          break
        case 'blockEnd':
          this.current = undefined
          break
        case 'columns':
          this.columns = e.columns
          break
        case 'row': {
          if (!this.current) break
          const rec: Record<string, string> = {}
          this.columns.forEach((c, i) => (rec[c] = e.values[i] ?? ''))
          // a fast-properties copy: see XmlMetadataCollector.compactRecord
          this.current.records.push({ ...rec })
          break
        }
        case 'tag':
          // COMPACT METADATA-SYSTEM carries <SYSTEM SystemID=… SystemDescription=…/> and <COMMENTS>
          if (this.current && e.name.toUpperCase() === 'SYSTEM') this.current.records.push({ ...e.attrs })
          break
        default:
          break
      }
    }
  }
}
