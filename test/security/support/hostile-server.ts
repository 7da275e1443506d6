// A hostile server for the security suite: a real HTTP server on 127.0.0.1 (port 0) whose handler the test writes,
// and which records every request it saw (method, URL, headers) so a test can assert what reached it.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
}

export interface HostileServer {
  /** http://127.0.0.1:<port> */
  origin: string
  port: number
  seen: SeenRequest[]
  close(): Promise<void>
}

export async function startHostileServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, server: HostileServer) => void
): Promise<HostileServer> {
  const seen: SeenRequest[] = []
  const sockets = new Set<import('node:net').Socket>()
  const self = { seen } as HostileServer
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers })
    handler(req, res, self)
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  self.port = port
  self.origin = `http://127.0.0.1:${port}`
  self.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return self
}
