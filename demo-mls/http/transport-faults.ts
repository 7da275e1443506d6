// The "connection drop mid-body" fault: lets the status line, headers and part of the body out, then kills the
// socket — what a client sees when a RETS gateway times out half way through a big Search or GetObject.
import type { ServerResponse } from 'node:http'
import type { FaultState } from '../demo-context'

/** Bytes let through before the socket is destroyed (enough for headers + the start of a reply). */
const DROP_AFTER_BYTES = 512

type WriteFn = (chunk: unknown, encodingOrCb?: unknown, cb?: unknown) => boolean

function toBuffer(chunk: unknown, encoding?: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk
  if (chunk instanceof Uint8Array) return Buffer.from(chunk)
  return Buffer.from(String(chunk ?? ''), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
}

export function applyTransportFaults(res: ServerResponse, faults: FaultState): void {
  if (!faults.dropMidBody) return
  const write = res.write.bind(res) as WriteFn
  let written = 0
  let dropped = false
  const cut = (buf: Buffer): void => {
    dropped = true
    const keep = Math.max(1, Math.min(buf.length - 1, DROP_AFTER_BYTES - written, Math.floor(buf.length / 2)))
    write(buf.subarray(0, keep), () => res.socket?.destroy())
  }
  const patchedWrite: WriteFn = (chunk, encoding) => {
    if (dropped) return false
    const buf = toBuffer(chunk, encoding)
    if (written + buf.length >= DROP_AFTER_BYTES) {
      cut(buf)
      return false
    }
    written += buf.length
    return write(buf)
  }
  ;(res as unknown as { write: WriteFn }).write = patchedWrite
  ;(res as unknown as { end: (chunk?: unknown, enc?: unknown) => ServerResponse }).end = (chunk, enc) => {
    if (!dropped) {
      const buf = chunk === undefined || typeof chunk === 'function' ? Buffer.alloc(0) : toBuffer(chunk, enc)
      if (buf.length > 1) cut(buf)
      else res.socket?.destroy()
    }
    return res
  }
}
