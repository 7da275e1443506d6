// Search rows are copied into the reply chunk by hand (reply-bytes.ts) and listings are drawn from a reseeded
// generator that skips draws: both must give exactly the bytes and numbers of the plain versions they replace.
import { describe, expect, it } from 'vitest'
import { ReplyBytes } from '../../../demo-mls/rets/reply-bytes'
import { compactCell, xmlEscape } from '../../../demo-mls/rets/rets-envelope'
import { drawAfter, mulberry32, ReseedableRng } from '../../../demo-mls/data/prng'

// ASCII, the characters COMPACT and XML escape, Latin-1 and BMP letters, a surrogate pair, lone surrogates
const samples = [
  '',
  'Maple St',
  'Café & parks <nearby> "quoted"',
  'tab\there\r\nnewline',
  'Española Cañon Río',
  '€ 東京 ✓',
  'emoji 😀 pair',
  'lone \ud800 high',
  'lone \udc00 low',
  'high at end \ud83d',
  'x'.repeat(200_000) + '&'
]

/** base64 strings compare fast (a deep comparison of 200 KB buffers takes seconds) */
function same(actual: Buffer, expected: Buffer): void {
  expect(actual.length).toBe(expected.length)
  expect(actual.toString('base64')).toBe(expected.toString('base64'))
}

function written(latin1: boolean, fill: (out: ReplyBytes) => void): Buffer {
  // a small chunk, so long values make it grow
  const out = new ReplyBytes(64, latin1)
  fill(out)
  return out.take()
}

describe('ReplyBytes', () => {
  for (const latin1 of [false, true]) {
    const encoding = latin1 ? 'latin1' : 'utf8'
    it(`writes markup as Buffer#write does (${encoding})`, () => {
      for (const text of samples)
        same(
          written(latin1, (o) => o.raw(text)),
          Buffer.from(text, encoding)
        )
    })

    it(`escapes COMPACT cells as compactCell does, each followed by a TAB (${encoding})`, () => {
      const bytes = written(latin1, (o) => samples.forEach((s) => o.compactCell(s)))
      same(bytes, Buffer.from(samples.map((s) => `${compactCell(s)}\t`).join(''), encoding))
    })

    it(`writes STANDARD-XML elements escaped, empty ones self-closed (${encoding})`, () => {
      const bytes = written(latin1, (o) => samples.forEach((s) => o.element(s, '<F>', '</F>', '<F/>')))
      const expected = samples.map((s) => (s === '' ? '<F/>' : `<F>${xmlEscape(s)}</F>`)).join('')
      same(bytes, Buffer.from(expected, encoding))
    })
  }

  it('hands the bytes over and starts a fresh chunk', () => {
    const out = new ReplyBytes(16, false)
    out.raw('<DATA>\t')
    const first = out.take()
    out.raw('next')
    expect(first.toString()).toBe('<DATA>\t')
    expect(out.length).toBe(4)
    expect(out.takeText()).toBe('next')
    expect(out.length).toBe(0)
  })
})

describe('ReseedableRng', () => {
  it('draws what mulberry32 draws, for any seed, and skips draws exactly', () => {
    const rng = new ReseedableRng()
    for (const seed of [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 123456789]) {
      const plain = mulberry32(seed)
      rng.seed(seed)
      const expected = Array.from({ length: 20 }, plain)
      expect(Array.from({ length: 5 }, rng.next)).toEqual(expected.slice(0, 5))
      const state = rng.state
      rng.skip(10)
      expect(rng.next()).toBe(expected[15])
      expect(drawAfter(state, 3)).toBe(expected[7])
    }
  })
})
