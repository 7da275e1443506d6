import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../contract/app-error'
import {
  JsonPageSplitter,
  splitODataPage,
  splitODataPageBatches
} from '../../../../src-main/protocols/odata/json-array-splitter'
import { cutAt } from '../../../support/cut-at'

function runSplitter(parts: Buffer[]): { rows: unknown[]; members: Record<string, unknown> } {
  const s = new JsonPageSplitter()
  const rows: unknown[] = []
  for (const p of parts) for (const t of s.push(p)) rows.push(JSON.parse(t))
  return { rows, members: s.end() }
}

async function* chunks(parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield p
}

describe('JsonPageSplitter', () => {
  it('splits value elements and keeps members before and after', () => {
    const text =
      '{"@odata.context":"x/$metadata#Property","@odata.count":"3","value":[{"a":1,"b":"]},{["},{"a":2,"value":[1,2]},{"a":"é😀"}],"@odata.nextLink":"http://h/Property?$skip=3"}'
    const { rows, members } = runSplitter([Buffer.from(text)])
    expect(rows).toEqual([{ a: 1, b: ']},{[' }, { a: 2, value: [1, 2] }, { a: 'é😀' }])
    expect(members).toEqual({
      '@odata.context': 'x/$metadata#Property',
      '@odata.count': '3',
      '@odata.nextLink': 'http://h/Property?$skip=3'
    })
  })

  it('handles empty value arrays, scalar elements, escaped quotes and whitespace', () => {
    expect(runSplitter([Buffer.from(' { "value" : [ ] } ')]).rows).toEqual([])
    const text = '{\n  "value": [ 1 , "x\\"y" , null, true, {"k\\"":"\\\\"} ]\n}\n'
    expect(runSplitter([Buffer.from(text)]).rows).toEqual([1, 'x"y', null, true, { 'k"': '\\' }])
  })

  it('is unaffected by random chunking, byte by byte included (fast-check)', () => {
    const row = fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.oneof(
        fc.string(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 })
      ),
      { maxKeys: 5 }
    )
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.boolean(),
        (rows, points, countFirst) => {
          const page = countFirst
            ? { '@odata.count': rows.length, value: rows, '@odata.nextLink': 'n' }
            : { value: rows, '@odata.nextLink': 'n', '@odata.count': rows.length }
          const buf = Buffer.from(JSON.stringify(page, null, points.length % 2 ? 2 : 0))
          const result = runSplitter(cutAt(buf, points))
          expect(result.rows).toEqual(JSON.parse(JSON.stringify(rows)))
          expect(result.members['@odata.count']).toBe(rows.length)
          expect(result.members['@odata.nextLink']).toBe('n')
        }
      ),
      { numRuns: 300 }
    )
  })

  it('splits a multi-byte character across chunks safely', () => {
    const buf = Buffer.from('{"value":[{"c":"€€€"}]}')
    const parts = [...buf].map((b) => Buffer.from([b]))
    expect(runSplitter(parts).rows).toEqual([{ c: '€€€' }])
  })

  it('finds string ends across runs of backslashes, cut at every place', () => {
    const values = ['\\', '\\"', 'a\\\\"b', '"', '\\\\\\', 'x"}],"y']
    const buf = Buffer.from(JSON.stringify({ value: values.map((v) => ({ v })), next: 'n' }))
    for (let a = 1; a < buf.length; a++) {
      for (const b of [a + 1, a + 2, a + 5]) {
        const { rows, members } = runSplitter(cutAt(buf, [a, b]))
        expect(rows).toEqual(values.map((v) => ({ v })))
        expect(members).toEqual({ next: 'n' })
      }
    }
  })

  it('rejects a cut-off page and a non-object page', () => {
    expect(() => runSplitter([Buffer.from('{"value":[{"a":1},')])).toThrow(AppError)
    expect(() => runSplitter([Buffer.from('[1,2]')])).toThrow(/not a JSON object/)
  })

  it('streams a large page as many small parses (async generator return = members)', async () => {
    const n = 20_000
    const body = Buffer.from(
      JSON.stringify({
        value: Array.from({ length: n }, (_, i) => ({ ListingKey: `K${i}`, Remarks: 'x'.repeat(50) })),
        '@odata.nextLink': 'next'
      })
    )
    const parts = cutAt(
      body,
      Array.from({ length: 500 }, (_, i) => Math.floor((body.length / 500) * i))
    )
    const gen = splitODataPage(chunks(parts))
    let count = 0
    let last: unknown
    for (;;) {
      const step = await gen.next()
      if (step.done) {
        expect(step.value['@odata.nextLink']).toBe('next')
        break
      }
      count++
      last = step.value
    }
    expect(count).toBe(n)
    expect(last).toEqual({ ListingKey: `K${n - 1}`, Remarks: 'x'.repeat(50) })
  })

  it('pushBatch: the elements completed in a chunk as one `e1,e2,…` text, for any chunking (fast-check)', () => {
    const row = fc.dictionary(
      fc.string({ maxLength: 5 }),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
      { maxKeys: 4 }
    )
    fc.assert(
      fc.property(fc.array(row, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 20 }), (rows, points) => {
        const buf = Buffer.from(JSON.stringify({ value: rows, '@odata.count': rows.length }, null, points.length % 2))
        const s = new JsonPageSplitter()
        const parsed: unknown[] = []
        let batches = 0
        for (const part of cutAt(buf, points)) {
          const text = s.pushBatch(part)
          if (text === undefined) continue
          batches++
          parsed.push(...(JSON.parse(`[${text}]`) as unknown[]))
        }
        expect(parsed).toEqual(JSON.parse(JSON.stringify(rows)))
        expect(s.end()['@odata.count']).toBe(rows.length)
        // one batch per chunk at most: never more batches than chunks, never one per element when all is one chunk
        expect(batches).toBeLessThanOrEqual(new Set(points).size + 1)
      }),
      { numRuns: 300 }
    )
    const one = new JsonPageSplitter()
    expect(one.pushBatch(Buffer.from('{"value":[{"a":1} , {"a":"]"},\n{"a":[2]}],"n":1}'))).toBe(
      '{"a":1} , {"a":"]"},\n{"a":[2]}'
    )
  })

  it('splitODataPageBatches yields one parsed array per chunk; stopping early closes the body', async () => {
    const body = Buffer.from(JSON.stringify({ value: Array.from({ length: 30 }, (_, i) => ({ i })), n: 'x' }))
    const parts = cutAt(body, [40, 120, 200])
    const sizes: number[] = []
    const gen = splitODataPageBatches(chunks(parts))
    for (;;) {
      const step = await gen.next()
      if (step.done) {
        expect(step.value).toEqual({ n: 'x' })
        break
      }
      sizes.push(step.value.length)
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30)
    expect(sizes.length).toBeLessThanOrEqual(parts.length)
    expect(sizes.length).toBeGreaterThan(1)

    let closed = false
    async function* source(): AsyncGenerator<Buffer> {
      try {
        for (const p of parts) yield p
      } finally {
        closed = true
      }
    }
    const records = splitODataPage(source())
    expect((await records.next()).value).toEqual({ i: 0 })
    await records.return({})
    expect(closed).toBe(true)
  })
})
