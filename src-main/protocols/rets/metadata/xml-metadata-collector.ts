// SAX handlers collecting STANDARD-XML metadata blocks (metadata-blocks.ts has the block shape and the COMPACT
// side). A big dump is millions of tiny field elements, so the hot path keeps a record's fields as two flat lists
// and builds the record object once, at its close, as a copy of the block's previous record (same fields, same
// V8 shape) with the values replaced: no object per field, no hash-table record growing field by field, no
// second copy to make it compact.
import type { XmlHandlers } from '../xml-stream'
import { refArray } from '../ref-array'
import { normaliseBlockType, type MetadataBlock, type MetadataReplyInfo } from './metadata-blocks'
import { StringInterner } from './string-interner'

interface BlockFrame {
  kind: 'block'
  block: MetadataBlock
  /** the block's last record, the template of the next one with the same field names */
  last: Record<string, string> | undefined
  lastKeys: string[]
  /** the last record had no attributes (then its own properties are exactly lastKeys) */
  lastPlain: boolean
}

interface RecordFrame {
  kind: 'record'
  parent: BlockFrame
  /** where the record stands in its block (a placeholder until it closes) */
  at: number
  attrs: Record<string, string>
  /** field names and values in document order (a repeated name: the later value wins, as an assignment would) */
  keys: string[]
  values: string[]
}

interface FieldFrame {
  kind: 'field'
  name: string
  record: RecordFrame
  text: string
}

type Frame = BlockFrame | RecordFrame | FieldFrame | { kind: 'root' | 'other' }

const ROOT: Frame = { kind: 'root' }
const OTHER: Frame = { kind: 'other' }
/** Stands on the stack for the field element held in XmlMetadataCollector.field*. */
const OPEN_FIELD: Frame = { kind: 'other' }

/** `<RETS>`, `<RETS-STATUS>` or `<METADATA-…>` in any case, judged without upper-casing every field name. */
function maybeSpecial(name: string): boolean {
  const first = name.charCodeAt(0) | 0x20
  if (first === 0x72) return name.length === 4 || name.length === 11 // RETS, RETS-STATUS
  return first === 0x6d && name.length > 9 && name.charCodeAt(8) === 0x2d // METADATA-…
}

export class XmlMetadataCollector implements XmlHandlers {
  readonly blocks: MetadataBlock[] = refArray<MetadataBlock>()
  readonly reply: MetadataReplyInfo = {}
  private readonly stack: Frame[] = refArray<Frame>()
  /** the open field (a record's child element); a second one (a block nested in a field) gets its own frame */
  private fieldRecord: RecordFrame | undefined
  private fieldName = ''
  private fieldText = ''
  /** one copy of each repeated value, none pinning the reply text (string-interner.ts) */
  private readonly strings = new StringInterner()

  open(name: string, attrs: Record<string, string>): void {
    // never index -1: reading stack[-1] (the root's open) deoptimises this hot function for every document
    const depth = this.stack.length
    const parent = depth ? this.stack[depth - 1]! : ROOT
    if (maybeSpecial(name) && this.openSpecial(name, attrs)) return
    if (parent.kind === 'block') {
      const records = parent.block.records
      // a placeholder, so a record the document never closes still stands in its block
      const frame: RecordFrame = {
        kind: 'record',
        parent,
        at: records.length,
        attrs,
        keys: refArray<string>(),
        values: refArray<string>()
      }
      records.push({ ...attrs })
      this.stack.push(frame)
      return
    }
    if (parent.kind === 'record') {
      if (this.fieldRecord) this.stack.push({ kind: 'field', name, record: parent, text: '' })
      else {
        // the one open field lives in fieldRecord/Name/Text, not in a new frame: big dumps have millions of them
        this.fieldRecord = parent
        this.fieldName = name
        this.fieldText = ''
        this.stack.push(OPEN_FIELD)
      }
      return
    }
    this.stack.push(OTHER)
  }

  /** <RETS>, <RETS-STATUS> and <METADATA-…> (any case); false for any other name. */
  private openSpecial(name: string, attrs: Record<string, string>): boolean {
    const upper = name.toUpperCase()
    if (upper === 'RETS' || upper === 'RETS-STATUS') {
      const code = attrs.ReplyCode ?? attrs.replycode ?? attrs.REPLYCODE
      if (code !== undefined) this.reply.replyCode = Number(code)
      const text = attrs.ReplyText ?? attrs.replytext ?? attrs.REPLYTEXT
      if (text !== undefined) this.reply.replyText = text
      this.stack.push(ROOT)
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
      this.stack.push({ kind: 'block', block, last: undefined, lastKeys: [], lastPlain: false })
      return true
    }
    return false
  }

  text(t: string): void {
    const depth = this.stack.length
    const top = depth ? this.stack[depth - 1]! : ROOT
    if (top === OPEN_FIELD) this.fieldText += t
    else if (top.kind === 'field') top.text += t
  }

  close(): void {
    const top = this.stack.pop()
    if (top === OPEN_FIELD) {
      const record = this.fieldRecord!
      record.keys.push(this.fieldName)
      record.values.push(this.strings.intern(this.fieldText))
      this.fieldRecord = undefined
    } else if (top?.kind === 'field') {
      top.record.keys.push(top.name)
      top.record.values.push(this.strings.intern(top.text))
    } else if (top?.kind === 'record') this.finishRecord(top)
  }

  /** After the last event: records the document never closed get the fields they had. */
  end(): void {
    for (const frame of this.stack) if (frame.kind === 'record') this.finishRecord(frame)
  }

  private finishRecord(frame: RecordFrame): void {
    const block = frame.parent
    const { keys, values } = frame
    const last = block.last
    let record: Record<string, string>
    const plain = !hasKeys(frame.attrs)
    if (last && plain && block.lastPlain && sameKeys(keys, block.lastKeys)) {
      record = { ...last }
      for (let i = 0; i < keys.length; i++) record[keys[i]!] = values[i]!
    } else {
      const built: Record<string, string> = { ...frame.attrs }
      for (let i = 0; i < keys.length; i++) built[keys[i]!] = values[i]!
      // past a dozen fields added under computed names V8 keeps an object as a hash table (~1.5 KB for a
      // 28-field TABLE row); the spread copy is a plain fast object a third of that size, with its shape
      // shared by every row of the same columns (a 70k-field dump: ~90 MB less heap)
      record = { ...built }
      block.lastKeys = keys
      block.lastPlain = plain
    }
    block.last = record
    block.block.records[frame.at] = record
  }

  /** A block nested inside a record takes its Resource / Class from that record (1.7 full dumps). */
  private inheritedAttrs(): Record<string, string> {
    const out: Record<string, string> = {}
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const f = this.stack[i]!
      if (f.kind !== 'record') continue
      const parentBlock = f.parent.block
      const resourceId = fieldOf(f, 'ResourceID')
      const className = fieldOf(f, 'ClassName')
      const lookupName = fieldOf(f, 'LookupName')
      if (parentBlock.type === 'RESOURCE' && resourceId && !out.Resource) out.Resource = resourceId
      if (parentBlock.type === 'CLASS' && className && !out.Class) out.Class = className
      if (parentBlock.type === 'LOOKUP' && lookupName && !out.Lookup) out.Lookup = lookupName
      if (parentBlock.attrs.Resource && !out.Resource) out.Resource = parentBlock.attrs.Resource
    }
    return out
  }
}

function hasKeys(o: Record<string, string>): boolean {
  for (const _ in o) return true
  return false
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A field of a record still open: its latest value, or its attribute of that name. */
function fieldOf(frame: RecordFrame, name: string): string | undefined {
  const at = frame.keys.lastIndexOf(name)
  return at >= 0 ? frame.values[at] : frame.attrs[name]
}
