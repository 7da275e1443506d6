// Who is calling a RETS transaction: a live RETS-Session-ID cookie, or else valid HTTP credentials on this
// request (servers that treat Digest as the session). Expired sessions answer the way the options say.
import type { ServerResponse } from 'node:http'
import type { DemoContext, DemoUser } from '../demo-context'
import type { DemoRequest } from '../http/router'
import { checkAuthorization, checkUaAuth, sendChallenge } from './rets-auth'
import { sendReplyCode } from './rets-envelope'

export const SESSION_COOKIE = 'RETS-Session-ID'

export interface RetsCaller {
  user: DemoUser
  /** '' when the caller authenticated per request without a session cookie */
  sessionId: string
}

export function cookieValue(req: DemoRequest, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** Resolves the caller or writes the refusal (401 challenge, 20037, UA-auth failure) and returns undefined. */
export function requireCaller(req: DemoRequest, res: ServerResponse, ctx: DemoContext): RetsCaller | undefined {
  const cookie = cookieValue(req, SESSION_COOKIE)
  const found = ctx.sessions.lookup(cookie)
  let caller: RetsCaller | undefined
  if (found.kind === 'ok') {
    const user = ctx.findUser(found.session.username)
    if (user) caller = { user, sessionId: found.session.id }
  } else if (found.kind === 'expired' && !req.headers.authorization) {
    if (ctx.options.sessionExpiredReply === '401') sendChallenge(res, ctx, 'session expired')
    else sendReplyCode(res, ctx, 20037, 'Session expired or timed out. Please log in again.')
    return undefined
  }
  if (!caller) {
    const auth = checkAuthorization(req, ctx)
    if (!auth.ok) {
      if (found.kind === 'expired' && ctx.options.sessionExpiredReply === '20037') {
        sendReplyCode(res, ctx, 20037, 'Session expired or timed out. Please log in again.')
      } else {
        sendChallenge(res, ctx, auth.reason)
      }
      return undefined
    }
    caller = { user: auth.user, sessionId: found.kind === 'ok' ? found.session.id : '' }
  }
  if (ctx.options.requireUaAuth) {
    const ua = checkUaAuth(req, caller.user, cookie ?? '')
    if (!ua.ok) {
      sendChallenge(res, ctx, ua.reason)
      return undefined
    }
  }
  return caller
}
