// A copied request as PowerShell 7 (Invoke-WebRequest): literals in single quotes (where ` and $ are plain text and
// ' doubles), secrets read from $env:, HTTP auth through -Credential, and for RETS a login whose -SessionVariable
// keeps the session cookie for the request.
import { exportLine } from './curl-script'
import { merged, type CopyRecipe, type RecipeRequest, type Value } from './request-recipe'

export function powershellScript(r: CopyRecipe): string {
  const lines = [exportLine(r.variables, (v) => `$env:${v}`)]
  const auth: string[] = []
  if (r.httpAuth) {
    lines.push(
      '$cred = [pscredential]::new($env:MLS_USER, (ConvertTo-SecureString $env:MLS_PASSWORD -AsPlainText -Force))'
    )
    auth.push('-Credential $cred')
    if (r.httpAuth === 'basic') auth.push('-Authentication Basic')
    // PowerShell 7 refuses to send credentials over plain http unless told to
    if (/^http:/i.test(r.request.url.map((p) => (typeof p === 'string' ? p : '')).join(''))) {
      auth.push('-AllowUnencryptedAuthentication')
    }
  }
  const ua = r.rets?.uaAuth
  if (r.rets) {
    if (ua) {
      lines.push(
        "function Get-Md5Hex([string]$s) { -join ([Security.Cryptography.MD5]::HashData([Text.Encoding]::UTF8.GetBytes($s)) | ForEach-Object { $_.ToString('x2') }) }"
      )
      lines.push(`$uaA1 = Get-Md5Hex (${psValue([ua.product + ':', { env: 'MLS_UA_PASSWORD' }])})`)
    }
    const login = r.rets.login
    if (login.guessed) lines.push('# The Login URL is a guess (no Login request was in the log): check it.')
    const uaLogin = ua ? uaDigest(ua.requestId, "''", ua.retsVersion) : undefined
    lines.push(`${invoke(login.request, [...auth, '-SessionVariable mls'], uaLogin)} | Out-Null`)
    if (ua) lines.push(`$sid = $mls.Cookies.GetCookies(${psValue(login.request.url)})['RETS-Session-ID'].Value`)
    const uaAfter = ua ? uaDigest(ua.requestId, '$sid', ua.retsVersion) : undefined
    lines.push(invoke(r.request, [...auth, '-WebSession $mls'], uaAfter))
  } else {
    const cookie = r.cookieVar ? "'Cookie' = $env:MLS_COOKIE" : undefined
    lines.push(invoke(r.request, auth, cookie))
  }
  return lines.filter((l) => l !== '').join('\n') + '\n'
}

function invoke(req: RecipeRequest, options: string[], extraHeader?: string): string {
  const headers = req.headers.map(([name, value]) => `${psQuote(name)} = ${psValue(value)}`)
  if (extraHeader) headers.push(extraHeader)
  const parts = ['Invoke-WebRequest', '-Uri', psValue(req.url), '-Method', psQuote(req.method)]
  if (headers.length) parts.push(`-Headers @{ ${headers.join('; ')} }`)
  if (req.body !== undefined) parts.push('-Body', psValue(req.body))
  return [...parts, ...options].join(' ')
}

function uaDigest(requestId: string, sessionId: string, version: string): string {
  const input = `$uaA1 + ${psQuote(':' + requestId + ':')} + ${sessionId} + ${psQuote(':' + version)}`
  return `'RETS-UA-Authorization' = 'Digest ' + (Get-Md5Hex (${input}))`
}

function psValue(v: Value): string {
  const parts = merged(v).map((p) => (typeof p === 'string' ? psQuote(p) : `$env:${p.env}`))
  return parts.length === 0 ? "''" : parts.length === 1 ? parts[0]! : `(${parts.join(' + ')})`
}

/** Single-quoted: ` and $ are literal; a quote is written twice. */
export function psQuote(s: string): string {
  return `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`
}
