// The pending chunk of a streamed RETS reply, filled by copying text into it one UTF-16 unit at a time and escaping
// as it goes (COMPACT cells, XML text). A large-mode search writes a million rows of a dozen short values: copying
// each value straight into the chunk builds no row string (a concatenation per cell, then a flattened copy for
// Buffer#write) and calls into no native code per value, and the escaping costs a table look-up per character
// instead of a regular-expression test per value. Output is what Buffer#write gives (UTF-8 with U+FFFD for a lone
// surrogate, or Latin-1's low byte under the Latin-1 fault).

/** Per ASCII character: 0 copied as is, 1 a space (COMPACT: TAB or newline would shift the columns), 2–5 an entity. */
type EscapeTable = Uint8Array

const ENTITIES: readonly (readonly number[])[] = ['', ' ', '&amp;', '&lt;', '&gt;', '&quot;'].map((e) =>
  Array.from(e, (ch) => ch.charCodeAt(0))
)

function table(special: Record<string, number>): EscapeTable {
  const t = new Uint8Array(128)
  for (const [ch, kind] of Object.entries(special)) t[ch.charCodeAt(0)] = kind
  return t
}

const XML_ENTITIES = { '&': 2, '<': 3, '>': 4, '"': 5 }
const AS_IS = new Uint8Array(128)
const XML_TEXT = table(XML_ENTITIES)
// as rets-envelope.ts's compactCell: TAB / CR / LF become spaces, then XML escaping
const COMPACT_CELL = table({ '\t': 1, '\r': 1, '\n': 1, ...XML_ENTITIES })

/** UTF-8 takes at most 3 bytes per UTF-16 unit; an entity (&quot;) 6. */
const WORST_BYTES_PER_UNIT = 6
/** markup at least this long is encoded by Buffer#write (a native call costs more than copying a short text) */
const NATIVE_FROM = 256

export class ReplyBytes {
  private buf: Buffer
  private at = 0

  constructor(
    private readonly capacity: number,
    private readonly latin1: boolean
  ) {
    this.buf = Buffer.allocUnsafe(capacity)
  }

  /** bytes written since the last take() */
  get length(): number {
    return this.at
  }

  /** Markup: copied as it is. */
  raw(text: string): void {
    // a long text (a metadata table, a whole header) is encoded faster by one call into native code
    if (text.length < NATIVE_FROM) this.copy(text, AS_IS)
    else {
      this.room(text.length * WORST_BYTES_PER_UNIT)
      this.at += this.buf.write(text, this.at, this.latin1 ? 'latin1' : 'utf8')
    }
  }

  /** A COMPACT value followed by the TAB that ends it. */
  compactCell(value: string): void {
    this.copy(value, COMPACT_CELL)
    this.buf[this.at++] = 9
  }

  /** `<Name>value</Name>`, or `<Name/>` for an empty value (STANDARD-XML). */
  element(value: string, open: string, close: string, empty: string): void {
    if (value === '') {
      this.copy(empty, AS_IS)
      return
    }
    this.copy(open, AS_IS)
    this.copy(value, XML_TEXT)
    this.copy(close, AS_IS)
  }

  /** The bytes written so far; what follows goes into a fresh chunk (the socket may hold on to this one). */
  take(): Buffer {
    const chunk = this.buf.subarray(0, this.at)
    this.buf = Buffer.allocUnsafe(this.capacity)
    this.at = 0
    return chunk
  }

  /** The pending bytes as text (and forgets them). */
  takeText(): string {
    const text = this.buf.toString(this.latin1 ? 'latin1' : 'utf8', 0, this.at)
    this.at = 0
    return text
  }

  private copy(text: string, escape: EscapeTable): void {
    const n = text.length
    // +1: the TAB compactCell adds
    this.room(n * WORST_BYTES_PER_UNIT + 1)
    const buf = this.buf
    let at = this.at
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c < 0x80) {
        const kind = escape[c] as number
        if (kind === 0) buf[at++] = c
        else for (const b of ENTITIES[kind] as number[]) buf[at++] = b
      } else if (this.latin1) {
        buf[at++] = c & 0xff
      } else if (c < 0x800) {
        buf[at++] = 0xc0 | (c >> 6)
        buf[at++] = 0x80 | (c & 0x3f)
      } else if (c < 0xd800 || c > 0xdfff) {
        at = threeBytes(buf, at, c)
      } else {
        const next = c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0
        if (next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
          buf[at++] = 0xf0 | (cp >> 18)
          buf[at++] = 0x80 | ((cp >> 12) & 0x3f)
          buf[at++] = 0x80 | ((cp >> 6) & 0x3f)
          buf[at++] = 0x80 | (cp & 0x3f)
          i++
        } else at = threeBytes(buf, at, 0xfffd)
      }
    }
    this.at = at
  }

  /** Makes room for `bytes` more: a value bigger than the chunk's slack (a long remark, a hostile admin edit). */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes))
    this.buf.copy(next, 0, 0, this.at)
    this.buf = next
  }
}

function threeBytes(buf: Buffer, at: number, c: number): number {
  buf[at] = 0xe0 | (c >> 12)
  buf[at + 1] = 0x80 | ((c >> 6) & 0x3f)
  buf[at + 2] = 0x80 | (c & 0x3f)
  return at + 3
}
