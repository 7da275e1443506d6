// Both metadata formats reduce to the same thing: blocks (METADATA-RESOURCE, -CLASS, -TABLE…) with attributes
// (Resource, Class, Lookup, Version, Date) and records (one per DATA row / child element) of name → value.
// COMPACT: COLUMNS + DATA rows. STANDARD-XML 1.7+: one element per record with child elements per field; the
// 1.7.2 SYSTEM record uses attributes instead; 1.5 uses <System><SystemID>…; full dumps nest blocks inside
// records (METADATA-CLASS inside a <Resource>). Several blocks may arrive in one reply (ID=0: one METADATA-LOOKUP
// per resource) and an empty <METADATA/> is a valid, empty answer.
import type { CompactEvent } from '../search/compact-scanner'
import type { XmlHandlers } from '../xml-stream'
import { refArray } from '../ref-array'
import { StringInterner } from './string-interner'

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

interface Frame {
  kind: 'root' | 'block' | 'record' | 'field' | 'other'
  name: string
  block?: MetadataBlock
  record?: Record<string, string>
  text?: string
}

/** Stands on the stack for the field element held in XmlMetadataCollector.field. */
const OPEN_FIELD: Frame = { kind: 'field', name: '' }

/** SAX handlers collecting STANDARD-XML metadata blocks. */
export class XmlMetadataCollector implements XmlHandlers {
  readonly blocks: MetadataBlock[] = refArray<MetadataBlock>()
  readonly reply: MetadataReplyInfo = {}
  private readonly stack: Frame[] = refArray<Frame>()
  /** the open field (a record's child element); a second one (a block nested in a field) gets its own frame */
  private fieldRecord: Record<string, string> | undefined
  private fieldName = ''
  private fieldText = ''
  /** one copy of each repeated value, none pinning the reply text (string-interner.ts) */
  private readonly strings = new StringInterner()

  open(name: string, attrs: Record<string, string>): void {
    // never index -1: reading stack[-1] (the root's open) deoptimises this hot function for every document
    const depth = this.stack.length
    const parent = depth ? this.stack[depth - 1] : undefined
    // most elements are fields (<SystemName>, <LongName>…): only names that start like RETS… or METADATA-… are
    // upper-cased and compared
    const first = name.charCodeAt(0) | 0x20
    if ((first === 0x72 || first === 0x6d) && this.openSpecial(name, attrs)) return
    if (parent?.kind === 'block') {
      const record: Record<string, string> = { ...attrs }
      parent.block!.records.push(record)
      this.stack.push({ kind: 'record', name, record })
      return
    }
    if (parent?.kind === 'record') {
      if (this.fieldRecord) this.stack.push({ kind: 'field', name, record: parent.record!, text: '' })
      else {
        // the one open field lives in fieldRecord/Name/Text, not in a new frame: big dumps have millions of them
        this.fieldRecord = parent.record!
        this.fieldName = name
        this.fieldText = ''
        this.stack.push(OPEN_FIELD)
      }
      return
    }
    this.stack.push({ kind: 'other', name })
  }

  /** <RETS>, <RETS-STATUS> and <METADATA-…> (any case); false for any other name. */
  private openSpecial(name: string, attrs: Record<string, string>): boolean {
    const upper = name.toUpperCase()
    if (upper === 'RETS' || upper === 'RETS-STATUS') {
      const code = attrs.ReplyCode ?? attrs.replycode ?? attrs.REPLYCODE
      if (code !== undefined) this.reply.replyCode = Number(code)
      const text = attrs.ReplyText ?? attrs.replytext ?? attrs.REPLYTEXT
      if (text !== undefined) this.reply.replyText = text
      this.stack.push({ kind: 'root', name })
      return true
    }
    if (upper.startsWith('METADATA-')) {
      const inherited = this.inheritedAttrs()
      const block: MetadataBlock = {
        type: normaliseBlockType(upper),
        attrs: { ...inherited, ...attrs },
        records: refArray<Record<string, string>>()
      }
      this.blocks.push(block)
      this.stack.push({ kind: 'block', name, block })
      return true
    }
    return false
  }

  text(t: string): void {
    const depth = this.stack.length
    const top = depth ? this.stack[depth - 1] : undefined
    if (top === OPEN_FIELD) this.fieldText += t
    else if (top?.kind === 'field') top.text += t
  }

  close(): void {
    const top = this.stack.pop()
    if (top === OPEN_FIELD) {
      this.fieldRecord![this.fieldName] = this.strings.intern(this.fieldText)
      this.fieldRecord = undefined
    } else if (top?.kind === 'field') top.record![top.name] = this.strings.intern(top.text ?? '')
    else if (top?.kind === 'record') this.compactRecord(top.record!)
  }

  /**
   * A record's fields were added one by one under computed names, and past a dozen of them V8 keeps such an object
   * as a hash table (~1.5 KB for a 28-field TABLE row); a spread copy is a plain fast object a third of that size,
   * with its shape shared by every row of the same columns (a 70k-field dump: ~90 MB less heap).
   */
  private compactRecord(record: Record<string, string>): void {
    const depth = this.stack.length
    const records = depth ? this.stack[depth - 1]!.block?.records : undefined
    if (records && records[records.length - 1] === record) records[records.length - 1] = { ...record }
  }

  /** A block nested inside a record takes its Resource / Class from that record (1.7 full dumps). */
  private inheritedAttrs(): Record<string, string> {
    const out: Record<string, string> = {}
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const f = this.stack[i]!
      if (f.kind === 'record' && f.record) {
        const parentBlock = this.findBlockAbove(i)
        if (parentBlock?.type === 'RESOURCE' && f.record.ResourceID && !out.Resource) out.Resource = f.record.ResourceID
        if (parentBlock?.type === 'CLASS' && f.record.ClassName && !out.Class) out.Class = f.record.ClassName
        if (parentBlock?.type === 'LOOKUP' && f.record.LookupName && !out.Lookup) out.Lookup = f.record.LookupName
        if (parentBlock?.attrs.Resource && !out.Resource) out.Resource = parentBlock.attrs.Resource
      }
    }
    return out
  }

  private findBlockAbove(index: number): MetadataBlock | undefined {
    for (let i = index - 1; i >= 0; i--) if (this.stack[i]!.kind === 'block') return this.stack[i]!.block
    return undefined
  }
}
