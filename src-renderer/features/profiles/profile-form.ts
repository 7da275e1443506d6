// The profile editor's form, described as data per kind so one component renders every kind and the rules live
// in one place (the zod schema in main validates; this only decides what to ask).
import type { ProfileKind } from '../../../contract/kinds'

export type FieldType = 'text' | 'url' | 'number' | 'select' | 'list' | 'checkbox' | 'headers'

export interface FormField {
  /** dotted path into the profile object, e.g. "oauth.tokenUrl" */
  path: string
  label: string
  type: FieldType
  options?: string[]
  placeholder?: string
  help?: string
  /** shown in the warning colour (a setting that weakens security) */
  warning?: string
  /** shown only when another field has one of these values */
  when?: { path: string; in: string[] }
  /** a value worked out from the draft, shown under the field to copy (the OAuth redirect URI) */
  note?: (draft: Record<string, unknown>) => string
}

/** The redirect URI the sign-in listens on, as the provider's console must list it (loopback-redirect.ts). */
export function redirectUriFor(draft: Record<string, unknown>): string {
  const port = Number(getPath(draft, 'oauth.redirectPort') ?? 0)
  return port > 0
    ? `Redirect URI to register: http://127.0.0.1:${port}/callback`
    : 'Redirect URI: http://127.0.0.1:<any free port>/callback — set a port if the provider needs a registered URI'
}

/** `Name: value` lines ⇄ the extraHeaders record. */
export function headersText(value: unknown): string {
  if (!value || typeof value !== 'object') return ''
  return Object.entries(value as Record<string, string>)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')
}

export function parseHeadersText(text: string): Record<string, string> | '' {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
    else if (line.trim()) out[line.trim()] = ''
  }
  return Object.keys(out).length ? out : ''
}

export interface FormSection {
  title: string
  fields: FormField[]
}

const oauthFields = (grantHelp: string): FormField[] => [
  {
    path: 'oauth.grant',
    label: 'Grant',
    type: 'select',
    options: ['client_credentials', 'authorization_code', 'password', 'refresh', 'static'],
    help: grantHelp
  },
  {
    path: 'oauth.tokenUrl',
    label: 'Token URL',
    type: 'url',
    when: { path: 'oauth.grant', in: ['client_credentials', 'authorization_code', 'password', 'refresh'] }
  },
  {
    path: 'oauth.authorizeUrl',
    label: 'Authorize URL',
    type: 'url',
    when: { path: 'oauth.grant', in: ['authorization_code'] }
  },
  {
    path: 'oauth.clientId',
    label: 'Client id',
    type: 'text',
    when: { path: 'oauth.grant', in: ['client_credentials', 'authorization_code', 'password', 'refresh'] }
  },
  { path: 'oauth.scopes', label: 'Scopes', type: 'list', placeholder: 'space separated' },
  {
    path: 'oauth.redirectPort',
    label: 'Redirect port',
    type: 'number',
    placeholder: 'any free port',
    when: { path: 'oauth.grant', in: ['authorization_code', 'refresh'] },
    note: redirectUriFor
  },
  { path: 'oauth.headerScheme', label: 'Authorization scheme', type: 'select', options: ['Bearer', 'OAuth'] },
  { path: 'userName', label: 'User name', type: 'text', when: { path: 'oauth.grant', in: ['password'] } }
]

// RETS login: who may receive the password, and whether Basic may travel unencrypted (issue 17)
const credentialFields: FormField[] = [
  {
    path: 'allowBasicOverHttp',
    label: 'Allow Basic over plain http',
    type: 'checkbox',
    when: { path: 'authMethod', in: ['auto'] },
    warning: 'Basic sends the password itself; over http anyone on the network path can read it.'
  },
  {
    path: 'credentialOrigins',
    label: 'Other credential origins',
    type: 'list',
    placeholder: 'https://media.example.com (space separated)',
    help: 'Capability URLs on these origins also get the login; by default only the login URL’s origin does.'
  }
]

const network: FormSection = {
  title: 'Network',
  fields: [
    { path: 'userAgent', label: 'User-Agent', type: 'text' },
    { path: 'network.proxyUrl', label: 'Proxy URL', type: 'url', placeholder: 'http://proxy.example:3128' },
    { path: 'network.proxyUser', label: 'Proxy user (if it asks)', type: 'text' },
    { path: 'network.caFile', label: 'Extra CA file (PEM)', type: 'text', placeholder: '/path/to/company-ca.pem' },
    {
      path: 'network.connectTimeoutMs',
      label: 'Connect timeout (ms)',
      placeholder: '15000',
      type: 'number',
      help: 'Time to open a connection.'
    },
    {
      path: 'network.requestTimeoutMs',
      label: 'Idle timeout (ms)',
      placeholder: '120000',
      type: 'number',
      help: 'A request that receives nothing for this long ends (waiting for the reply or between chunks).'
    },
    {
      path: 'network.totalTimeoutMs',
      label: 'Total time limit (ms)',
      type: 'number',
      placeholder: 'none',
      help: 'Ends any request that takes longer in total, body included. Leave empty for long streaming searches.'
    },
    {
      path: 'extraHeaders',
      label: 'Extra headers',
      type: 'headers',
      placeholder: 'X-Vendor-Key: value (one per line)',
      help: 'Sent with every request. Credentials (Authorization, Cookie…) belong in the secrets, not here.'
    },
    { path: 'limits.pageSize', label: 'Rows per request', type: 'number' },
    {
      path: 'limits.maxRecords',
      label: 'Stop after rows',
      type: 'number',
      help: 'Protects against an accidental "everything" query.'
    }
  ]
}

const retsRequestId: FormField = {
  path: 'requestId',
  label: 'RETS-Request-ID',
  type: 'text',
  help: 'Sent with every request (and part of the UA-auth digest); only when the server asks for one.'
}

export const FORMS: Record<ProfileKind, FormSection[]> = {
  rets: [
    {
      title: 'Server',
      fields: [
        { path: 'name', label: 'Name', type: 'text' },
        { path: 'loginUrl', label: 'Login URL', type: 'url', placeholder: 'https://rets.example.com/rets/Login' },
        { path: 'userName', label: 'User name', type: 'text' },
        { path: 'retsVersion', label: 'RETS version', type: 'select', options: ['1.5', '1.7', '1.7.2', '1.8'] },
        { path: 'authMethod', label: 'Authentication', type: 'select', options: ['auto', 'digest', 'basic'] },
        ...credentialFields,
        { path: 'httpMethod', label: 'Send parameters by', type: 'select', options: ['GET', 'POST'] },
        {
          path: 'uaProductName',
          label: 'UA-auth product name',
          type: 'text',
          placeholder: 'the User-Agent',
          help: 'Only when the server requires RETS-UA-Authorization and registered a product name other than the User-Agent.'
        },
        retsRequestId
      ]
    },
    {
      title: 'RETS options',
      fields: [
        { path: 'queryType', label: 'QueryType', type: 'select', options: ['DMQL2', 'DMQL'] },
        {
          path: 'restrictedIndicator',
          label: 'RestrictedIndicator',
          type: 'text',
          placeholder: 'e.g. ****',
          help: 'What the server puts in fields you may not see (empty: the server leaves them blank).'
        },
        { path: 'metadataFormat', label: 'Metadata format', type: 'select', options: ['STANDARD-XML', 'COMPACT'] },
        {
          path: 'objectAccept',
          label: 'GetObject Accept',
          type: 'text',
          placeholder: 'any type',
          help: 'e.g. image/jpeg, for servers that refuse */*.'
        }
      ]
    },
    network
  ],
  idx: [
    {
      title: 'Server',
      fields: [
        { path: 'name', label: 'Name', type: 'text' },
        { path: 'loginUrl', label: 'Login URL', type: 'url' },
        { path: 'userName', label: 'User name', type: 'text' },
        { path: 'authMethod', label: 'Authentication', type: 'select', options: ['auto', 'digest', 'basic'] },
        ...credentialFields,
        retsRequestId
      ]
    },
    network
  ],
  reso: [
    {
      title: 'Server',
      fields: [
        { path: 'name', label: 'Name', type: 'text' },
        { path: 'serviceUrl', label: 'Service root', type: 'url', placeholder: 'https://api.example.com/odata/' },
        { path: 'enumLiterals', label: 'Enum literals in $filter', type: 'select', options: ['qualified', 'string'] }
      ]
    },
    {
      title: 'OAuth2',
      fields: oauthFields(
        'client_credentials for server-to-server feeds; authorization_code signs in through your browser.'
      )
    },
    network
  ],
  spark: [
    {
      title: 'Server',
      fields: [
        { path: 'name', label: 'Name', type: 'text' },
        { path: 'apiUrl', label: 'API root', type: 'url', placeholder: 'https://sparkapi.com/v1' }
      ]
    },
    { title: 'OAuth2', fields: oauthFields('Spark API keys use the client_credentials grant.') },
    network
  ],
  activity: [
    {
      title: 'Server',
      fields: [
        { path: 'name', label: 'Name', type: 'text' },
        { path: 'trackingUrl', label: 'Tracking URL', type: 'url' },
        { path: 'retsProfileId', label: 'RETS profile (for the API key page)', type: 'text' }
      ]
    },
    network
  ]
}

/** A new profile of a kind with the required fields present (empty) for the form to fill. */
export function blankProfile(kind: ProfileKind): Record<string, unknown> {
  // the selects start on the schema's defaults (contract/profile-schema.ts), not blank as if there were none
  const base = { name: '', kind }
  switch (kind) {
    case 'rets':
      return { ...base, loginUrl: '', userName: '', retsVersion: '1.7.2', authMethod: 'auto', httpMethod: 'GET' }
    case 'idx':
      return { ...base, loginUrl: '', userName: '', authMethod: 'auto' }
    case 'reso':
      return {
        ...base,
        serviceUrl: '',
        enumLiterals: 'qualified',
        oauth: { grant: 'client_credentials', tokenUrl: '', clientId: '', headerScheme: 'Bearer' }
      }
    case 'spark':
      return {
        ...base,
        apiUrl: '',
        oauth: { grant: 'client_credentials', tokenUrl: '', clientId: '', headerScheme: 'OAuth', tokenStyle: 'spark' }
      }
    case 'activity':
      return { ...base, trackingUrl: '' }
  }
}

export function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj)
}

/** Sets a dotted path; an empty string or NaN removes the key so optional fields stay absent rather than invalid. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  let o = obj
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {}
    o = o[k] as Record<string, unknown>
  }
  const last = keys.at(-1)!
  const empty = value === '' || value === undefined || (typeof value === 'number' && Number.isNaN(value))
  if (empty) delete o[last]
  else o[last] = value
}

/** Field messages from a refused save: PROFILE_INVALID lists "path: message" per line (the store's schema). */
export function fieldErrors(detail: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of (detail ?? '').split('\n')) {
    const m = /^([\w.]+): (.*)$/.exec(line.trim())
    if (m && !(m[1]! in out)) out[m[1]!] = m[2]!
  }
  return out
}
