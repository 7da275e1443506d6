// Writing a long reply piece by piece: wait when the socket is full (back-pressure) instead of buffering the rest
// in memory, and give the event loop a turn between pieces so one big reply does not stall every other client.
import type { ServerResponse } from 'node:http'
import type { Writable } from 'node:stream'

export class ClientGoneError extends Error {
  constructor() {
    super('client went away')
  }
}

/** Writes `chunk` to `sink` (the response or a gzip stream in front of it); resolves when more may be written. */
export async function writeChunk(res: ServerResponse, sink: Writable, chunk: Buffer | string): Promise<void> {
  if (res.destroyed) throw new ClientGoneError()
  if (sink.write(chunk)) return
  await new Promise<void>((resolve) => {
    const done = (): void => {
      sink.off('drain', done)
      res.off('close', done)
      resolve()
    }
    sink.on('drain', done)
    res.on('close', done)
  })
  if (res.destroyed) throw new ClientGoneError()
}

/** Lets pending I/O (other clients, this client's reads) run before the next piece is produced. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
