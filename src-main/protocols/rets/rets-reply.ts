// The RETS reply envelope (RETS 1.7.2 §3.9 / 1.8 §3.10). Rules from real servers:
// - `<RETS-STATUS>` inside the body overrides the opening tag's ReplyCode (IIS servers report 20208 that way);
// - trust the body over the HTTP status (some servers send 200 with an error code, others 4xx/5xx with a valid
//   RETS body);
// - 20201 (no records), 20208 (max rows) and 20403 (no object) are answers, not failures.
import { XMLParser } from 'fast-xml-parser'
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import { attr, parseAttributes } from './xml-attributes'

export interface RetsReply {
  replyCode: number
  replyText: string
  /** true when a RETS-STATUS element supplied the code */
  fromStatus: boolean
}

export const NON_ERROR_CODES = new Set([0, 20201, 20208, 20403])

const SMALL_DOC = 64 * 1024

/**
 * Reads the RETS envelope from the start tag plus any RETS-STATUS; undefined when the text is not a RETS reply.
 * Whole small documents go through the XML parser; partial heads (peeked bodies) and documents it rejects fall
 * back to reading the tags directly.
 */
export function readRetsReply(text: string): RetsReply | undefined {
  if (text.length <= SMALL_DOC) {
    const parsed = replyFromDocument(text)
    if (parsed) return parsed
  }
  return replyFromTags(text)
}

function replyFromDocument(text: string): RetsReply | undefined {
  let doc: Record<string, unknown>
  try {
    doc = parseSmallXml(text)
  } catch {
    return undefined
  }
  const rets = childByName(doc, 'RETS')
  if (!rets || typeof rets !== 'object') return undefined
  const attrs = rets as Record<string, unknown>
  const code = stringAttr(attrs, 'ReplyCode')
  if (code === undefined) return undefined
  const reply: RetsReply = {
    replyCode: toCode(code),
    replyText: stringAttr(attrs, 'ReplyText') ?? '',
    fromStatus: false
  }
  const status = childByName(attrs, 'RETS-STATUS')
  const statusNode = Array.isArray(status) ? status[status.length - 1] : status
  if (statusNode && typeof statusNode === 'object') {
    const s = statusNode as Record<string, unknown>
    const sc = stringAttr(s, 'ReplyCode')
    if (sc !== undefined) {
      reply.replyCode = toCode(sc)
      reply.replyText = stringAttr(s, 'ReplyText') ?? reply.replyText
      reply.fromStatus = true
    }
  }
  return reply
}

function childByName(node: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase()
  for (const [k, v] of Object.entries(node)) if (k.toLowerCase() === lower) return v
  return undefined
}

function stringAttr(node: Record<string, unknown>, name: string): string | undefined {
  const v = childByName(node, name)
  return typeof v === 'string' ? v : undefined
}

function replyFromTags(text: string): RetsReply | undefined {
  const open = /<RETS(?=[\s>/])[^>]*>/i.exec(text)
  if (!open) return undefined
  const attrs = parseAttributes(open[0])
  const reply: RetsReply = {
    replyCode: toCode(attr(attrs, 'ReplyCode')),
    replyText: attr(attrs, 'ReplyText') ?? '',
    fromStatus: false
  }
  const status = /<RETS-STATUS(?=[\s>/])[^>]*>/i.exec(text)
  if (status) {
    const s = parseAttributes(status[0])
    const code = attr(s, 'ReplyCode')
    if (code !== undefined) {
      reply.replyCode = toCode(code)
      reply.replyText = attr(s, 'ReplyText') ?? reply.replyText
      reply.fromStatus = true
    }
  }
  return reply
}

function toCode(v: string | undefined): number {
  const n = Number((v ?? '').trim())
  return Number.isFinite(n) ? n : -1
}

const HINTS: Record<number, string> = {
  20036: 'The server wants a registered User-Agent: set the user agent (and UA password) in the profile.',
  20037: 'The session expired; log in again.',
  20041: 'The server needs a different RETS-Version; change the RETS version in the profile.',
  20203: 'The class does not exist in this resource; pick one from the metadata tree.',
  20206: 'The query is not valid DMQL2; check field names, parentheses and value syntax.',
  20205: 'The query is not valid DMQL2; check field names, parentheses and value syntax.',
  20207: 'Your account may not query this (field or class not allowed).',
  20209: 'The query ran too long on the server; narrow it or add a Limit.',
  20210: 'Too many queries are running; wait for them to finish.',
  20400: 'Unknown resource; check it against the metadata.',
  20401: 'Unknown object type; see the OBJECT metadata for this resource.',
  20402: 'Invalid object ID; use key:objectIds, e.g. 12345:1:2 or 12345:*.',
  20503: 'The server has no metadata of that type for this ID.',
  20514: 'That format is not supported for metadata (COMPACT-DECODED is a search format); use COMPACT or STANDARD-XML.'
}

export function hintFor(code: number): string | undefined {
  if (HINTS[code]) return HINTS[code]
  if (code >= 20500 && code < 20600) return 'The metadata request was refused; check the Type and ID.'
  if (code >= 20200 && code < 20300) return 'The search was refused; check the query, class and select list.'
  return undefined
}

const DETAIL_MAX = 2000

export function retsError(reply: RetsReply, body: string): AppError {
  const hint = hintFor(reply.replyCode)
  return new AppError({
    code: `RETS_${reply.replyCode}`,
    message: reply.replyText || `RETS reply code ${reply.replyCode}`,
    detail: redactor.text(body.length > DETAIL_MAX ? `${body.slice(0, DETAIL_MAX)}…` : body),
    ...(hint ? { hint } : {})
  })
}

/** Throws the reply as an AppError unless its code is a success / non-error. */
export function assertRetsReply(reply: RetsReply, body: string): void {
  if (!NON_ERROR_CODES.has(reply.replyCode)) throw retsError(reply, body)
}

/** An HTTP failure that carried no RETS envelope. */
export function httpStatusError(status: number, statusText: string, body: string, url: string): AppError {
  const hint =
    status === 401
      ? 'The server refused the user name or password.'
      : status === 403
        ? 'The account may not use this transaction.'
        : status === 404
          ? 'The capability URL does not exist on the server.'
          : status === 407
            ? 'The proxy refused the login: check the proxy user (profile, Network) and the proxy password.'
            : status >= 500
              ? 'The server failed; try again later or contact the MLS.'
              : undefined
  return new AppError({
    code: `HTTP_${status}`,
    message: `${status} ${statusText} from ${redactor.messageUrl(url)}`,
    detail: redactor.text(body.slice(0, DETAIL_MAX)),
    ...(hint ? { hint } : {})
  })
}

// Verbatim options: RETS values are text — "00123" must stay "00123", spaces are data.
const smallDocParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  textNodeName: '#text'
})

/** Parses a small, already repaired XML document (envelopes, per-part errors, payload lists). */
export function parseSmallXml(text: string): Record<string, unknown> {
  return smallDocParser.parse(text) as Record<string, unknown>
}
