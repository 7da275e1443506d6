// Writing RETS replies: the <RETS> envelope, the headers every RETS server sends, and the two body faults
// (malformed XML, Latin-1 bytes under a UTF-8 declaration) that clients must survive.
import type { ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import type { DemoContext } from '../demo-context'

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\r\n'

const XML_SPECIAL = /[&<>"]/

export function xmlEscape(text: string): string {
  // most values need nothing: one test is cheaper than a replace pass
  if (!XML_SPECIAL.test(text)) return text
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}

export function retsHeaders(
  ctx: DemoContext,
  extra: Record<string, string | number> = {}
): Record<string, string | number> {
  return {
    Server: 'DemoMLS-RETS/1.0',
    'Cache-Control': 'private',
    'RETS-Version': `RETS/${ctx.options.retsVersion}`,
    'Content-Type': 'text/xml; charset=UTF-8',
    ...extra
  }
}

/** Encodes one chunk of a RETS XML body, honouring the Latin-1 fault (declared UTF-8, sent ISO-8859-1). */
export function encodeBody(ctx: DemoContext, text: string): Buffer {
  return Buffer.from(text, ctx.faults.latin1UnderUtf8 ? 'latin1' : 'utf8')
}

/** The malformed-XML fault keeps the first part of the document and ends inside an unclosed, bare-`&` element. */
export function breakXml(text: string): string {
  const cut = Math.max(1, Math.floor(text.length * 0.6))
  return `${text.slice(0, cut)}<DATA>broken & unterminated`
}

/** Whether to gzip this reply: the option is on and the request asked for it (RETS servers honour Accept-Encoding). */
export function wantsGzip(res: ServerResponse, ctx: DemoContext): boolean {
  const accept = String(res.req?.headers['accept-encoding'] ?? '')
  return ctx.options.gzip && /\bgzip\b/i.test(accept)
}

export function sendRetsXml(
  res: ServerResponse,
  ctx: DemoContext,
  xml: string,
  extraHeaders: Record<string, string | number> = {},
  status = 200
): void {
  const text = ctx.faults.malformedXml ? breakXml(xml) : xml
  const raw = encodeBody(ctx, text)
  const gzip = wantsGzip(res, ctx)
  const body = gzip ? gzipSync(raw) : raw
  const encoding: Record<string, string> = gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}
  res.writeHead(status, retsHeaders(ctx, { ...extraHeaders, ...encoding, 'Content-Length': body.length }))
  res.end(body)
}

export function replyXml(code: number, text: string, inner = ''): string {
  const open = `<RETS ReplyCode="${code}" ReplyText="${xmlEscape(text)}"`
  return inner ? `${XML_DECL}${open}>\r\n${inner}</RETS>\r\n` : `${XML_DECL}${open} />\r\n`
}

/** A reply carrying only a ReplyCode (errors, 20201, 20037…). */
export function sendReplyCode(
  res: ServerResponse,
  ctx: DemoContext,
  code: number,
  text: string,
  inner = '',
  extraHeaders: Record<string, string | number> = {}
): void {
  sendRetsXml(res, ctx, replyXml(code, text, inner), extraHeaders)
}

/** RETS compact rows: one leading and one trailing delimiter around the values (RETS 1.7.2 §13.2). */
export function compactLine(tag: 'COLUMNS' | 'DATA', values: readonly string[]): string {
  return `<${tag}>\t${values.map(compactCell).join('\t')}\t</${tag}>\r\n`
}

const COMPACT_SPECIAL = /[&<>"\t\r\n]/

/** One COMPACT value. A TAB or newline inside it would shift every later column; real servers make it a space. */
export function compactCell(value: string): string {
  return COMPACT_SPECIAL.test(value) ? xmlEscape(value.replace(/[\t\r\n]/g, ' ')) : value
}
