// A small XML tokenizer for machine-written RETS XML (metadata dumps: thousands of tiny <Field><Name>v</Name>…
// elements). saxes checks every character through a per-character state machine and builds a tag object per event;
// this one jumps from `<` to `<` with indexOf, so it is several times faster on such documents. It takes text that
// XmlRepairer already made legal (entities are then only the five named ones and character references) and, like
// saxes, normalises line ends (XML 1.0 §2.11: CRLF and CR → LF) and attribute-value whitespace (§3.3.3: TAB, LF,
// CR → space, before references are expanded). Well-formedness problems go to `onError` and parsing goes on (a
// close tag that matches an outer element closes the ones in between; one that matches nothing is dropped); the
// only throw is MarkupTooLargeError, for a tag, section or text value that has not ended after `maxMarkup` characters. It does
// not check names, namespaces or DTDs — RETS does not use them.
import type { XmlHandlers } from './xml-stream'
import {
  DEFAULT_MAX_MARKUP_CHARS,
  LONG_MARKUP,
  MarkupTooLargeError,
  PendingMarkup,
  refuseDeeper,
  TEXT_VALUE
} from './pending-markup'
import { refArray } from './ref-array'
import { decodeXmlEntities, lastAmpersand } from './xml-text'
import { BANG, DQUOTE, EQUALS, GT, isNameStart, isSpace, QUESTION, SLASH, SQUOTE } from './xml-chars'
import { CDATA, cdataText, specialEnd, specialKind } from './xml-special-markup'

/** Shared by every tag without attributes (most of them): handlers must copy, never change, what they get. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>

/** Names longer than this are not cached (no real tag is; a hostile one must not pin a huge slice). */
const MAX_CACHED_NAME = 64
const NAME_SLOTS = 2048

/** Where plainTag looks for the name `s[from, from + len)` (len ≥ 2): its length and four of its characters. */
function plainSlot(s: string, from: number, len: number): number {
  const h =
    len * 1021 +
    s.charCodeAt(from) * 257 +
    s.charCodeAt(from + 1) * 31 +
    s.charCodeAt(from + (len >> 1)) * 7 +
    s.charCodeAt(from + len - 1)
  return h & (NAME_SLOTS - 1)
}

/** The internalized copy of `s`: the one V8 uses as a property key, so handlers can key objects and Maps by it. */
function internalized(s: string): string {
  const o: Record<string, number> = {}
  o[s] = 0
  for (const k in o) return k
  return s
}

function textValue(raw: string): string {
  const s = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw
  return decodeXmlEntities(s)
}

function attributeValue(raw: string): string {
  const s = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw
  return decodeXmlEntities(s)
}

export class LightXmlTokenizer {
  /** text not yet tokenized: an incomplete tag, comment or text tail from the previous write */
  private buf = ''
  /** instead of `buf`: unfinished markup of LONG_MARKUP characters or more, collected without rescanning */
  private pending: PendingMarkup | undefined
  private readonly open: string[] = refArray<string>()
  private sawRoot = false
  /**
   * Characters of text (and CDATA) handed over since the last tag: handlers join a value's pieces, so an endless
   * text value would grow there; it is refused past maxMarkup like endless markup.
   */
  private textRun = 0
  /**
   * Tag and attribute names seen so far, by the hash of their characters: a document repeats a
   * few dozen names millions of times, and handing out the same (internalized) string each time spares a slice
   * per tag and lets handlers use it as a property or Map key without hashing it again.
   */
  private readonly names: string[] = new Array<string>(NAME_SLOTS).fill('')
  /** the same names by plainSlot, for plainTag */
  private readonly plainNames: string[] = new Array<string>(NAME_SLOTS).fill('')

  constructor(
    private readonly handlers: XmlHandlers,
    private readonly onError: (message: string) => void,
    private readonly maxMarkup = DEFAULT_MAX_MARKUP_CHARS
  ) {}

  /** The first top-level element (the RETS root) has closed. */
  get rootClosed(): boolean {
    return this.sawRoot && this.open.length === 0
  }

  write(text: string): void {
    if (this.rootClosed) return
    let buf: string
    if (this.pending) {
      if (!this.pending.add(text)) return
      buf = this.pending.text()
      this.pending = undefined
    } else buf = this.buf ? this.buf + text : text
    const cut = this.scan(buf)
    if (buf.length - cut < LONG_MARKUP) this.buf = buf.slice(cut)
    else {
      this.buf = ''
      this.pending = new PendingMarkup(buf.slice(cut), this.maxMarkup)
    }
  }

  /** After the last write: reports what was left unfinished (no close events, as with saxes). */
  close(): void {
    if (this.pending) {
      // a long tag whose rescan add() put off may have ended
      const buf = this.pending.text()
      this.pending = undefined
      this.buf = buf.slice(this.scan(buf))
    }
    const rest = this.buf
    this.buf = ''
    // what follows the root (chunk trailers, an HTML footer) is not read at all
    if (this.rootClosed) return
    if (rest.indexOf('<') >= 0) this.onError('the document ended inside a tag.')
    else this.emitText(rest, 0, rest.length)
    if (this.open.length) this.onError(`unclosed tag: ${this.open[this.open.length - 1]}.`)
  }

  /** Tokenizes `buf` as far as it is complete; returns where the unfinished rest starts. */
  private scan(buf: string): number {
    const n = buf.length
    let pos = 0
    while (pos < n) {
      let lt = buf.indexOf('<', pos)
      // a `<` that cannot start markup (`a < b` in a repaired value) is text
      while (lt >= 0 && lt + 1 < n && !this.startsMarkup(buf.charCodeAt(lt + 1))) {
        this.onError('a "<" that starts no tag was read as text.')
        lt = buf.indexOf('<', lt + 1)
      }
      if (lt < 0 || lt + 1 >= n) {
        const end = lt < 0 ? n : lt
        const cut = this.textCut(buf, pos, end)
        this.emitText(buf, pos, cut)
        return cut
      }
      if (lt > pos) this.emitText(buf, pos, lt)
      const next = this.markup(buf, lt)
      if (next < 0) return lt
      if (this.rootClosed) return n
      pos = next
    }
    return n
  }

  private startsMarkup(c: number): boolean {
    return c === SLASH || c === BANG || c === QUESTION || isNameStart(c)
  }

  /** Where a text tail can be cut without splitting a CRLF or a reference. */
  private textCut(buf: string, from: number, end: number): number {
    let cut = end
    if (cut > from && buf.charCodeAt(cut - 1) === 0x0d) cut--
    // a reference is at most 13 characters (XmlRepairer lets no longer one through)
    const amp = lastAmpersand(buf, Math.max(from, cut - 13), cut)
    if (amp >= 0 && buf.indexOf(';', amp) < 0) cut = amp
    return cut
  }

  private emitText(buf: string, from: number, to: number): void {
    if (to <= from) return
    if (this.open.length) {
      this.countText(to - from)
      // the line break between two records, the most frequent text of all, without cutting it out
      if (to - from === 2 && buf.charCodeAt(from) === 0x0d && buf.charCodeAt(from + 1) === 0x0a) {
        this.handlers.text('\n')
        return
      }
      this.handlers.text(textValue(buf.slice(from, to)))
      return
    }
    for (let i = from; i < to; i++) {
      if (!isSpace(buf.charCodeAt(i))) {
        this.onError('text data outside of the root element.')
        return
      }
    }
  }

  private countText(chars: number): void {
    this.textRun += chars
    if (this.textRun > this.maxMarkup) throw new MarkupTooLargeError(TEXT_VALUE, this.maxMarkup)
  }

  /** Markup starting at `lt`; returns the index after it, or -1 when it is not complete yet. */
  private markup(buf: string, lt: number): number {
    const c = buf.charCodeAt(lt + 1)
    if (c === BANG || c === QUESTION) return this.special(buf, lt)
    this.textRun = 0
    return c === SLASH ? this.closeTag(buf, lt) : this.startTag(buf, lt)
  }

  /** A PI, comment, CDATA section or DOCTYPE; only CDATA is reported (as text). */
  private special(buf: string, lt: number): number {
    const kind = specialKind(buf, lt)
    const end = specialEnd(buf, lt, kind)
    if (kind === CDATA && end >= 0) {
      if (this.open.length) {
        this.countText(end - lt)
        this.handlers.text(cdataText(buf, lt, end))
      } else this.onError('CDATA outside of the root element.')
    }
    return end
  }

  private closeTag(buf: string, lt: number): number {
    const open = this.open
    const top = open.length ? open[open.length - 1]! : ''
    // the usual case, </name> closing the innermost element, without cutting the name out
    // (bounds checked first: charCodeAt past the end would deoptimise this hot path at every chunk edge)
    const gtAt = lt + 2 + top.length
    if (top && gtAt < buf.length && buf.charCodeAt(gtAt) === GT && buf.startsWith(top, lt + 2)) {
      open.pop()
      this.handlers.close(top)
      return gtAt + 1
    }
    const gt = buf.indexOf('>', lt + 2)
    if (gt < 0) return -1
    const name = buf.slice(lt + 2, gt).trim()
    const at = open.lastIndexOf(name)
    if (at < 0) {
      this.onError(`unmatched closing tag: ${name}.`)
      return gt + 1
    }
    if (at !== open.length - 1) this.onError(`unexpected close tag: ${name} closes ${open[open.length - 1]}.`)
    while (open.length > at) this.handlers.close(open.pop()!)
    return gt + 1
  }

  private startTag(buf: string, lt: number): number {
    const plain = this.plainTag(buf, lt)
    if (plain !== 0) return plain
    const n = buf.length
    let j = lt + 1
    let hash = 0
    for (; j < n; j++) {
      const c = buf.charCodeAt(j)
      if (c === GT || c === SLASH || isSpace(c)) break
      hash = (hash * 31 + c) | 0
    }
    if (j >= n) return -1
    const name = this.nameAt(buf, lt + 1, j, hash)
    if (name.length <= MAX_CACHED_NAME) this.plainNames[plainSlot(name, 0, name.length)] = name
    let attrs = NO_ATTRIBUTES
    for (;;) {
      while (j < n && isSpace(buf.charCodeAt(j))) j++
      if (j >= n) return -1
      const c = buf.charCodeAt(j)
      if (c === GT) {
        this.handlers.open(name, attrs, false)
        this.push(name)
        this.sawRoot = true
        return j + 1
      }
      if (c === SLASH) {
        if (j + 1 >= n) return -1
        if (buf.charCodeAt(j + 1) === GT) {
          this.handlers.open(name, attrs, true)
          this.handlers.close(name)
          this.sawRoot = true
          return j + 2
        }
        this.onError(`stray "/" in tag ${name}.`)
        j++
        continue
      }
      if (attrs === NO_ATTRIBUTES) attrs = {}
      const next = this.attribute(buf, j, name, attrs)
      if (next < 0) return -1
      j = next
    }
  }

  /**
   * `<Name>` or `<Name/>` with a name seen before (nearly every tag of a reply): the end found by indexOf and the
   * name recognised by its length and four characters, instead of reading it character by character. Returns the
   * index after the tag, -1 when it is not complete yet, 0 when it is anything else (startTag reads it then).
   */
  private plainTag(buf: string, lt: number): number {
    const gt = buf.indexOf('>', lt + 2)
    if (gt < 0) return -1
    const selfClosing = buf.charCodeAt(gt - 1) === SLASH
    const len = (selfClosing ? gt - 1 : gt) - lt - 1
    if (len < 2 || len > MAX_CACHED_NAME) return 0
    const name = this.plainNames[plainSlot(buf, lt + 1, len)]!
    if (name.length !== len || !buf.startsWith(name, lt + 1)) return 0
    this.sawRoot = true
    this.handlers.open(name, NO_ATTRIBUTES, selfClosing)
    if (selfClosing) this.handlers.close(name)
    else this.push(name)
    return gt + 1
  }

  private push(name: string): void {
    refuseDeeper(this.open.length)
    this.open.push(name)
  }

  /** One `name="value"` from `j`; returns the index after it, or -1 when incomplete. */
  private attribute(buf: string, j: number, tag: string, attrs: Record<string, string>): number {
    const n = buf.length
    let k = j
    let hash = 0
    for (; k < n; k++) {
      const c = buf.charCodeAt(k)
      if (c === EQUALS || c === GT || c === SLASH || isSpace(c)) break
      hash = (hash * 31 + c) | 0
    }
    if (k >= n) return -1
    const name = this.nameAt(buf, j, k, hash)
    while (k < n && isSpace(buf.charCodeAt(k))) k++
    if (k >= n) return -1
    if (buf.charCodeAt(k) !== EQUALS) {
      this.onError(`attribute ${name} of ${tag} has no value.`)
      if (k === j) k++ // a character that can start nothing: skip it
      return k
    }
    k++
    while (k < n && isSpace(buf.charCodeAt(k))) k++
    if (k >= n) return -1
    const quote = buf.charCodeAt(k)
    if (quote !== DQUOTE && quote !== SQUOTE) {
      this.onError(`attribute ${name} of ${tag} is not quoted.`)
      let end = k
      while (end < n && !isSpace(buf.charCodeAt(end)) && buf.charCodeAt(end) !== GT) end++
      if (end >= n) return -1
      this.setAttribute(attrs, tag, name, buf.slice(k, end))
      return end
    }
    const end = buf.indexOf(quote === DQUOTE ? '"' : "'", k + 1)
    if (end < 0) return -1
    this.setAttribute(attrs, tag, name, buf.slice(k + 1, end))
    return end + 1
  }

  /**
   * The name `buf[from, to)` (`hash`: its characters' hash, taken while finding its end), the cached string when
   * it was seen before. Two slots per name, so two hot names of one slot do not evict each other at every tag.
   */
  private nameAt(buf: string, from: number, to: number, hash: number): string {
    const len = to - from
    if (len > MAX_CACHED_NAME || len === 0) return buf.slice(from, to)
    const a = hash & (NAME_SLOTS - 1)
    const cached = this.names[a]!
    if (cached.length === len && buf.startsWith(cached, from)) return cached
    const b = (hash >>> 12) & (NAME_SLOTS - 1)
    const other = this.names[b]!
    if (other.length === len && buf.startsWith(other, from)) return other
    const name = internalized(buf.slice(from, to))
    this.names[cached === '' ? a : b] = name
    return name
  }

  private setAttribute(attrs: Record<string, string>, tag: string, name: string, raw: string): void {
    if (Object.prototype.hasOwnProperty.call(attrs, name)) this.onError(`duplicate attribute ${name} in ${tag}.`)
    attrs[name] = attributeValue(raw)
  }
}
