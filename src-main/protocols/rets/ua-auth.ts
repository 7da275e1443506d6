// RETS User-Agent authentication (RETS 1.7.2 §3.10): proves the client product, not the user.
//   RETS-UA-Authorization: Digest HEX(MD5( HEX(MD5(product:UA-password)) : RETS-Request-ID : RETS-Session-ID :
//   RETS-Version ))
// RequestID and SessionID are empty strings until known; the session id comes from the RETS-Session-ID cookie,
// so the header must be recomputed once the server sets it (usually in the Login reply).
import { createHash } from 'node:crypto'

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex')

export interface UaAuthInput {
  /** the full User-Agent product token as sent, e.g. "MLSWorkbench/1.0" */
  userAgent: string
  uaPassword: string
  requestId?: string
  sessionId?: string
  /** as sent in the RETS-Version header, e.g. "RETS/1.7.2" */
  retsVersion: string
}

export function uaAuthorization(input: UaAuthInput): string {
  const a1 = md5(`${input.userAgent}:${input.uaPassword}`)
  return `Digest ${md5(`${a1}:${input.requestId ?? ''}:${input.sessionId ?? ''}:${input.retsVersion}`)}`
}
