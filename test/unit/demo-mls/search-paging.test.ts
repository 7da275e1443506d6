// The Demo MLS pages a result set like a server with an index: a page that ends where the next request of the same
// set starts is resumed instead of re-testing every row before the Offset. The pages must be the same either way,
// and a request for another set, another offset or an ignored Offset must start over.
import { describe, expect, it } from 'vitest'
import { openPage } from '../../../demo-mls/rets/search/search-paging'

function source(n: number): { rows: () => Iterable<number>; tested: () => number; test: (r: number) => boolean } {
  let tested = 0
  return {
    rows: () => Array.from({ length: n }, (_, i) => i),
    tested: () => tested,
    test: (r) => {
      tested++
      return r % 3 !== 0
    }
  }
}

function page(src: ReturnType<typeof source>, offset: number, limit: number, resumeKey?: string) {
  const cursor = openPage(src.rows(), src.test, { offset, limit, cap: 1000, ...(resumeKey ? { resumeKey } : {}) })
  const rows = cursor.first === undefined ? [] : [cursor.first, ...cursor.rest()]
  return { rows, more: cursor.more() }
}

describe('Demo MLS paging', () => {
  it('resumes the next page of the same result set without re-testing the rows before it', () => {
    const plain = source(300)
    const expected = [1, 81, 161].map((offset) => page(plain, offset, 80))
    const indexed = source(300)
    const got = [1, 81, 161].map((offset) => page(indexed, offset, 80, 'set-a'))
    expect(got).toEqual(expected)
    expect(got.map((p) => [p.rows.length, p.more])).toEqual([
      [80, true],
      [80, true],
      [40, false]
    ])
    // each row tested once (plus the look-ahead), where offset paging re-tests every earlier row per page
    expect(indexed.tested()).toBe(300)
    expect(plain.tested()).toBeGreaterThan(500)
  })

  it('starts over for another set, another offset, or the same first page again (Offset ignored)', () => {
    const src = source(300)
    page(src, 1, 50, 'set-b')
    const before = src.tested()
    expect(page(src, 51, 50, 'set-c').rows[0]).toBe(76) // another set: skips 50 matches from the start
    expect(src.tested() - before).toBeGreaterThan(75)
    page(src, 1, 50, 'set-d')
    expect(page(src, 1, 50, 'set-d').rows[0]).toBe(1)
    expect(page(src, 61, 10, 'set-d').rows[0]).toBe(page(source(300), 61, 10).rows[0])
  })
})
