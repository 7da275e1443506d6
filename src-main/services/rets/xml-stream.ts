// Streaming XML for big RETS replies (a METADATA-TABLE can be 250 KB per class; STANDARD-XML searches are
// bigger): bytes → charset decoder → repairer → saxes. Well-formedness errors saxes still reports after repair are
// counted as warnings; parsing goes on, because one bad value must not lose a whole reply.
import { SaxesParser } from 'saxes'
import { charsetFromContentType, RetsTextDecoder, XmlRepairer } from './xml-text'

export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void
  close(name: string): void
  text(text: string): void
}

export interface XmlStreamResult {
  warnings: string[]
  /** the first bytes of the document as text, for error details */
  head: string
}

const MAX_ERROR_WARNINGS = 20

export async function streamXml(
  body: AsyncIterable<Buffer | string>,
  contentType: string | undefined,
  handlers: XmlHandlers
): Promise<XmlStreamResult> {
  const parser = new SaxesParser({ position: true })
  const decoder = new RetsTextDecoder(charsetFromContentType(contentType))
  const repairer = new XmlRepairer()
  const warnings: string[] = []
  let errors = 0
  let head = ''
  let rootClosed = false
  parser.on('opentag', (tag) => {
    handlers.open(tag.name, tag.attributes as Record<string, string>, tag.isSelfClosing)
    if (tag.isSelfClosing) handlers.close(tag.name)
  })
  parser.on('text', (t) => handlers.text(t))
  parser.on('cdata', (t) => handlers.text(t))
  parser.on('error', (err) => {
    // trailing garbage after </RETS> (chunk trailers, HTML footers) is common and harmless
    if (rootClosed) return
    errors++
    if (errors <= MAX_ERROR_WARNINGS) warnings.push(`XML problem: ${err.message}`)
  })
  parser.on('end', () => undefined)
  const feed = (text: string): void => {
    if (!text) return
    if (head.length < 2000) head += text.slice(0, 2000 - head.length)
    if (rootClosed) return
    parser.write(text)
  }
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) handlers.close(tag.name)
    if (/^RETS$/i.test(tag.name)) rootClosed = true
  })
  for await (const chunk of body) {
    feed(repairer.write(typeof chunk === 'string' ? chunk : decoder.write(chunk)))
  }
  feed(repairer.write(decoder.end()))
  feed(repairer.end())
  try {
    parser.close()
  } catch {
    // unclosed elements at the end were already reported through 'error'
  }
  warnings.push(...decoder.warnings)
  if (repairer.repairs > 0) warnings.push(`${repairer.repairs} invalid XML character(s) or entities were repaired.`)
  return { warnings, head }
}
