// A loopback server that answers with captured dumps (or anything a test builds), recording each request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { replayHeaders } from './http-dump'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export interface ReplayReply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export type ReplayHandler = (
  req: RecordedRequest,
  res: ServerResponse
) => ReplayReply | void | Promise<ReplayReply | void>

export interface ReplayServer {
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export async function startReplayServer(handler: ReplayHandler): Promise<ReplayServer> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      requests.push(rec)
      void Promise.resolve(handler(rec, res)).then(
        (dump) => {
          if (!dump || res.headersSent) return
          res.writeHead(dump.status, replayHeaders(dump))
          res.end(dump.body)
        },
        (err: Error) => {
          res.writeHead(500)
          res.end(err.message)
        }
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
