// Streaming XML for big RETS replies (a METADATA-TABLE can be 250 KB per class; STANDARD-XML searches are
// bigger): bytes → charset decoder → repairer → saxes (or, for metadata, the faster LightXmlTokenizer).
// Well-formedness errors still reported after repair are counted as warnings; parsing goes on, because one bad
// value must not lose a whole reply.
import { SaxesParser } from 'saxes'
import { LightXmlTokenizer } from './light-xml-tokenizer'
import { DEFAULT_MAX_MARKUP_CHARS, markupKind, MarkupTooLargeError, refuseDeeper } from './pending-markup'
import { charsetFromContentType, RetsTextDecoder, XmlRepairer } from './xml-text'

export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void
  close(name: string): void
  text(text: string): void
  /** after the last event (elements the document left open get no close) */
  end?(): void
}

export interface XmlStreamResult {
  warnings: string[]
  /** the first bytes of the document as text, for error details */
  head: string
}

const MAX_ERROR_WARNINGS = 20

export interface XmlStreamOptions {
  /**
   * 'light' (default, every reader in the app): LightXmlTokenizer, several times faster than saxes on documents
   * of many tiny elements (metadata dumps) and bounded on endless text, lenient the same way, but it checks no
   * names, namespaces or DTDs, and it hands every tag without attributes one shared frozen object (handlers copy
   * attributes, never change them). 'saxes': the full XML parser, the reference the tests compare it with.
   */
  parser?: 'saxes' | 'light'
  /**
   * The longest tag, comment, CDATA section (and, with saxes, text node) held while it arrives; past it the reply is
   * refused with MarkupTooLargeError (default DEFAULT_MAX_MARKUP_CHARS).
   */
  maxMarkupChars?: number
}

interface XmlSink {
  write(text: string): void
  close(): void
  /** the root element (</RETS>) has closed: what follows is trailing garbage */
  readonly rootClosed: boolean
}

export async function streamXml(
  body: AsyncIterable<Buffer | string>,
  contentType: string | undefined,
  handlers: XmlHandlers,
  options: XmlStreamOptions = {}
): Promise<XmlStreamResult> {
  const decoder = new RetsTextDecoder(charsetFromContentType(contentType))
  const repairer = new XmlRepairer()
  const warnings: string[] = []
  let errors = 0
  let head = ''
  const onError = (message: string): void => {
    // trailing garbage after </RETS> (chunk trailers, HTML footers) is common and harmless
    if (parser.rootClosed) return
    errors++
    if (errors <= MAX_ERROR_WARNINGS) warnings.push(`XML problem: ${message}`)
  }
  // the handlers go to the tokenizer as they are (no wrapper call per event on the fast path)
  const parser: XmlSink =
    options.parser === 'saxes'
      ? saxesSink(handlers, onError, options.maxMarkupChars ?? DEFAULT_MAX_MARKUP_CHARS)
      : new LightXmlTokenizer(handlers, onError, options.maxMarkupChars)
  const feed = (text: string): void => {
    if (!text) return
    if (head.length < 2000) head += text.slice(0, 2000 - head.length)
    if (parser.rootClosed) return
    parser.write(text)
  }
  for await (const chunk of body) {
    feed(repairer.write(typeof chunk === 'string' ? chunk : decoder.write(chunk)))
  }
  feed(repairer.write(decoder.end()))
  feed(repairer.end())
  parser.close()
  handlers.end?.()
  warnings.push(...decoder.warnings)
  if (repairer.repairs > 0) warnings.push(`${repairer.repairs} invalid XML character(s) or entities were repaired.`)
  return { warnings, head }
}

/** How much of what saxes holds is kept to say in an error what never ended. */
const HEAD_CHARS = 64

/**
 * saxes makes an Error (a stack trace) of every problem before its handler sees it: a hostile comment with a stray
 * `--` every ten characters cost ~0.5 s per MB. Past the warnings kept, a problem is only counted.
 */
class CountingSaxesParser extends SaxesParser {
  private problems = 0

  constructor(private readonly onError: (message: string) => void) {
    super({ position: true })
  }

  override fail(message: string): this {
    this.onError(++this.problems <= MAX_ERROR_WARNINGS ? this.makeError(message).message : message)
    return this
  }
}

function saxesSink(handlers: XmlHandlers, onError: (message: string) => void, maxMarkup: number): XmlSink {
  const parser = new CountingSaxesParser(onError)
  // saxes holds a tag (its attributes), comment, CDATA section or text node until it ends, then hands it over in an
  // event: so what it holds is what was written since the last such event, and that is bounded here as the light
  // tokenizer bounds its pending markup (a reply that never closes one must not grow memory without end)
  let written = 0
  /** the stream index where what saxes holds starts */
  let heldFrom = 0
  let releasedNow = false
  /** the first characters of what saxes holds */
  let held = ''
  const release = (at: number): void => {
    heldFrom = at
    releasedNow = true
  }
  let depth = 0
  parser.on('opentag', (tag) => {
    release(parser.position)
    if (!tag.isSelfClosing) refuseDeeper(depth++)
    handlers.open(tag.name, tag.attributes as Record<string, string>, tag.isSelfClosing)
    if (tag.isSelfClosing) handlers.close(tag.name)
  })
  parser.on('text', (t) => {
    // text is handed over at the `<` that ends it (already read)
    release(parser.position - 1)
    handlers.text(t)
  })
  parser.on('cdata', (t) => {
    release(parser.position)
    handlers.text(t)
  })
  for (const event of ['comment', 'processinginstruction', 'doctype', 'xmldecl'] as const) {
    parser.on(event, () => release(parser.position))
  }
  parser.on('end', () => undefined)
  let rootClosed = false
  parser.on('closetag', (tag) => {
    release(parser.position)
    if (!tag.isSelfClosing) {
      depth--
      handlers.close(tag.name)
    }
    if (/^RETS$/i.test(tag.name)) rootClosed = true
  })
  return {
    get rootClosed() {
      return rootClosed
    },
    write: (text) => {
      const start = written
      releasedNow = false
      parser.write(text)
      written += text.length
      if (releasedNow) {
        const from = Math.max(0, heldFrom - start)
        held = text.slice(from, from + HEAD_CHARS)
      } else if (held.length < HEAD_CHARS) held += text.slice(0, HEAD_CHARS - held.length)
      if (written - heldFrom > maxMarkup) throw new MarkupTooLargeError(markupKind(held).what, maxMarkup)
    },
    close: () => {
      try {
        parser.close()
      } catch {
        // unclosed elements at the end were already reported through 'error'
      }
    }
  }
}
