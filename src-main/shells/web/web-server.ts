// Web mode: the same handler table as Electron's IPC, served on loopback. POST /api/invoke/<channel> carries one
// request; /events is a WebSocket carrying the event channels. Static files are the built renderer, served under a
// random per-run path prefix so the token cookie (Path=/<prefix>/) is not sent to pages of other local ports.
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { HandlerRegistry } from '../../handlers/handler-registry'
import type { EventHub } from '../../app/event-hub'
import { CONTENT_SECURITY_POLICY } from '../../platform/csp/content-security-policy'
import { checkRequest, TOKEN_COOKIE } from './request-guard'
import { resolveStatic, sendStatic } from './static-files'

export interface WebServerOptions {
  registry: HandlerRegistry
  hub: EventHub
  staticDir: string
  port?: number
  token?: string
}

export interface WebServer {
  /** the URL to open, token included — print it for the user, never log requests with it */
  url: string
  origin: string
  port: number
  token: string
  /** `/<random>/`: the renderer's files live under it, and the token cookie is scoped to it */
  assetPrefix: string
  close(): Promise<void>
}

const MAX_BODY = 1024 * 1024
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const assetPrefix = `/${randomBytes(12).toString('hex')}/`
  let port = 0
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Server error' } })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const isApi = url.pathname.startsWith('/api/')
    const isRoot = url.pathname === '/' || url.pathname === '/index.html'
    const isIndex = url.pathname === assetPrefix || url.pathname === `${assetPrefix}index.html`
    // the API takes only the header token: a cookie reaches us from any page a browser shows on 127.0.0.1
    const guard = checkRequest(req, port, token, { allowQueryToken: isIndex || isRoot, allowCookie: !isApi })
    if (!guard.ok) return sendText(res, guard.status, `Refused: ${guard.reason}.`)
    if (isRoot) {
      res.writeHead(302, { ...SECURITY_HEADERS, Location: `${assetPrefix}${url.search}`, 'Cache-Control': 'no-store' })
      return void res.end()
    }

    if (isApi) {
      if (!url.pathname.startsWith('/api/invoke/')) return sendText(res, 404, 'Not found.')
      if (req.method !== 'POST') return sendText(res, 405, 'POST only.')
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length))
      const body = await readBody(req)
      if (body === undefined) return sendText(res, 413, 'Request too large.')
      let args: unknown
      try {
        args = body.length ? JSON.parse(body.toString('utf8')) : {}
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'IPC_BAD_ARGS', message: 'Body is not JSON.' } })
      }
      return sendJson(res, 200, await opts.registry.dispatch(channel, args, { transport: 'web' }))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.')
    if (!url.pathname.startsWith(assetPrefix)) return sendText(res, 404, 'Not found.')
    const file = resolveStatic(opts.staticDir, url.pathname.slice(assetPrefix.length - 1))
    const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Cache-Control': isIndex ? 'no-store' : 'no-cache' }
    // The index hands the token to the page's asset requests through a strict cookie limited to the random prefix.
    if (isIndex) headers['Set-Cookie'] = `${TOKEN_COOKIE}=${token}; Path=${assetPrefix}; HttpOnly; SameSite=Strict`
    if (!file || !(await sendStatic(res, file, headers))) sendText(res, 404, 'Not found.')
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  const sockets = new Set<WebSocket>()
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const guard = checkRequest(req, port, token, { allowQueryToken: true, allowCookie: false })
    if (url.pathname !== '/events' || !guard.ok) {
      socket.end(`HTTP/1.1 ${guard.ok ? 404 : guard.status} Refused\r\nConnection: close\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', () => ws.close(1008, 'events are one-way'))
    })
  })
  const unsubscribe = opts.hub.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload })
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}${assetPrefix}?token=${token}`,
    origin,
    port,
    token,
    assetPrefix,
    async close() {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
    }
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(text))
  })
  res.end(text)
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store'
  })
  res.end(text)
}
