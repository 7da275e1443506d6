// Replays captured bodies as fast as loopback allows, so client-side cases measure the client and not the Demo
// MLS's row generator (which makes ~60k rows/s and would cap every variant at the same rate). Routes are exact
// paths (query strings ignored, but a `path?Type=X` route answers GetMetadata for that metadata type first); a
// canned RETS login without authentication lets RetsSession and rets-client in.
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { peakRssMb, serverUsage } from '../harness/peak-rss'

export interface ReplayRoute {
  contentType: string
  /** file streamed as the body */
  file?: string
  /** or a literal body */
  text?: string
}

export type ReplayConfig = Record<string, ReplayRoute>

process.once('message', (routes: ReplayConfig) => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname
    const route = routes[`${path}?Type=${url.searchParams.get('Type')}`] ?? routes[path]
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/plain' })
      res.end(`no replay for ${path}`)
      return
    }
    const headers: Record<string, string | number> = { 'Content-Type': route.contentType, 'RETS-Version': 'RETS/1.7.2' }
    if (route.file !== undefined) {
      headers['Content-Length'] = statSync(route.file).size
      res.writeHead(200, headers)
      createReadStream(route.file, { highWaterMark: 1 << 16 }).pipe(res)
    } else {
      res.writeHead(200, headers)
      res.end(route.text ?? '')
    }
  })
  server.keepAliveTimeout = 2000
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
  })
  process.on('message', (m) => {
    // its CPU per reply goes into the compact case's account of the two cores
    if (m === 'rss') return void process.send?.(serverUsage())
    if (m !== 'stop') return
    server.close()
    server.closeAllConnections()
    process.send?.({ peakRssMb: peakRssMb() }, () => process.exit(0))
  })
})
