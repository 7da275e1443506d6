// What one GetObject part (or single-part reply) means: an object, a Location reference, or a per-part error.
// Errors come as a RETS XML body (20403 "No Object Found", Variman), as text/plain "not found" (terradatum
// objects-missing), or flagged by `RETS-Error: 1` on single-part replies. RETS 1.8 adds ObjectData: name=value
// headers (UID, ObjectType…) and Preferred.
import { decodeRetsBody } from '../rets-response'
import type { PartHeaders } from './multipart-splitter'

export interface ObjectPartInfo {
  contentId?: string
  objectId?: string
  contentType?: string
  description?: string
  subDescription?: string
  location?: string
  preferred: boolean
  uid?: string
  /** RETS 1.8 ObjectData name → value */
  objectData: Record<string, string>
  /** every header, lower-case names */
  headers: PartHeaders
}

export interface ObjectPartError {
  replyCode?: number
  message: string
  /** 20403 / "not found": the object simply does not exist */
  missing: boolean
}

export interface ObjectPartResult extends ObjectPartInfo {
  size: number
  error?: ObjectPartError
}

function first(headers: PartHeaders, name: string): string | undefined {
  const v = headers[name]
  return v && v.length > 0 ? v[0] : undefined
}

export function partInfo(headers: PartHeaders): ObjectPartInfo {
  const objectData: Record<string, string> = {}
  for (const entry of headers['objectdata'] ?? []) {
    const eq = entry.indexOf('=')
    if (eq > 0) objectData[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim()
  }
  const info: ObjectPartInfo = { preferred: false, objectData, headers }
  const set = (key: keyof ObjectPartInfo, value: string | undefined): void => {
    if (value !== undefined && value !== '') (info as unknown as Record<string, unknown>)[key] = value
  }
  set('contentId', first(headers, 'content-id'))
  set('objectId', first(headers, 'object-id'))
  set('contentType', first(headers, 'content-type'))
  set('description', first(headers, 'content-description'))
  set('subDescription', first(headers, 'content-sub-description'))
  // Location URLs arrive XML-escaped from some servers (MRIS photo.2: &amp;)
  const location = first(headers, 'location')
  if (location) info.location = location.replace(/&amp;/g, '&')
  set('uid', objectData.UID ?? first(headers, 'uid'))
  const preferred = first(headers, 'preferred') ?? objectData.Preferred ?? objectData.IsDefault
  info.preferred = preferred !== undefined && /^(1|true|y)$/i.test(preferred.trim())
  return info
}

const MAX_ERROR_BODY = 8192

/** Decides from headers and the first bytes whether a part is an error (the bytes are joined only to be read). */
export function partError(
  info: ObjectPartInfo,
  firstBytes: Buffer | readonly Buffer[],
  totalSize: number
): ObjectPartError | undefined {
  const ct = (info.contentType ?? '').toLowerCase()
  const flagged = first(info.headers, 'rets-error') === '1'
  const textual = ct.includes('xml') || ct.startsWith('text/')
  if (!flagged && !textual) return undefined
  if (totalSize > MAX_ERROR_BODY && !flagged) return undefined
  const decoded = decodeRetsBody(Buffer.isBuffer(firstBytes) ? firstBytes : Buffer.concat(firstBytes), info.contentType)
  if (decoded.reply) {
    // an embedded success reply (flexmls Location=1 parts) is not an error
    if (decoded.reply.replyCode === 0 && !flagged) return undefined
    return {
      replyCode: decoded.reply.replyCode,
      message: decoded.reply.replyText || `RETS reply code ${decoded.reply.replyCode}`,
      missing: decoded.reply.replyCode === 20403
    }
  }
  const text = decoded.text.trim()
  if (/not\s+found|no\s+object/i.test(text)) return { message: text.slice(0, 200), missing: true }
  if (flagged) return { message: text.slice(0, 200) || 'The server flagged this object as an error.', missing: false }
  return undefined
}
