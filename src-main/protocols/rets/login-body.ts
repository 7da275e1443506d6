// The Login reply body (RETS 1.7.2 §4.6, 1.8 §4.6). Real servers write `key=value` lines with any spacing and case
// (terradatum login_lower_case), CRLF or LF, with or without the <RETS-RESPONSE> wrapper (RETS 1.0/MRIS), and 1.8
// servers add `Info=NAME;TYPE;VALUE` lines (Trestle leaves TYPE empty and repeats keys). X-* keys are vendor extensions
// we keep verbatim (flexmls X-ApiAccessSettings feeds the Listing Activity API, the Listing Activity API
// documentation).
import { readRetsReply, type RetsReply } from './rets-reply'

/** Standard capability names, in their canonical spelling. */
export const CAPABILITY_NAMES = [
  'Login',
  'Logout',
  'Search',
  'GetMetadata',
  'GetObject',
  'Action',
  'ChangePassword',
  'Update',
  'PostObject',
  'GetPayloadList',
  'LoginComplete',
  'ServerInformation'
] as const
export type CapabilityName = (typeof CAPABILITY_NAMES)[number]

const CANONICAL = new Map(CAPABILITY_NAMES.map((n) => [n.toLowerCase(), n]))

export interface LoginInfoItem {
  name: string
  type?: string
  value: string
}

export interface LoginBody {
  reply?: RetsReply
  /** capability name → URL as sent (not yet resolved) */
  capabilities: Partial<Record<CapabilityName, string>>
  /** X-* keys, verbatim */
  extensions: Record<string, string>
  /** session info (MemberName, User, Broker, MetadataVersion, TimeoutSeconds, Info= items…), keyed by lower-case name */
  info: Record<string, LoginInfoItem>
}

export function parseLoginBody(text: string): LoginBody {
  const result: LoginBody = { capabilities: {}, extensions: {}, info: {} }
  const reply = readRetsReply(text)
  if (reply) result.reply = reply
  for (const raw of responseSection(text).split(/\r\n|\n|\r/)) {
    const line = raw.trim()
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    const key = line.slice(0, eq).trim()
    const value = line.slice(eq + 1).trim()
    const lower = key.toLowerCase()
    if (lower === 'info') {
      const [name = '', type = '', ...rest] = value.split(';')
      if (!name.trim()) continue
      const item: LoginInfoItem = { name: name.trim(), value: rest.join(';').trim() }
      if (type.trim()) item.type = type.trim()
      result.info[item.name.toLowerCase()] = item
      continue
    }
    const cap = CANONICAL.get(lower)
    if (cap) result.capabilities[cap] = value
    else if (lower.startsWith('x-')) result.extensions[key] = value
    else result.info[lower] = { name: key, value }
  }
  return result
}

/** The text between <RETS-RESPONSE> tags, else inside <RETS>, else everything. */
function responseSection(text: string): string {
  const inner = /<RETS-RESPONSE\s*>([\s\S]*?)(?:<\/RETS-RESPONSE\s*>|$)/i.exec(text)
  if (inner) return inner[1]!
  const rets = /<RETS(?=[\s>])[^>]*>([\s\S]*?)(?:<\/RETS\s*>|$)/i.exec(text)
  if (rets) return rets[1]!
  return text
}

/** Looks up a session info value by name, case-insensitively. */
export function loginInfoValue(body: LoginBody, name: string): string | undefined {
  return body.info[name.toLowerCase()]?.value
}

/** Capability URLs may be absolute, relative (`/rets/search`, `search`) or host-less; all resolve against Login. */
export function resolveCapabilityUrl(value: string, loginUrl: string): string {
  return new URL(value.trim(), loginUrl).href
}
