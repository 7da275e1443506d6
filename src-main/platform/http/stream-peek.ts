// Look at the first bytes of a body without consuming it: RETS servers report an expired session (20037) inside
// a 200 reply, and we must see that before handing a streaming search body to its parser.
import { PassThrough, type Readable } from 'node:stream'

/**
 * Bytes a body stage (the client's response stream, the peek) holds before it pauses its source. Node's default,
 * 16 KB, is below one 64 KB socket read, so every chunk paused and resumed the socket: a 150 MB search read at half
 * the drain's speed (bench case "compact"). A few chunks' worth keeps the socket flowing and memory small.
 */
export const BODY_STAGE_BYTES = 256 * 1024

export async function peekStream(stream: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = []
  let total = 0
  const ended = await new Promise<boolean>((resolve, reject) => {
    const onData = (c: Buffer): void => {
      chunks.push(c)
      total += c.length
      if (total >= bytes) {
        cleanup()
        stream.pause()
        resolve(false)
      }
    }
    const onEnd = (): void => {
      cleanup()
      resolve(true)
    }
    const onError = (e: Error): void => {
      cleanup()
      reject(e)
    }
    const cleanup = (): void => {
      stream.off('data', onData)
      stream.off('end', onEnd)
      stream.off('error', onError)
    }
    stream.on('data', onData)
    stream.once('end', onEnd)
    stream.once('error', onError)
  })
  const head = Buffer.concat(chunks)
  const out = new PassThrough({ highWaterMark: BODY_STAGE_BYTES })
  out.write(head)
  if (ended) out.end()
  else {
    stream.pipe(out)
    stream.once('error', (e) => out.destroy(e))
    stream.resume()
  }
  out.once('close', () => {
    if (!stream.destroyed && !stream.readableEnded) stream.destroy()
  })
  return { head, stream: out }
}
