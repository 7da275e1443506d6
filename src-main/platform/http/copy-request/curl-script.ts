// A copied request as a POSIX shell script around curl: literals in single quotes, secrets as "$VAR", HTTP auth
// via --digest/--basic -u, and for RETS a login step whose cookie jar the request reuses. The UA digest (RETS 1.7.2
// §3.10) needs the session id, so it is computed in the shell after login (md5sum; on macOS use `md5 -q`).
import { merged, type CopyRecipe, type RecipeRequest, type Value } from './request-recipe'

export function curlScript(r: CopyRecipe): string {
  const lines = [exportLine(r.variables, (v) => v)]
  const auth = r.httpAuth ? [`--${r.httpAuth}`, '-u', '"$MLS_USER:$MLS_PASSWORD"'] : []
  const ua = r.rets?.uaAuth
  if (r.rets) {
    lines.push('JAR="$(mktemp)"')
    if (ua) {
      lines.push(`md5hex() { printf '%s' "$1" | md5sum | cut -d' ' -f1; }`)
      lines.push(`UA_A1="$(md5hex ${quote(ua.product + ':')}"$MLS_UA_PASSWORD")"`)
    }
    const uaHeader = ua ? ['-H', uaDigest(ua.requestId, '', ua.retsVersion)] : []
    const login = r.rets.login
    if (login.guessed) lines.push('# The Login URL is a guess (no Login request was in the log): check it.')
    lines.push(
      curl(login.request, [...auth, '-sS', '-f', '-o', '/dev/null', '-c', '"$JAR"', '-b', '"$JAR"', ...uaHeader])
    )
    if (ua) lines.push(`SID="$(awk '$6 == "RETS-Session-ID" { print $7 }' "$JAR")"`)
    const uaAfter = ua ? ['-H', uaDigest(ua.requestId, '"$SID"', ua.retsVersion)] : []
    lines.push(curl(r.request, ['-sS', '--compressed', ...auth, '-c', '"$JAR"', '-b', '"$JAR"', ...uaAfter]))
  } else {
    const cookie = r.cookieVar ? ['-H', '"Cookie: $MLS_COOKIE"'] : []
    lines.push(curl(r.request, ['--compressed', ...auth, ...cookie]))
  }
  return lines.filter((l) => l !== '').join('\n') + '\n'
}

function curl(req: RecipeRequest, options: string[]): string {
  const parts = ['curl', ...options]
  if (req.method !== 'GET' || req.body !== undefined) parts.push('-X', quote(req.method))
  for (const [name, value] of req.headers) parts.push('-H', shellValue([`${name}: `, ...value]))
  if (req.body !== undefined) parts.push('--data-binary', shellValue(req.body))
  parts.push(shellValue(req.url))
  return parts.join(' ')
}

function uaDigest(requestId: string, sessionId: string, version: string): string {
  const tail = `${quote(':' + requestId + ':')}${sessionId}${quote(':' + version)}`
  return `"RETS-UA-Authorization: Digest $(md5hex "$UA_A1"${tail})"`
}

/** The comment naming what to set; `name` spells a variable in the target shell. */
export function exportLine(variables: string[], name: (v: string) => string): string {
  if (!variables.length) return ''
  return `# Secrets are not copied: set ${variables.map(name).join(', ')} before running this.`
}

export function shellValue(v: Value): string {
  return (
    merged(v)
      .map((p) => (typeof p === 'string' ? quote(p) : `"$${p.env}"`))
      .join('') || "''"
  )
}

/** POSIX single quotes: nothing inside is special except the quote itself, closed, escaped and reopened. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}
