// A tiny method + path router for the Demo MLS. Every protocol (RETS, IDX, Listing Activity, Spark, RESO, OAuth,
// admin) registers its handlers through a `Mount`, so the server file never knows about any of them.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { DemoContext } from '../demo-context'

export interface DemoRequest {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  /** The whole request body (read once, cached). */
  body(): Promise<Buffer>
  raw: IncomingMessage
  /** Named segments of the matched route (`:key` in string paths, named groups in RegExp paths). */
  params: Record<string, string>
  /** Query string merged with an `application/x-www-form-urlencoded` body (RETS allows GET or POST). */
  form(): Promise<URLSearchParams>
}

export type DemoHandler = (req: DemoRequest, res: ServerResponse, ctx: DemoContext) => Promise<void> | void

export type Mount = (router: Router, ctx: DemoContext) => void

interface Route {
  method: string
  pattern: RegExp
  handler: DemoHandler
}

const MAX_BODY_BYTES = 32 * 1024 * 1024

function compilePath(path: string): RegExp {
  // `/v1/listings/:id` → ^/v1/listings/(?<id>[^/]+)/?$ ; a trailing `/*` matches any rest.
  const escaped = path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) return `(?<${seg.slice(1)}>[^/]+)`
      if (seg === '*') return '.*'
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return new RegExp(`^${escaped.replace(/\/$/, '')}/?$`)
}

export class Router {
  private readonly routes: Route[] = []

  add(method: string, path: string | RegExp, handler: DemoHandler): void {
    const pattern = typeof path === 'string' ? compilePath(path) : path
    this.routes.push({ method: method.toUpperCase(), pattern, handler })
  }

  /** Runs the first matching route; resolves false when none matched (the server then answers 404). */
  async dispatch(raw: IncomingMessage, res: ServerResponse, ctx: DemoContext): Promise<boolean> {
    const url = new URL(raw.url ?? '/', ctx.baseUrl())
    const method = (raw.method ?? 'GET').toUpperCase()
    let pathMatched = false
    for (const route of this.routes) {
      const m = route.pattern.exec(url.pathname)
      if (!m) continue
      pathMatched = true
      if (route.method !== '*' && route.method !== method && !(route.method === 'GET' && method === 'HEAD')) continue
      const req = createDemoRequest(raw, url, method, { ...(m.groups ?? {}) })
      await route.handler(req, res, ctx)
      return true
    }
    if (pathMatched) {
      res.writeHead(405, { 'Content-Type': 'text/plain' })
      res.end(`Method ${method} not allowed on ${url.pathname}\n`)
      return true
    }
    return false
  }
}

export function createDemoRequest(
  raw: IncomingMessage,
  url: URL,
  method: string,
  params: Record<string, string>
): DemoRequest {
  let bodyPromise: Promise<Buffer> | undefined
  const body = (): Promise<Buffer> => {
    bodyPromise ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = []
      let size = 0
      raw.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_BODY_BYTES) {
          reject(new Error('request body too large'))
          raw.destroy()
          return
        }
        chunks.push(c)
      })
      raw.on('end', () => resolve(Buffer.concat(chunks)))
      raw.on('error', reject)
    })
    return bodyPromise
  }
  const form = async (): Promise<URLSearchParams> => {
    const merged = new URLSearchParams(url.searchParams)
    const type = String(raw.headers['content-type'] ?? '')
    if (method === 'POST' && type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      const extra = new URLSearchParams((await body()).toString('utf8'))
      for (const [k, v] of extra) merged.append(k, v)
    }
    return merged
  }
  return { method, url, headers: raw.headers, body, raw, params, form }
}
