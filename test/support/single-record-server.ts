// A hostile RETS server on 127.0.0.1 (issue 17 item 7): its Search reply is one COMPACT record of `recordBytes`
// value bytes, generated chunk by chunk with backpressure, so the server itself holds no more than a chunk.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

const LOGIN = '<RETS ReplyCode="0" ReplyText="OK">\n<RETS-RESPONSE>\nSearch=/rets/Search\n</RETS-RESPONSE>\n</RETS>\n'
const CHUNK = 64 * 1024

export interface SingleRecordServer {
  baseUrl: string
  close(): Promise<void>
}

export async function startSingleRecordServer(recordBytes: number): Promise<SingleRecordServer> {
  const filler = Buffer.alloc(CHUNK, 'a')
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' })
    if ((req.url ?? '').startsWith('/rets/Login')) return res.end(LOGIN)
    res.write(
      '<RETS ReplyCode="0" ReplyText="OK">\r\n<DELIMITER value="09"/>\r\n<COLUMNS>\tA\tB\t</COLUMNS>\r\n<DATA>\t'
    )
    let left = recordBytes
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(left, CHUNK)
        left -= n
        if (!res.write(n === CHUNK ? filler : filler.subarray(0, n))) return void res.once('drain', pump)
      }
      res.end('\tb\t</DATA>\r\n</RETS>\r\n')
    }
    res.on('error', () => undefined)
    pump()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
