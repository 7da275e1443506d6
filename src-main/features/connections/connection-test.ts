// "Test connection": walks the layers a connection needs one by one — URL, DNS, TCP, TLS, HTTP, then a real login
// — and stops at the first that fails, saying which and what to try. Integrators mostly fight the lower layers
// (VPN, proxies, corporate CAs) before credentials, so the steps are worth telling apart.
import dns from 'node:dns/promises'
import net from 'node:net'
import tls from 'node:tls'
import { readFile } from 'node:fs/promises'
import { toErrorShape } from '../../../contract/app-error'
import type { ConnectionTestStep } from '../../../contract/profile-channels'
import type { HttpClient } from '../../platform/http/http-client'
import { redactor } from '../../platform/redaction/redactor'
import { primaryUrl } from './profile-summary'
import type { ConnectionProfile } from '../../../contract/profile-schema'

const STEP_TIMEOUT_MS = 10_000

/**
 * `http` opens the profile's HttpClient (proxy, CA file, wire log) for the HTTP step; the DNS, TCP and TLS steps
 * talk to the server directly, and are skipped behind a proxy.
 */
export async function testConnection(
  profile: ConnectionProfile,
  login: () => Promise<string>,
  http: () => Promise<HttpClient>,
  /** the metadata tree after login, for kinds that have one: optional parts it lacks are warnings (⚠), not ✗ */
  metadata?: () => Promise<StepOutcome>
): Promise<ConnectionTestStep[]> {
  const steps: ConnectionTestStep[] = []
  const run = async (
    step: ConnectionTestStep['step'],
    fn: () => Promise<string | StepOutcome>,
    hint: (err: NodeJS.ErrnoException) => string
  ): Promise<boolean> => {
    const started = performance.now()
    try {
      const out = await fn()
      const { detail, warnings = [] } = typeof out === 'string' ? { detail: out } : out
      steps.push({
        step,
        ok: true,
        detail,
        ...(warnings.length ? { warnings } : {}),
        ms: Math.round(performance.now() - started)
      })
      return true
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { hint?: string }
      const shape = toErrorShape(err)
      steps.push({
        step,
        ok: false,
        detail: redactor.text(shape.detail ? `${shape.message} ${shape.detail}` : shape.message),
        hint: e.hint ?? shape.hint ?? hint(e),
        ms: Math.round(performance.now() - started)
      })
      return false
    }
  }

  let url!: URL
  const target = primaryUrl(profile)
  if (
    !(await run(
      'url',
      async () => ((url = new URL(target)), redactor.url(url.toString())),
      () => 'Check the URL in the profile.'
    ))
  )
    return steps
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let address = host
  const viaProxy = profile.network.proxyUrl !== undefined
  if (!viaProxy) {
    const resolved = await run(
      'dns',
      async () => {
        const found = await withTimeout(dns.lookup(host, { all: true }))
        address = found[0]!.address
        return `${host} → ${found.map((a) => a.address).join(', ')}`
      },
      () => `The name ${host} does not resolve. Check the spelling, your network or VPN.`
    )
    if (!resolved) return steps
    const connected = await run(
      'tcp',
      () => tcpConnect(address, port).then(() => `connected to ${address}:${port}`),
      (e) =>
        e.code === 'ECONNREFUSED'
          ? `Nothing listens on port ${port}. Check the port, or whether the server is up.`
          : `Port ${port} cannot be reached (${e.code ?? 'timeout'}). A firewall or VPN may block it.`
    )
    if (!connected) return steps
    if (url.protocol === 'https:') {
      const ca = profile.network.caFile ? await readFile(profile.network.caFile).catch(() => undefined) : undefined
      const secure = await run(
        'tls',
        () => tlsHandshake(host, address, port, ca),
        (e) =>
          /self.signed|unable to (get|verify)|CERT/i.test(`${e.code} ${e.message}`)
            ? 'The server’s certificate is not trusted. If your company inspects TLS, add its CA file in the profile’s network settings.'
            : 'The TLS handshake failed. Check the URL scheme and port.'
      )
      if (!secure) return steps
    }
  }
  const answered = await run(
    'http',
    () => probeHttp(http, url),
    () => 'The server did not answer HTTP. Check the URL, and the proxy setting if you use one.'
  )
  if (!answered) return steps
  const loggedIn = await run('auth', login, () => 'Check the user name and password (and the UA password for RETS).')
  if (loggedIn && metadata) await run('metadata', metadata, () => 'The server refused its metadata; see the Log tab.')
  return steps
}

export interface StepOutcome {
  detail: string
  warnings?: string[]
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), STEP_TIMEOUT_MS)
    )
  ])
}

function tcpConnect(address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port, timeout: STEP_TIMEOUT_MS })
    socket.once('connect', () => {
      socket.destroy()
      resolve()
    })
    socket.once('timeout', () => {
      socket.destroy()
      reject(Object.assign(new Error(`no answer from ${address}:${port}`), { code: 'ETIMEDOUT' }))
    })
    socket.once('error', reject)
  })
}

function tlsHandshake(servername: string, address: string, port: number, ca: Buffer | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: address, port, servername, timeout: STEP_TIMEOUT_MS, ...(ca ? { ca } : {}) })
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate()
      socket.destroy()
      resolve(
        `${socket.getProtocol() ?? 'TLS'}; certificate for ${cert.subject?.CN ?? servername}, valid until ${cert.valid_to}`
      )
    })
    socket.once('timeout', () => {
      socket.destroy()
      reject(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' }))
    })
    socket.once('error', reject)
  })
}

/** An unauthenticated GET: the status and the auth challenge tell whether this is the server we think it is. */
async function probeHttp(open: () => Promise<HttpClient>, url: URL): Promise<string> {
  const client = await open()
  try {
    const res = await client.request({ url: url.href, timeoutMs: STEP_TIMEOUT_MS, credentials: 'omit' })
    await res.discard()
    const challenge = res.header('www-authenticate')
    const scheme = challenge ? ` — asks for ${challenge.split(/\s/)[0]} authentication` : ''
    return `HTTP ${res.status} ${res.statusText}${scheme}`.trim()
  } finally {
    client.close()
  }
}
