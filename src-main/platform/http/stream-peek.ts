// Look at the first bytes of a body without consuming it: RETS servers report an expired session (20037) inside
// a 200 reply, and we must see that before handing a streaming search body to its parser.
import { Readable } from 'node:stream'

/**
 * Chunks a body stage (the client's response stream, in object mode) holds before it pauses its source. Node's
 * default for bytes, 16 KB, is below one 64 KB socket read, so every chunk paused and resumed the socket: a 150 MB
 * search read at half the drain's speed (bench case "compact"). A few socket reads keep it flowing and memory small.
 */
export const BODY_STAGE_CHUNKS = 8

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
  // a body whose last chunk completed the head may have ended meanwhile: nothing is left to put the head back into
  if (ended || stream.readableEnded) return { head, stream: Readable.from(head.length > 0 ? [head] : []) }
  // the head goes back in front of what the paused stream holds: the reader sees the body whole, and no extra stage
  stream.unshift(head)
  return { head, stream }
}
