// The Demo MLS: one loopback HTTP server speaking every seed system, over generated data. Tests start it on port 0.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  defaultOptions,
  defaultUsers,
  noFaults,
  type DemoContext,
  type DemoMlsOptions,
  type FaultState
} from './demo-context'
import { DEMO_OAUTH_CLIENTS } from './oauth/token-registry'
import { Router } from './http/router'
import { mounts } from './mounts'
import { createDemoData } from './data/demo-store'
import { SessionStore } from './rets/rets-session-store'
import { ActivityStore } from './activity/demo-activity-store'
import { applyTransportFaults } from './http/transport-faults'

export interface DemoMls {
  url: string
  port: number
  ctx: DemoContext
  /** the listening server (tests watch the requests that reach it: `mls.server.on('request', …)`) */
  server: Server
  close(): Promise<void>
}

/** Builds a context without a server (unit tests of handlers); `setBaseUrl` is called once the port is known. */
export function createDemoContext(options: Partial<DemoMlsOptions> = {}): {
  ctx: DemoContext
  setBaseUrl(url: string): void
} {
  const opts: DemoMlsOptions = { ...defaultOptions, ...options }
  let base = `http://${opts.host}:${opts.port}`
  const faults: FaultState = { ...noFaults }
  const users = defaultUsers.map((u) => ({ ...u }))
  const quirks = new Set(opts.quirks)
  const ctx: DemoContext = {
    data: createDemoData({
      count: opts.listings,
      seed: opts.seed,
      large: opts.large,
      epoch: opts.epoch,
      photoBytes: opts.photoBytes
    }),
    options: opts,
    baseUrl: () => base,
    faults,
    users,
    findUser: (name) => users.find((u) => u.username.toLowerCase() === name.toLowerCase()),
    oauthClients: DEMO_OAUTH_CLIENTS.map((c) => ({ ...c })),
    sessions: new SessionStore(opts),
    activity: new ActivityStore(),
    setFaults(patch) {
      Object.assign(faults, patch)
      return { ...faults }
    },
    quirk: (name) => quirks.has(name),
    setQuirks(names) {
      quirks.clear()
      names.forEach((n) => quirks.add(n))
      return [...quirks]
    }
  }
  return { ctx, setBaseUrl: (url) => (base = url) }
}

export async function startDemoMls(options: Partial<DemoMlsOptions> = {}): Promise<DemoMls> {
  const { ctx, setBaseUrl } = createDemoContext(options)
  const router = new Router()
  for (const mount of mounts) mount(router, ctx)

  const server = createServer((req, res) => {
    void handle(router, ctx, req, res)
  })
  // RETS clients keep connections alive; close() must not wait for them.
  server.keepAliveTimeout = 2000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(ctx.options.port, ctx.options.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${ctx.options.host}:${port}`
  setBaseUrl(url)
  ctx.options.port = port

  return {
    url,
    port,
    ctx,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

async function handle(router: Router, ctx: DemoContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const path = new URL(req.url ?? '/', ctx.baseUrl()).pathname
    const faulted = !path.startsWith('/admin') && path.startsWith(ctx.faults.scope)
    if (faulted) {
      if (ctx.faults.slowMs > 0) await new Promise((r) => setTimeout(r, ctx.faults.slowMs))
      if (ctx.faults.unauthorizedNoChallenge) {
        // Some gateways answer 401 with no WWW-Authenticate at all; clients must not loop on it.
        res.writeHead(401, { 'Content-Type': 'text/html' })
        res.end('<html><body>401 Unauthorized</body></html>')
        return
      }
      applyTransportFaults(res, ctx.faults)
    }
    const handled = await router.dispatch(req, res, ctx)
    if (!handled) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`No Demo MLS endpoint at ${path}\n`)
    }
  } catch (err) {
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`Demo MLS internal error: ${err instanceof Error ? err.message : String(err)}\n`)
    } else {
      res.destroy()
    }
  }
}
