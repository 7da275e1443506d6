// Reading a whole (small) RETS reply: decode the charset, repair the XML, read the envelope, and turn failures
// into AppErrors — trusting the body over the HTTP status (RETS servers send 200 + error codes, and some send
// 4xx/5xx with a perfectly good RETS body).
import type { HttpResponse } from '../../platform/http/http-client'
import { readCapped } from '../../platform/http/read-capped'
import { decodeRetsText, repairXml } from './xml-text'
import { assertRetsReply, httpStatusError, readRetsReply, type RetsReply } from './rets-reply'

export interface RetsText {
  /** decoded and repaired text */
  text: string
  reply?: RetsReply
  warnings: string[]
}

export function decodeRetsBody(body: Buffer, contentType: string | undefined): RetsText {
  const decoded = decodeRetsText(body, contentType)
  const repaired = repairXml(decoded.text)
  const warnings = [...decoded.warnings]
  if (repaired.repairs > 0) warnings.push(`${repaired.repairs} invalid XML character(s) or entities were repaired.`)
  const reply = readRetsReply(repaired.text)
  return { text: repaired.text, warnings, ...(reply ? { reply } : {}) }
}

/** A login reply is a few KB (its capability URLs); a server sending more is refused, not read on. */
export const RETS_REPLY_LIMIT = 4 * 1024 * 1024

/** Reads the body; throws on a RETS error code, or on an HTTP error without a RETS envelope. */
export async function readRetsResponse(
  res: HttpResponse,
  options: { requireEnvelope?: boolean } = {}
): Promise<RetsText> {
  const body = await readCapped(res.body, RETS_REPLY_LIMIT, 'refuse')
  const out = decodeRetsBody(body, res.header('content-type'))
  if (out.reply) {
    assertRetsReply(out.reply, out.text)
    return out
  }
  if (res.status >= 400 || options.requireEnvelope) {
    if (res.status < 400) {
      throw Object.assign(httpStatusError(res.status, res.statusText, out.text, res.url), {
        code: 'RETS_NO_ENVELOPE',
        message: 'The reply is not a RETS document (no <RETS> element).'
      })
    }
    throw httpStatusError(res.status, res.statusText, out.text, res.url)
  }
  return out
}
