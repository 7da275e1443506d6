// A forward HTTP proxy for plain http targets (absolute URI in the request line), as corporate networks have: it
// records every request it relays with the headers that reached it, can ask for a Basic login first, and can reach
// hosts the test machine cannot resolve (`hosts`: name → origin), as a proxy inside a company network does.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ProxiedRequest {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
}

export interface ForwardProxy {
  url: string
  seen: ProxiedRequest[]
  close(): Promise<void>
}

export interface ForwardProxyOptions {
  login?: { user: string; password: string }
  hosts?: Record<string, string>
}

export async function startForwardProxy(options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const { login, hosts = {} } = options
  const seen: ProxiedRequest[] = []
  const expected = login && `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } })
    if (expected && req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="corp"', 'Content-Type': 'text/plain' })
      res.end('Proxy login required')
      return
    }
    const { 'proxy-authorization': _auth, ...headers } = req.headers
    const target = new URL(req.url!)
    const origin = hosts[target.hostname]
    const upstreamUrl = origin ? new URL(target.pathname + target.search, origin) : target
    const upstream = http.request(upstreamUrl, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  }
}
