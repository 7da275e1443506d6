// A long tag, comment, processing instruction or CDATA section that a chunk left unfinished. The tokenizer used to
// re-join it with every chunk and scan it again from its `<`: quadratic, and unbounded (a reply that opens
// `<![CDATA[` and never closes it grew the pending text forever). Here the chunks are only collected and each new
// one is searched for the markup's end (from where the last search stopped, minus the terminator's length − 1); the
// tokenizer scans the whole markup again only once it may have ended. Past `max` characters it is refused.
import { AppError } from '../../../contract/app-error'
import { BANG, LT, QUESTION } from './xml-chars'
import { CDATA, COMMENT, PI, specialKind } from './xml-special-markup'

/** The default bound, the same as a single COMPACT record's (DEFAULT_MAX_ELEMENT_BYTES): no real tag comes near. */
export const DEFAULT_MAX_MARKUP_CHARS = 16 * 1024 * 1024

/**
 * Shorter unfinished markup (a tag cut by a chunk boundary, the usual case) is simply re-joined with the chunk:
 * small enough that even a reply trickled a byte per chunk costs little before it moves here.
 */
export const LONG_MARKUP = 4096

export class MarkupTooLargeError extends AppError {
  constructor(what: string, limit: number) {
    super({
      code: 'REPLY_MARKUP_TOO_LARGE',
      message: `${what} of the reply has not ended after ${Math.round(limit / 1048576)} MB, the limit for a single tag, section or value.`,
      hint: "The server sent markup that never ends (a broken or hostile reply) or a value far larger than any real one; check the query and the server's reply. A search's limit is the connection's record limit (limits.maxRecordMb)."
    })
  }
}

/**
 * Elements open at once. RETS and RESO replies nest fewer than a dozen; each open element costs the tokenizer and
 * the row or metadata collector some memory, so a reply of endless `<a><a><a>…` (~125 bytes held per 3 bytes read)
 * would otherwise grow the process until it died.
 */
export const MAX_ELEMENT_DEPTH = 1000

/** Throws when an element would open below `open` elements already open and that would pass MAX_ELEMENT_DEPTH. */
export function refuseDeeper(open: number): void {
  if (open >= MAX_ELEMENT_DEPTH) throw new NestingTooDeepError()
}

export class NestingTooDeepError extends AppError {
  constructor() {
    super({
      code: 'REPLY_NESTING_TOO_DEEP',
      message: `The reply nests elements more than ${MAX_ELEMENT_DEPTH} levels deep; reading stopped there.`,
      hint: "No RETS or RESO reply nests more than a dozen levels: the server sent a broken or hostile document. Check the query and the server's reply in the raw view."
    })
  }
}

export interface Kind {
  /** for the error: what never ended */
  what: string
  /** what ends it; '>' for tags, where a `>` inside a quoted attribute value does not */
  end: string
}

/** A text value, for MarkupTooLargeError (the light tokenizer counts text up to the next tag too) */
export const TEXT_VALUE = 'A text value'

/** What `markup` (the unfinished rest of a reply, from a `<` or from text) is, and what would end it. */
export function markupKind(markup: string): Kind {
  if (markup.charCodeAt(0) !== LT) return { what: TEXT_VALUE, end: '<' }
  const c = markup.charCodeAt(1)
  if (c === BANG || c === QUESTION) {
    const kind = specialKind(markup, 0)
    if (kind === CDATA) return { what: 'A CDATA section', end: ']]>' }
    if (kind === COMMENT) return { what: 'A comment', end: '-->' }
    if (kind === PI) return { what: 'A processing instruction', end: '?>' }
    return { what: 'A <!DOCTYPE> declaration', end: '>' }
  }
  const name = /^<\/?[^\s/>="']{1,40}/.exec(markup)?.[0] ?? '<'
  return { what: `The tag ${name}… (or one of its attribute values)`, end: '>' }
}

export class PendingMarkup {
  private readonly parts: string[]
  /** chunks shorter than LONG_MARKUP since the last part, joined: one part each would cost more than their text */
  private recent = ''
  private length: number
  private readonly kind: Kind
  /** the last end.length − 1 characters: a terminator may straddle two chunks */
  private tail: string
  /** length when the tokenizer last scanned the whole markup (tags: see add) */
  private readonly tried: number
  /** a `>` arrived since then (tags) */
  private sawGt = false

  /** `markup`: what the tokenizer's scan left unfinished (it starts with `<`). */
  constructor(
    markup: string,
    private readonly max: number
  ) {
    this.kind = markupKind(markup)
    if (markup.length > max) throw new MarkupTooLargeError(this.kind.what, max)
    this.parts = [markup]
    this.length = this.tried = markup.length
    this.tail = markup.slice(markup.length - this.kind.end.length + 1)
  }

  /** Adds a chunk; true when the markup may have ended, and the tokenizer should scan all of it again (text()). */
  add(text: string): boolean {
    this.recent += text
    if (this.recent.length >= LONG_MARKUP) {
      this.parts.push(this.recent)
      this.recent = ''
    }
    this.length += text.length
    const end = this.kind.end
    let may: boolean
    if (end.length > 1) {
      const keep = end.length - 1
      may = text.indexOf(end) >= 0 || (this.tail + text.slice(0, keep)).indexOf(end) >= 0
      this.tail = text.length >= keep ? text.slice(text.length - keep) : (this.tail + text).slice(-keep)
    } else {
      // a tag ends at the first `>` outside quotes, so one must arrive; but `>`s inside a quoted value that never
      // closes would rescan the tag at every chunk, so the rescans wait until it has grown by half (still linear)
      if (!this.sawGt) this.sawGt = text.indexOf('>') >= 0
      may = this.sawGt && (this.length >= this.tried * 1.5 || this.length > this.max)
    }
    if (may) return true
    if (this.length > this.max) throw new MarkupTooLargeError(this.kind.what, this.max)
    return false
  }

  text(): string {
    return this.parts.join('') + this.recent
  }
}
