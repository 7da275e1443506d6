// Markup that is not an element tag: `<?…?>`, `<!--…-->`, `<![CDATA[…]]>` and `<!DOCTYPE …[…]>`. The indexOf-driven
// scanners (the RETS light tokenizer, the EDMX scanner) find where it ends the same way; only what they do with it
// (CDATA text, a strict scanner's refusal of a stray `<!`) is theirs.
import { QUESTION } from './xml-chars'

/** The kinds specialKind tells apart; 0 (PENDING): too little has arrived to tell. */
export const PENDING = 0
export const PI = 1
export const COMMENT = 2
export const CDATA = 3
/** any other `<!` (in practice `<!DOCTYPE`) */
export const DECLARATION = 4

/** What the `<?` or `<!` at `lt` opens. */
export function specialKind(buf: string, lt: number): number {
  if (buf.charCodeAt(lt + 1) === QUESTION) return PI
  if (buf.startsWith('<!--', lt)) return COMMENT
  if (buf.startsWith('<![CDATA[', lt)) return CDATA
  // shorter than `<![CDATA[`: it may still become one
  return buf.length - lt < 9 ? PENDING : DECLARATION
}

/** The index after the markup of `kind` at `lt`, or -1 while it has not fully arrived. */
export function specialEnd(buf: string, lt: number, kind: number): number {
  switch (kind) {
    case PI:
      return after(buf, '?>', lt + 2)
    case COMMENT:
      return after(buf, '-->', lt + 4)
    case CDATA:
      return after(buf, ']]>', lt + 9)
    case DECLARATION: {
      // ends at the first `>`, or after its internal subset [ … ] when one opens before that
      const gt = buf.indexOf('>', lt)
      if (gt < 0) return -1
      const bracket = buf.indexOf('[', lt)
      if (bracket < 0 || bracket > gt) return gt + 1
      const close = buf.indexOf(']', bracket)
      return close < 0 ? -1 : after(buf, '>', close)
    }
    default:
      return -1
  }
}

/** The content of the CDATA section buf[lt, end), line ends normalised (XML 1.0 §2.11). */
export function cdataText(buf: string, lt: number, end: number): string {
  return buf.slice(lt + 9, end - 3).replace(/\r\n?/g, '\n')
}

function after(buf: string, terminator: string, from: number): number {
  const at = buf.indexOf(terminator, from)
  return at < 0 ? -1 : at + terminator.length
}
