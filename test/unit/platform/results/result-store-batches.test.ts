// The store's batch lane (appendDelimitedRows: the scanner's runs of COMPACT rows, copied at once and compacted in
// the write buffer): rows must read back exactly whatever the buffer size, mixed with the other lanes.
import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { existsSync } from 'node:fs'
import { ResultStore } from '../../../../src-main/platform/results/result-store'
import type { DelimitedRows } from '../../../../src-main/platform/results/result-types'

const cleanup: Array<() => void> = []
afterEach(() => {
  for (const c of cleanup.splice(0)) c()
})

function newStore(writeBufferBytes?: number): ResultStore {
  const s = new ResultStore(writeBufferBytes ? { writeBufferBytes } : {})
  cleanup.push(() => s.dispose())
  return s
}

/** Rows as a COMPACT reply carries them (one buffer, markup between rows) and the spans the scanner reports. */
function batch(rows: string[][], delimiter = '\t', compact = false): DelimitedRows {
  let text = '<RETS>\r\n'
  const spans: number[] = []
  for (const r of rows) {
    text += `<DATA>${delimiter}`
    spans.push(Buffer.byteLength(text))
    text += r.join(delimiter)
    spans.push(Buffer.byteLength(text))
    text += `${delimiter}</DATA>${compact ? '' : '\r\n'}`
  }
  return { bytes: Buffer.from(text, 'utf8'), spans, delimiter: delimiter.charCodeAt(0) }
}

const text = fc.string({ unit: fc.constantFrom('a', 'é', '漢', ' ', '"', '\n', '['), maxLength: 30 })
const row = fc.array(text, { minLength: 1, maxLength: 4 })

describe('ResultStore batch lane', () => {
  it('any batches, mixed with single rows, read back exactly for any write-buffer size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ batch: fc.array(row, { maxLength: 8 }), compact: fc.boolean() }),
            fc.record({ single: row })
          ),
          { maxLength: 12 }
        ),
        fc.integer({ min: 8, max: 400 }),
        async (parts, bufferBytes) => {
          const store = newStore(bufferBytes)
          const want: string[][] = []
          for (const p of parts) {
            if ('batch' in p) {
              store.appendDelimitedRows(batch(p.batch, '\t', p.compact))
              want.push(...p.batch)
            } else {
              store.append(p.single)
              want.push(p.single)
            }
          }
          expect(store.total).toBe(want.length)
          // a page read while rows are buffered and written in the background, then the finished store
          const half = Math.floor(want.length / 2)
          expect((await store.page(0, half)).rows).toEqual(want.slice(0, half))
          await store.finish()
          expect((await store.page(0, want.length)).rows).toEqual(want)
          for (let i = 0; i < want.length; i += 5) expect((await store.page(i, 1)).rows).toEqual([want[i]])
          store.dispose()
        }
      ),
      { numRuns: 200 }
    )
  })

  it('a delimiter the byte lane cannot carry falls back to JSON lines, row by row', async () => {
    const store = newStore()
    store.appendDelimitedRows(batch([['a', 'b'], ['c']], '['))
    store.appendDelimitedRows(batch([['x', '', 'y']], '|'))
    store.appendDelimitedRows({ bytes: Buffer.alloc(0), spans: [], delimiter: 9 })
    await store.finish()
    expect((await store.page(0, 5)).rows).toEqual([['a', 'b'], ['c'], ['x', '', 'y']])
  })

  it('batches larger than the write buffer, across many flushes, all read back; dispose removes the file', async () => {
    const store = newStore(64)
    const rows = Array.from({ length: 2000 }, (_, i) => [`${i}`, 'x'.repeat(i % 50)])
    for (let i = 0; i < rows.length; i += 10) store.appendDelimitedRows(batch(rows.slice(i, i + 10)))
    const dir = (store as unknown as { dir: string }).dir
    await store.finish()
    expect((await store.page(0, rows.length)).rows).toEqual(rows)
    store.dispose()
    expect(existsSync(dir)).toBe(false)
  })
})
