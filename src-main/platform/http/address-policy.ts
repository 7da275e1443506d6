// Which IP addresses a connection may reach. Servers hand out URLs (RETS Location=1, RESO MediaURL, next links) that
// the app then fetches; a hostile one can point them at 169.254.169.254 (cloud metadata), the machine itself or the
// office network. Link-local is refused always; loopback and private ranges only when the profile's own server
// lives there (a test server on localhost, an MLS inside a company network). Checked on the address a name resolves
// to, at connect time, so a DNS answer cannot swap it afterwards.
import dns from 'node:dns'
import net from 'node:net'
import { AppError } from '../../../contract/app-error'

export type AddressKind = 'link-local' | 'loopback' | 'private' | 'public'

const ranges: Array<[AddressKind, string, number, 'ipv4' | 'ipv6']> = [
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['private', '::', 128, 'ipv6']
]
const lists = new Map<AddressKind, net.BlockList>()
for (const [kind, address, prefix, type] of ranges) {
  const list = lists.get(kind) ?? new net.BlockList()
  list.addSubnet(address, prefix, type)
  lists.set(kind, list)
}

export function addressKind(ip: string): AddressKind {
  // IPv4-mapped IPv6 (::ffff:169.254.169.254) is judged as the IPv4 address it carries
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  const address = mapped ? mapped[1]! : ip
  const type = net.isIPv6(address) ? 'ipv6' : 'ipv4'
  for (const kind of ['link-local', 'loopback', 'private'] as const) {
    if (lists.get(kind)!.check(address, type)) return kind
  }
  return 'public'
}

/** Why `ip` may not be reached, or undefined. */
export function addressRefusal(ip: string, allowPrivate: boolean): string | undefined {
  const kind = addressKind(ip)
  if (kind === 'link-local') return `${ip} is a link-local address (cloud metadata, device setup pages)`
  if (kind !== 'public' && !allowPrivate) return `${ip} is a ${kind} address and the profile's server is not`
  return undefined
}

export function addressRefusedError(host: string, reason: string): AppError {
  return new AppError({
    code: 'HTTP_ADDRESS_REFUSED',
    message: `Refused to connect to ${host}: ${reason}.`,
    hint: 'The server sent a URL that points into your machine or network; ask the MLS why.'
  })
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number
) => void

/** A `lookup` for http.request that refuses addresses the policy does not allow. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options }, (err, address, family) => {
      if (err) return callback(err, address as string, family)
      const all = Array.isArray(address) ? address : [{ address, family }]
      const refused = all.map((a) => addressRefusal(a.address, allowPrivate)).find(Boolean)
      if (refused) return callback(addressRefusedError(hostname, refused) as NodeJS.ErrnoException, '', 0)
      callback(null, address, family)
    })
  }
}

/** Whether a profile's own server is on loopback or a private network (then such addresses are allowed). */
export async function isPrivateServer(urls: Array<string | undefined>): Promise<boolean> {
  for (const url of urls) {
    if (!url) continue
    let host: string
    try {
      host = new URL(url).hostname.replace(/^\[|\]$/g, '')
    } catch {
      continue
    }
    const addresses = net.isIP(host)
      ? [host]
      : await dns.promises
          .lookup(host, { all: true })
          .then((list) => list.map((a) => a.address))
          .catch(() => (host === 'localhost' ? ['127.0.0.1'] : []))
    if (addresses.some((a) => addressKind(a) !== 'public')) return true
  }
  return false
}
