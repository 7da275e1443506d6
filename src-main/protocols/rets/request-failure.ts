// Errors that name the request: what the user was doing ("loading METADATA-LOOKUP for Property"), the method and
// URL (secrets redacted), and what the server said (its ReplyCode and ReplyText, or the HTTP status). A toast, the
// Log tab and a bug report then carry everything needed to reproduce the call with curl.
import { AppError, toErrorShape } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import type { RetsSession } from './rets-session'
import { encodeParams } from './rets-session'
import type { CapabilityName } from './login-body'

export interface RequestContext {
  /** the workflow part, lower case: "loading METADATA-TABLE for Property:RES" */
  part: string
  method: string
  /** redacted */
  url: string
}

/** Method and URL of a transaction as the session sends it (GET: parameters in the query string). */
export function transactionContext(
  session: RetsSession,
  capability: CapabilityName,
  params: Record<string, string>,
  part: string
): RequestContext {
  const method = session.profile.method ?? 'GET'
  const base = session.capabilityUrl(capability) ?? capability
  const query = encodeParams(params)
  const url = method === 'GET' && query ? `${base}${base.includes('?') ? '&' : '?'}${query}` : base
  return { part, method, url: redactor.url(url) }
}

/** "20501 Invalid Type", "HTTP 404 Not Found", "timed out after 30 s": what the server (or the network) said. */
export function serverSaid(err: unknown): string {
  const said = (err as { serverSaid?: unknown }).serverSaid
  if (typeof said === 'string') return said
  const shape = toErrorShape(err)
  const rets = /^RETS_(-?\d+)$/.exec(shape.code)
  if (rets) return rets[1] === '-1' ? shape.message : `${rets[1]} ${shape.message}`
  const http = /^HTTP_(\d+)$/.exec(shape.code)
  if (http) return `HTTP ${shape.message.split(' from ')[0] ?? http[1]}`
  return shape.message
}

/** The error again, its message prefixed with the workflow part and the request; code, hint and detail kept. */
export function requestFailure(err: unknown, ctx: RequestContext): AppError {
  const shape = toErrorShape(err)
  if (shape.code === 'CANCELLED') return new AppError(shape)
  const request = `${ctx.method} ${ctx.url}`
  const said = serverSaid(err)
  const out = new AppError({
    ...shape,
    message: `${capitalise(ctx.part)} failed: ${said} (${ctx.method} ${redactor.messageUrl(ctx.url)})`,
    detail: shape.detail ? `${request}\n${shape.detail}` : request
  })
  // kept apart for the short forms (a tree warning says only what the server said)
  return Object.assign(out, { serverSaid: said })
}

export function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (err instanceof Error && err.name === 'AbortError')
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
