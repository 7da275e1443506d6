// RETS Login, Action and Logout. The login body follows the flexmls shape (PHRETS captures in test/fixtures): relative
// capability URLs, X- extensions (X-ApiAccessSettings → the Listing Activity key page), CRLF lines.
import type { ServerResponse } from 'node:http'
import type { DemoContext, DemoUser } from '../demo-context'
import type { DemoRequest } from '../http/router'
import { checkAuthorization, checkUaAuth, sendChallenge } from './rets-auth'
import { requireCaller, cookieValue, SESSION_COOKIE } from './rets-access'
import { sendReplyCode, sendRetsXml, replyXml } from './rets-envelope'

export const RETS_PATHS = {
  login: '/rets/Login',
  action: '/rets/Action',
  search: '/rets/Search',
  getMetadata: '/rets/GetMetadata',
  getObject: '/rets/GetObject',
  logout: '/rets/Logout',
  apiAccess: '/rets/API'
} as const

function capabilityLines(ctx: DemoContext): string[] {
  // rets-relative-capability-urls: "Search" instead of "/rets/Search" — relative to the login URL's folder
  const rel = ctx.quirk('rets-relative-capability-urls')
  const at = (path: string): string => (rel ? path.replace(/^\/rets\//, '') : path)
  const lines = [
    `Login=${at(RETS_PATHS.login)}`,
    ...(ctx.options.action ? [`Action=${at(RETS_PATHS.action)}`] : []),
    `Search=${at(RETS_PATHS.search)}`,
    `GetMetadata=${at(RETS_PATHS.getMetadata)}`,
    `GetObject=${at(RETS_PATHS.getObject)}`,
    `Logout=${at(RETS_PATHS.logout)}`,
    `X-ApiAccessSettings=${at(RETS_PATHS.apiAccess)}`,
    // An absolute X- URL next to relative ones, as flexmls mixes them.
    `X-SupportSite=${ctx.baseUrl()}/admin`
  ]
  return lines
}

function loginBody(ctx: DemoContext, user: DemoUser, capabilities: string[]): string {
  const member = ctx.data.agent(user.agentKey)
  const name = member?.MemberFullName ?? user.username
  const broker = member?.OfficeKey ?? 'DEMO'
  const version = ctx.data.metadataVersion()
  const date = ctx.data.metadataDate()
  const timeout = ctx.options.sessionTimeoutSeconds
  let info: string[]
  if (ctx.options.retsVersion === '1.8') {
    // RETS 1.8 §4.10: session information as Info=NAME;TYPE;VALUE lines.
    info = [
      `Info=MEMBERNAME;Character;${name}`,
      `Info=USERID;Character;${user.username}`,
      `Info=USERLEVEL;Int;${user.role === 'admin' ? 99 : 4}`,
      `Info=USERCLASS;Character;${user.role.toUpperCase()}`,
      `Info=AGENTCODE;Character;${user.agentKey}`,
      `Info=BROKERCODE;Character;${broker}`,
      `Info=METADATAVERSION;Character;${version}`,
      `Info=METADATATIMESTAMP;DateTime;${date}`,
      `Info=MINMETADATATIMESTAMP;DateTime;${date}`,
      ...(timeout > 0 ? [`Info=TimeoutSeconds;Int;${timeout}`] : [])
    ]
  } else {
    info = [
      `MemberName=${name}`,
      `User=${user.username},${user.role.toUpperCase()},${user.role === 'admin' ? 99 : 4},${user.agentKey}`,
      `Broker=${broker}`,
      `MetadataVersion=${version}`,
      ...(ctx.options.retsVersion === '1.5'
        ? [`MinMetadataVersion=${version}`]
        : [`MetadataTimestamp=${date}`, `MinMetadataTimestamp=${date}`]),
      ...(timeout > 0 ? [`TimeoutSeconds=${timeout}`] : [])
    ]
  }
  // CRLF line ends: some clients (rets-client) split the body on \r\n only.
  return [...info, ...capabilities].join('\r\n')
}

/** A Login transaction advertising the given capability lines (RETS and the IDX API differ only there). */
export function makeLoginHandler(capabilities: (ctx: DemoContext) => string[]) {
  return (req: DemoRequest, res: ServerResponse, ctx: DemoContext): void => login(req, res, ctx, capabilities(ctx))
}

export const handleLogin = makeLoginHandler(capabilityLines)

function login(req: DemoRequest, res: ServerResponse, ctx: DemoContext, capabilities: string[]): void {
  const auth = checkAuthorization(req, ctx)
  if (!auth.ok) {
    sendChallenge(res, ctx, auth.reason)
    return
  }
  if (ctx.options.requireUaAuth) {
    const ua = checkUaAuth(req, auth.user, cookieValue(req, SESSION_COOKIE) ?? '')
    if (!ua.ok) {
      sendChallenge(res, ctx, ua.reason)
      return
    }
  }
  const session = ctx.sessions.open(auth.user.username)
  if (!session) {
    sendReplyCode(
      res,
      ctx,
      20036,
      `Too many concurrent sessions for ${auth.user.username} (limit ${ctx.options.maxConcurrentLogins}). Log out first.`
    )
    return
  }
  const xml = replyXml(
    0,
    'Operation Successful',
    `<RETS-RESPONSE>\r\n${loginBody(ctx, auth.user, capabilities)}\r\n</RETS-RESPONSE>\r\n`
  )
  sendRetsXml(res, ctx, xml, { 'Set-Cookie': `${SESSION_COOKIE}=${session.id}; Path=/` })
}

export function handleAction(req: DemoRequest, res: ServerResponse, ctx: DemoContext): void {
  const caller = requireCaller(req, res, ctx)
  if (!caller) return
  const body = Buffer.from(`Welcome to the Demo MLS, ${caller.user.username}. This is the Action page.\r\n`, 'utf8')
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', 'Content-Length': body.length })
  res.end(body)
}

export function handleLogout(req: DemoRequest, res: ServerResponse, ctx: DemoContext): void {
  const caller = requireCaller(req, res, ctx)
  if (!caller) return
  const session = caller.sessionId ? ctx.sessions.close(caller.sessionId) : undefined
  const seconds = session ? Math.round((Date.now() - session.createdAt) / 1000) : 0
  if (ctx.quirk('rets-html-logout')) {
    // some servers end the session with a web page, not a RETS reply
    const page = Buffer.from(
      `<!DOCTYPE html>\r\n<html><head><title>Logged out</title></head><body><h1>You have been logged out.</h1><p>Session time ${seconds} s.</p></body></html>\r\n`,
      'utf8'
    )
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=UTF-8',
      'Content-Length': page.length,
      'Set-Cookie': `${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`
    })
    res.end(page)
    return
  }
  const inner = `<RETS-RESPONSE>\r\nSignOffMessage=Goodbye\r\nConnectTime=${seconds}\r\n</RETS-RESPONSE>\r\n`
  sendRetsXml(res, ctx, replyXml(0, 'Logout Successful', inner), {
    'Set-Cookie': `${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`
  })
}
