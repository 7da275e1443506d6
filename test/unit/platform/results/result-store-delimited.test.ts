// The store's byte lane (appendDelimited: COMPACT rows copied undecoded) and its reused write buffer, mixed with
// JSON rows: every row must read back, page and export exactly, across buffer flushes and oversized lines.
import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ResultStore } from '../../../../src-main/platform/results/result-store'
import type { DelimitedRow } from '../../../../src-main/platform/results/result-types'

const cleanup: Array<() => void> = []
afterEach(() => {
  for (const c of cleanup.splice(0)) c()
})

function newStore(writeBufferBytes?: number) {
  const s = new ResultStore(writeBufferBytes ? { writeBufferBytes } : {})
  cleanup.push(() => s.dispose())
  return s
}

/** A row as the scanner hands it over: inside a larger buffer, with markup around it. */
function delimited(values: string[], delimiter = '\t'): DelimitedRow {
  const text = values.join(delimiter)
  const bytes = Buffer.from(`<DATA>${delimiter}${text}${delimiter}</DATA>`, 'utf8')
  const start = '<DATA>'.length + 1
  return { bytes, start, end: start + Buffer.byteLength(text), delimiter: delimiter.charCodeAt(0) }
}

describe('ResultStore byte lane', () => {
  it('reads delimited rows back as values, padded, mixed with JSON rows', async () => {
    const store = newStore()
    store.setColumns([{ name: 'A' }, { name: 'B' }, { name: 'C' }])
    store.appendDelimited(delimited(['1', 'Núñez 漢字', '']))
    store.append(['2', 'json "row"', 'x'])
    store.appendDelimited(delimited(['3', 'line1\nline2', 'a[b]']))
    store.appendDelimited(delimited(['4']))
    store.appendDelimited(delimited(['', '', ''], '|'))
    store.appendDelimited(delimited(['[x', 'y'], ','))
    await store.finish()
    expect((await store.page(0, 10)).rows).toEqual([
      ['1', 'Núñez 漢字', ''],
      ['2', 'json "row"', 'x'],
      ['3', 'line1\nline2', 'a[b]'],
      ['4', '', ''],
      ['', '', ''],
      ['[x', 'y', '']
    ])
    expect((await store.page(2, 1)).rows).toEqual([['3', 'line1\nline2', 'a[b]']])
    expect(store.total).toBe(6)
  })

  it('a `[` delimiter (the JSON line marker) is stored as a JSON row', async () => {
    const store = newStore()
    store.appendDelimited(delimited(['a', 'b', ''], '['))
    store.appendDelimited(delimited(['c'], '|'))
    expect((await store.page(0, 5)).rows).toEqual([['a', 'b', ''], ['c']])
  })

  it('any mix of rows survives any write-buffer size, including lines longer than the buffer', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '漢', ' ', '"', '\n', '\\'), maxLength: 40 })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ values: fc.array(text, { minLength: 1, maxLength: 4 }), bytes: fc.boolean() }), {
          maxLength: 30
        }),
        fc.integer({ min: 8, max: 200 }),
        async (rows, bufferBytes) => {
          const store = newStore(bufferBytes)
          for (const r of rows) {
            if (r.bytes) store.appendDelimited(delimited(r.values))
            else store.append(r.values)
          }
          const half = Math.floor(rows.length / 2)
          // a page read mid-way flushes; later appends must continue the same file
          expect((await store.page(0, half)).rows).toEqual(rows.slice(0, half).map((r) => r.values))
          await store.finish()
          expect((await store.page(0, rows.length)).rows).toEqual(rows.map((r) => r.values))
          for (let i = 0; i < rows.length; i += 7) expect((await store.page(i, 1)).rows).toEqual([rows[i]!.values])
          store.dispose()
        }
      ),
      { numRuns: 150 }
    )
  })

  it('exports delimited rows like any other', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-export-'))
    const store = newStore()
    store.setColumns([{ name: 'ID' }, { name: 'City' }])
    store.appendDelimited(delimited(['1', 'Cañon City']))
    store.appendDelimited(delimited(['2', 'Boise, ID']))
    await store.finish()
    const csv = path.join(dir, 'out.csv')
    expect(await store.exportCsv(csv)).toBe(2)
    expect(readFileSync(csv, 'utf8')).toBe('ID,City\r\n1,Cañon City\r\n2,"Boise, ID"\r\n')
  })

  it('append() writes plain rows as US-delimited lines and only the rest as JSON, all reading back exactly', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-lane-'))
    const store = new ResultStore({ dir })
    cleanup.push(() => store.dispose())
    const rows = [
      ['1', 'a "quoted" \\ value', '[{"MediaKey":"k"}]', ''],
      ['2', 'unit\u001fseparator', 'x'],
      ['3', 'lone \ud800 surrogate'],
      [],
      ['4', 'pair 😀 and tab\t and\nbreak'],
      ['']
    ]
    for (const r of rows) store.append(r)
    await store.finish()
    expect((await store.page(0, 10)).rows).toEqual(rows)
    const spill = readFileSync(path.join(dir, readdirSync(dir)[0]!, 'rows.jsonl'))
    const text = spill.toString('utf8')
    expect(text.startsWith('\u001f1\u001fa "quoted" \\ value\u001f[{"MediaKey":"k"}]\u001f\n')).toBe(true)
    expect(text).toContain('["2","unit\\u001fseparator","x"]\n')
    expect(text).toContain('["3","lone \\ud800 surrogate"]\n[]\n["4","pair 😀 and tab\\t and\\nbreak"]\n')
    expect(text.endsWith('\u001f\n')).toBe(true)
  })
})
