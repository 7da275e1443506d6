// The tokenizer under the EDMX reader. A $metadata is machine-written CSDL, one line, tens of MB at the large end
// (214k properties in 48 MB), and the reader wants a handful of attributes of a few element kinds. saxes walks every
// character through a state machine and builds a name string and an attribute object per tag; this scanner jumps
// from `<` to `<` and quote to quote with indexOf and only records where each attribute sits: a value becomes a
// string when the reader asks for it. Not a general XML parser: no DTD is read (entities are never expanded, so an
// entity bomb is inert), names are not validated. Structure is checked strictly — every element closed by its own
// name, quoted attribute values, one root, no text outside it — and a violation is a thrown EDMX_XML error.
import { AppError } from '../../../contract/app-error'
import { decodeXmlEntities } from '../rets/xml-text'
import { DEFAULT_MAX_MARKUP_CHARS, markupKind, MarkupTooLargeError, refuseDeeper } from '../rets/pending-markup'
import { AMP, BANG, DQUOTE, EQUALS, GT, isNameStart, isSpace, LT, QUESTION, SLASH, SQUOTE } from '../rets/xml-chars'
import { CDATA, cdataText, DECLARATION, specialEnd, specialKind } from '../rets/xml-special-markup'

function notWellFormed(problem: string): AppError {
  return new AppError({ code: 'EDMX_XML', message: `The $metadata is not well-formed XML: ${problem}` })
}

/** An attribute value as XML gives it: TAB/LF/CR become spaces (XML 1.0 §3.3.3), then references are expanded. */
function attributeValue(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c === LT) throw notWellFormed(`"<" in an attribute value.`)
    if (c === AMP || c === 0x09 || c === 0x0a || c === 0x0d)
      return decodeXmlEntities(raw.replace(/\r\n|[\t\n\r]/g, ' '))
  }
  return detached(raw)
}

/**
 * A copy of a cut-out value that no longer points into the chunk it was cut from. V8 makes a cut of 13 or more
 * characters a view on its parent, so every kept description would keep its whole 64 KB chunk alive — the model
 * of a 48 MB $metadata held ~40 MB of document text that way. Slicing a concatenation forces the copy.
 */
function detached(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1)
}

/**
 * The start tag being reported: valid only during the `open` call (the scanner reuses it for the next tag). Values
 * are cut from the text on demand, so attributes nobody asks for cost nothing.
 */
export class EdmxTag {
  /** per attribute: name start, name end, value start, value end */
  private readonly at: number[] = []
  private buf = ''
  /** how many attributes the tag has */
  count = 0

  reset(buf: string): void {
    this.buf = buf
    this.count = 0
  }

  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    const i = this.count++ * 4
    this.at[i] = nameStart
    this.at[i + 1] = nameEnd
    this.at[i + 2] = valueStart
    this.at[i + 3] = valueEnd
  }

  get(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) {
      const start = this.at[i * 4]!
      if (this.at[i * 4 + 1]! - start === name.length && this.buf.startsWith(name, start)) return this.valueAt(i)
    }
    return undefined
  }

  /** the name of the i-th attribute, in document order */
  nameAt(i: number): string {
    return this.buf.slice(this.at[i * 4], this.at[i * 4 + 1])
  }

  valueAt(i: number): string {
    return attributeValue(this.buf.slice(this.at[i * 4 + 2], this.at[i * 4 + 3]))
  }
}

export interface EdmxScanHandler {
  /** `name` without its prefix (edmx:Edmx → Edmx); `tag` is valid during the call only */
  open(name: string, tag: EdmxTag, selfClosing: boolean): void
  close(name: string): void
  /** text content, entities expanded; only asked for while `wantsText` is true */
  text(text: string): void
  readonly wantsText: boolean
}

function localName(name: string): string {
  const i = name.indexOf(':')
  return i < 0 ? name : name.slice(i + 1)
}

export class EdmxScanner {
  /** what is not scanned yet: an unfinished tag (or text reference) from the previous writes */
  private parts: string[] = []
  private pendingLength = 0
  /** a long unfinished tag is scanned again only once the text after it has doubled (no quadratic re-scans) */
  private retryAt = 0
  private readonly open: string[] = []
  private rootSeen = false
  private started = false
  private readonly tag = new EdmxTag()

  /** the reader's element names by length: a tag named so is reported with the very same (internalized) string */
  private readonly known: string[][] = []

  constructor(
    private readonly handler: EdmxScanHandler,
    knownNames: readonly string[] = [],
    /** the longest unfinished tag, comment or section held while it arrives: past it the document is refused */
    private readonly maxMarkup = DEFAULT_MAX_MARKUP_CHARS
  ) {
    for (const name of knownNames) (this.known[name.length] ??= []).push(name)
  }

  /** The tag name at buf[from, to): a known one without cutting it out (the reader's switch then compares
   * pointers), else a new string. */
  private tagName(buf: string, from: number, to: number): string {
    const candidates = this.known[to - from]
    if (candidates) for (const name of candidates) if (buf.startsWith(name, from)) return name
    return buf.slice(from, to)
  }

  write(text: string): void {
    // a byte-order mark the caller's decoding kept (a string source) is no text outside the root
    if (!this.started && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    if (!text) return
    this.started = true
    this.parts.push(text)
    this.pendingLength += text.length
    if (this.pendingLength < this.retryAt && this.pendingLength <= this.maxMarkup) return
    const buf = this.parts.length === 1 ? text : this.parts.join('')
    const used = this.scan(buf, false)
    const rest = used === 0 ? buf : buf.slice(used)
    // a server's markup that never ends (an attribute value, a comment) must not grow memory without bound
    if (rest.length > this.maxMarkup) throw new MarkupTooLargeError(markupKind(rest).what, this.maxMarkup)
    this.parts = rest ? [rest] : []
    this.pendingLength = rest.length
    this.retryAt = rest.length * 2
  }

  close(): void {
    const buf = this.parts.join('')
    this.parts = []
    const used = this.scan(buf, true)
    if (used < buf.length) throw notWellFormed('the document ends inside a tag.')
    if (this.open.length) throw notWellFormed(`unclosed tag ${this.open[this.open.length - 1]}.`)
    if (!this.rootSeen) throw notWellFormed('there is no root element.')
  }

  /** Scans `buf` as far as it is complete; returns where the unfinished rest starts. */
  private scan(buf: string, final: boolean): number {
    let pos = 0
    for (;;) {
      const lt = buf.indexOf('<', pos)
      if (lt < 0) return this.trailingText(buf, pos, final)
      if (lt > pos) this.text(buf, pos, lt)
      const next = this.markup(buf, lt)
      if (next < 0) return lt
      pos = next
    }
  }

  /** Text up to the end of what has arrived, keeping back a reference that may be cut in two. */
  private trailingText(buf: string, pos: number, final: boolean): number {
    let end = buf.length
    if (!final && this.handler.wantsText) {
      const amp = buf.lastIndexOf('&')
      if (amp >= pos && buf.indexOf(';', amp) < 0) end = amp
      if (end > pos && buf.charCodeAt(end - 1) === 0x0d) end--
    }
    if (end > pos) this.text(buf, pos, end)
    return end
  }

  private text(buf: string, from: number, to: number): void {
    if (this.open.length === 0) {
      for (let i = from; i < to; i++)
        if (!isSpace(buf.charCodeAt(i))) throw notWellFormed('text outside of the root element.')
      return
    }
    if (this.handler.wantsText) this.handler.text(decodeXmlEntities(buf.slice(from, to).replace(/\r\n?/g, '\n')))
  }

  /** The markup at `lt`; returns the index after it, or -1 when it has not fully arrived. */
  private markup(buf: string, lt: number): number {
    if (lt + 1 >= buf.length) return -1
    const c = buf.charCodeAt(lt + 1)
    if (c === SLASH) return this.closeTag(buf, lt)
    if (c === BANG || c === QUESTION) return this.special(buf, lt)
    if (!isNameStart(c)) throw notWellFormed('a "<" that starts no tag.')
    return this.startTag(buf, lt)
  }

  /** A PI, comment, CDATA section or DOCTYPE (skipped with its internal subset: nothing in it is ever expanded). */
  private special(buf: string, lt: number): number {
    const kind = specialKind(buf, lt)
    if (kind === DECLARATION && (!buf.startsWith('<!DOCTYPE', lt) || this.rootSeen))
      throw notWellFormed('unexpected "<!".')
    const end = specialEnd(buf, lt, kind)
    if (kind === CDATA && end >= 0) {
      if (this.open.length === 0) throw notWellFormed('CDATA outside of the root element.')
      if (this.handler.wantsText) this.handler.text(cdataText(buf, lt, end))
    }
    return end
  }

  private closeTag(buf: string, lt: number): number {
    const gt = buf.indexOf('>', lt + 2)
    if (gt < 0) return -1
    const top = this.open.length ? this.open[this.open.length - 1]! : undefined
    // the usual case, </name> closing the innermost element, compared in place
    const matches =
      top !== undefined &&
      buf.startsWith(top, lt + 2) &&
      (gt === lt + 2 + top.length || buf.slice(lt + 2 + top.length, gt).trim() === '')
    if (!matches) {
      const name = buf.slice(lt + 2, gt).trim()
      throw notWellFormed(top ? `</${name}> closes <${top}>.` : `</${name}> closes nothing.`)
    }
    this.open.pop()
    this.handler.close(localName(top))
    return gt + 1
  }

  private startTag(buf: string, lt: number): number {
    const n = buf.length
    let j = lt + 1
    for (; j < n; j++) {
      const c = buf.charCodeAt(j)
      if (c === GT || c === SLASH || isSpace(c)) break
    }
    if (j >= n) return -1
    const nameEnd = j
    const tag = this.tag
    tag.reset(buf)
    for (;;) {
      while (j < n && isSpace(buf.charCodeAt(j))) j++
      if (j >= n) return -1
      const c = buf.charCodeAt(j)
      if (c === GT || c === SLASH) {
        const selfClosing = c === SLASH
        if (selfClosing) {
          if (j + 1 >= n) return -1
          if (buf.charCodeAt(j + 1) !== GT) throw notWellFormed('a "/" inside a tag.')
        }
        this.emitOpen(this.tagName(buf, lt + 1, nameEnd), selfClosing)
        return j + (selfClosing ? 2 : 1)
      }
      const next = this.attribute(buf, j, tag)
      if (next < 0) return -1
      j = next
    }
  }

  private emitOpen(name: string, selfClosing: boolean): void {
    if (this.open.length === 0) {
      if (this.rootSeen) throw notWellFormed(`a second root element <${name}>.`)
      this.rootSeen = true
    }
    const local = localName(name)
    if (!selfClosing) {
      // every open element is held (here and by the reader): endless nesting must not grow them without end
      refuseDeeper(this.open.length)
      this.open.push(name)
    }
    this.handler.open(local, this.tag, selfClosing)
    if (selfClosing) this.handler.close(local)
  }

  /** One `name="value"` from `j`; returns the index after it, or -1 when it has not fully arrived. */
  private attribute(buf: string, j: number, tag: EdmxTag): number {
    const n = buf.length
    let k = j
    for (; k < n; k++) {
      const c = buf.charCodeAt(k)
      if (c === EQUALS || c === GT || c === SLASH || isSpace(c)) break
    }
    const nameEnd = k
    while (k < n && isSpace(buf.charCodeAt(k))) k++
    if (k >= n) return -1
    if (buf.charCodeAt(k) !== EQUALS || nameEnd === j)
      throw notWellFormed(`attribute ${buf.slice(j, nameEnd) || buf[j]} has no value.`)
    k++
    while (k < n && isSpace(buf.charCodeAt(k))) k++
    if (k >= n) return -1
    const quote = buf.charCodeAt(k)
    if (quote !== DQUOTE && quote !== SQUOTE) throw notWellFormed(`attribute ${buf.slice(j, nameEnd)} is not quoted.`)
    const end = buf.indexOf(quote === DQUOTE ? '"' : "'", k + 1)
    if (end < 0) return -1
    tag.add(j, nameEnd, k + 1, end)
    return end + 1
  }
}
