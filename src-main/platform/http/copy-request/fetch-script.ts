// A copied request as a JavaScript module for Node 18+ (global fetch, top-level await): literals as JSON strings,
// secrets from process.env. fetch cannot answer an HTTP Digest challenge, so Digest servers get Basic here and a
// comment pointing to the curl or PowerShell form; a RETS login's Set-Cookie is passed on by hand.
import { exportLine } from './curl-script'
import { merged, type CopyRecipe, type RecipeRequest, type Value } from './request-recipe'

export function fetchScript(r: CopyRecipe): string {
  const lines = [exportLine(r.variables, (v) => `process.env.${v}`)]
  if (r.httpAuth === 'digest')
    lines.push(
      '// The server asked for HTTP Digest, which fetch cannot do: Basic is sent instead (curl/PowerShell can).'
    )
  const extra: string[] = []
  if (r.httpAuth) extra.push(`Authorization: 'Basic ' + btoa(process.env.MLS_USER + ':' + process.env.MLS_PASSWORD)`)
  const ua = r.rets?.uaAuth
  if (r.rets) {
    if (ua) {
      lines.push(`import { createHash } from 'node:crypto'`)
      lines.push(`const md5 = (s) => createHash('md5').update(s, 'utf8').digest('hex')`)
      lines.push(`const uaA1 = md5(${jsValue([ua.product + ':', { env: 'MLS_UA_PASSWORD' }])})`)
    }
    if (r.rets.login.guessed) lines.push('// The Login URL is a guess (no Login request was in the log): check it.')
    const uaLogin = ua ? [uaDigest(ua.requestId, "''", ua.retsVersion)] : []
    lines.push(`const login = await ${call(r.rets.login.request, [...extra, ...uaLogin])}`)
    lines.push(`if (!login.ok) throw new Error('Login: ' + login.status)`)
    lines.push(`const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')`)
    if (ua) lines.push(`const sid = /RETS-Session-ID=([^;]*)/.exec(cookie)?.[1] ?? ''`)
    const uaAfter = ua ? [uaDigest(ua.requestId, 'sid', ua.retsVersion)] : []
    lines.push(`const res = await ${call(r.request, [...extra, 'Cookie: cookie', ...uaAfter])}`)
  } else {
    if (r.cookieVar) extra.push('Cookie: process.env.MLS_COOKIE')
    lines.push(`const res = await ${call(r.request, extra)}`)
  }
  lines.push('console.log(res.status, await res.text())')
  return lines.filter((l) => l !== '').join('\n') + '\n'
}

function call(req: RecipeRequest, extraHeaders: string[]): string {
  const headers = [...req.headers.map(([name, value]) => `${JSON.stringify(name)}: ${jsValue(value)}`), ...extraHeaders]
  const init = [`method: ${JSON.stringify(req.method)}`, `headers: { ${headers.join(', ')} }`]
  if (req.body !== undefined) init.push(`body: ${jsValue(req.body)}`)
  return `fetch(${jsValue(req.url)}, { ${init.join(', ')} })`
}

function uaDigest(requestId: string, sessionId: string, version: string): string {
  const input = `uaA1 + ${JSON.stringify(':' + requestId + ':')} + ${sessionId} + ${JSON.stringify(':' + version)}`
  return `'RETS-UA-Authorization': 'Digest ' + md5(${input})`
}

export function jsValue(v: Value): string {
  const parts = merged(v).map((p) => (typeof p === 'string' ? jsString(p) : `process.env.${p.env}`))
  return parts.length === 0 ? "''" : parts.join(' + ')
}

/** JSON string syntax is a JS string literal; U+2028/9 are escaped too for older parsers. */
function jsString(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
