// One flag per profile field, mapped onto the profile's JSON path, so `profiles add|edit` can set everything the
// profile editor can without a file (`--from file.json` covers the rest). The profile schema still judges the
// result: a flag that does not belong to the kind is refused by it, with the field named.
import type { CliOption, OptionValues } from '../cli-command'
import { usageError } from '../cli-exit'

type FieldType = 'string' | 'int' | 'list'

interface ProfileFlag {
  path: string[]
  type: FieldType
  help: string
}

export const PROFILE_FLAGS: Record<string, ProfileFlag> = {
  kind: { path: ['kind'], type: 'string', help: 'rets | reso | spark | idx | activity' },
  name: { path: ['name'], type: 'string', help: 'display name (the id is made from it)' },
  notes: { path: ['notes'], type: 'string', help: 'free text' },
  'user-agent': { path: ['userAgent'], type: 'string', help: 'User-Agent header' },
  'login-url': { path: ['loginUrl'], type: 'string', help: 'RETS / IDX login URL' },
  user: { path: ['userName'], type: 'string', help: 'user name' },
  'rets-version': { path: ['retsVersion'], type: 'string', help: '1.5 | 1.7 | 1.7.2 | 1.8' },
  'http-method': { path: ['httpMethod'], type: 'string', help: 'GET | POST' },
  'auth-method': { path: ['authMethod'], type: 'string', help: 'digest | basic | auto' },
  'ua-product': { path: ['uaProductName'], type: 'string', help: 'RETS-UA-Authorization product name' },
  'service-url': { path: ['serviceUrl'], type: 'string', help: 'RESO Web API service root' },
  'api-url': { path: ['apiUrl'], type: 'string', help: 'Spark API root, e.g. https://sparkapi.com/v1' },
  'tracking-url': { path: ['trackingUrl'], type: 'string', help: 'Listing Activity API tracking URL' },
  'rets-profile': { path: ['retsProfileId'], type: 'string', help: 'RETS profile that fetches the activity API key' },
  'enum-literals': { path: ['enumLiterals'], type: 'string', help: 'qualified | string' },
  'oauth-grant': {
    path: ['oauth', 'grant'],
    type: 'string',
    help: 'client_credentials | authorization_code | password | refresh | static'
  },
  'token-url': { path: ['oauth', 'tokenUrl'], type: 'string', help: 'OAuth token endpoint' },
  'authorize-url': { path: ['oauth', 'authorizeUrl'], type: 'string', help: 'OAuth authorization endpoint' },
  'client-id': { path: ['oauth', 'clientId'], type: 'string', help: 'OAuth client id' },
  'client-auth': { path: ['oauth', 'clientAuth'], type: 'string', help: 'basic | body' },
  scope: { path: ['oauth', 'scopes'], type: 'list', help: 'OAuth scope (repeat for several)' },
  'redirect-port': { path: ['oauth', 'redirectPort'], type: 'int', help: 'loopback redirect port (0 = any)' },
  'header-scheme': { path: ['oauth', 'headerScheme'], type: 'string', help: 'Bearer | OAuth' },
  'token-style': { path: ['oauth', 'tokenStyle'], type: 'string', help: 'rfc6749 | spark' },
  'proxy-url': { path: ['network', 'proxyUrl'], type: 'string', help: 'HTTP proxy URL' },
  'proxy-user': {
    path: ['network', 'proxyUser'],
    type: 'string',
    help: 'proxy user (password: secrets set … proxyPassword)'
  },
  'ca-file': { path: ['network', 'caFile'], type: 'string', help: 'PEM file of extra trusted CAs (absolute path)' },
  'connect-timeout': { path: ['network', 'connectTimeoutMs'], type: 'int', help: 'connect timeout, ms' },
  'request-timeout': { path: ['network', 'requestTimeoutMs'], type: 'int', help: 'request timeout, ms' },
  'page-size': { path: ['limits', 'pageSize'], type: 'int', help: 'rows per request' },
  'max-records': { path: ['limits', 'maxRecords'], type: 'int', help: 'stop after this many rows' }
}

export const PROFILE_FLAG_OPTIONS: Record<string, CliOption> = {
  ...Object.fromEntries(
    Object.entries(PROFILE_FLAGS).map(([flag, f]) => [
      flag,
      { type: 'string', ...(f.type === 'list' ? { multiple: true } : {}), help: f.help } satisfies CliOption
    ])
  ),
  header: { type: 'string', multiple: true, help: '"Name: value" extra header (repeat; credentials refused)' },
  from: { type: 'string', help: 'read the profile (or the fields to change) from a JSON file' }
}

/** Writes the flags given on the command line over `base` (a copy). */
export function applyProfileFlags(base: Record<string, unknown>, values: OptionValues): Record<string, unknown> {
  const out = structuredClone(base)
  for (const [flag, f] of Object.entries(PROFILE_FLAGS)) {
    const raw = values[flag]
    if (raw === undefined) continue
    let value: unknown
    if (f.type === 'list') value = Array.isArray(raw) ? raw : [raw]
    else if (f.type === 'int') {
      value = Number(raw)
      if (!Number.isInteger(value)) throw usageError(`--${flag} takes a whole number, not "${String(raw)}".`)
    } else value = Array.isArray(raw) ? raw[raw.length - 1] : raw
    setPath(out, f.path, value)
  }
  const headers = values.header
  if (headers !== undefined) {
    const extra: Record<string, string> = {}
    for (const h of Array.isArray(headers) ? headers : [String(headers)]) {
      const colon = h.indexOf(':')
      if (colon <= 0) throw usageError(`--header takes "Name: value", not "${h}".`)
      extra[h.slice(0, colon).trim()] = h.slice(colon + 1).trim()
    }
    out.extraHeaders = extra
  }
  return out
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) {
    const next = node[key]
    if (typeof next !== 'object' || next === null) node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1]!] = value
}
