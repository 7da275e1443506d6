import { describe, expect, it } from 'vitest'
import { Readable } from 'node:stream'
import { peekStream } from '../../../../src-main/platform/http/stream-peek'

/** A body that arrives in the given chunks, one per tick, as a socket's would. */
function arriving(chunks: string[]): Readable {
  const out = new Readable({ objectMode: true, read: () => undefined })
  let i = 0
  const next = (): void => {
    out.push(i < chunks.length ? Buffer.from(chunks[i++]!) : null)
    if (i <= chunks.length) setImmediate(next)
  }
  setImmediate(next)
  return out
}

async function text(stream: Readable): Promise<string> {
  let s = ''
  for await (const chunk of stream) s += (chunk as Buffer).toString()
  return s
}

describe('peekStream', () => {
  const body = ['<RETS ReplyCode="0" ', 'ReplyText="OK">', '<COUNT Records="3"/>', '</RETS>']

  it('gives the head and then the whole body, in order, whether the head ends inside a chunk or spans several', async () => {
    for (const bytes of [5, 20, 30]) {
      const peek = await peekStream(arriving(body), bytes)
      expect(peek.head.length).toBeGreaterThanOrEqual(bytes)
      expect(body.join('').startsWith(peek.head.toString())).toBe(true)
      expect(await text(peek.stream)).toBe(body.join(''))
    }
  })

  it('gives the whole body when its one chunk holds the head and it ends at once', async () => {
    const whole = Buffer.from(body.join(''))
    const peek = await peekStream(Readable.from([whole]), 5)
    expect(peek.head.equals(whole)).toBe(true)
    expect(await text(peek.stream)).toBe(body.join(''))
  })

  it('gives a body shorter than the head it asked for, and an empty one', async () => {
    const short = await peekStream(arriving(body), 1024)
    expect(short.head.toString()).toBe(body.join(''))
    expect(await text(short.stream)).toBe(body.join(''))
    const empty = await peekStream(arriving([]), 1024)
    expect(empty.head.length).toBe(0)
    expect(await text(empty.stream)).toBe('')
  })

  it('reports an error of the body that comes before the head', async () => {
    const failing = new Readable({ read: () => undefined })
    setImmediate(() => failing.destroy(new Error('connection reset')))
    await expect(peekStream(failing, 10)).rejects.toThrow('connection reset')
  })
})
