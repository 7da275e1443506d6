import { describe, expect, it } from 'vitest'
import { ResultPages } from '../../../src-renderer/features/results/result-pages'
import { loadedView, isMasked, toTsv } from '../../../src-renderer/features/results/loaded-view'
import { call, useTransport } from '../../../src-renderer/api/client'
import { fakeApi } from './fake-api'

const TOTAL = 1_000_000

function million() {
  const api = fakeApi({
    'results:page': ({ offset, limit }) => {
      const rows: string[][] = []
      for (let i = offset; i < Math.min(TOTAL, offset + limit); i++) rows.push([`K${i}`, String(i % 7)])
      return { offset, rows, total: TOTAL, complete: true }
    }
  })
  useTransport(api)
  const pages = new ResultPages((offset, limit) => call('results:page', { resultId: 'r1', offset, limit }), {
    maxPages: 10
  })
  pages.setTotal(TOTAL, true)
  const requested = () => api.calls.map((c) => (c.args as { offset: number }).offset)
  return { api, pages, requested }
}

describe('results grid paging', () => {
  it('requests only the pages under the viewport, plus one ahead, each once', async () => {
    const { pages, requested } = million()
    await pages.ensure(0, 30)
    expect(requested()).toEqual([0, 200])
    await Promise.all([pages.ensure(10, 40), pages.ensure(20, 50)])
    expect(requested()).toEqual([0, 200]) // cached, no new calls
    expect(pages.row(199)).toEqual(['K199', String(199 % 7)])
    expect(pages.row(400)).toBeUndefined()
  })

  it('jumps to the end of a million rows without loading what lies between', async () => {
    const { pages, requested } = million()
    await pages.ensure(999_970, 1_000_000)
    expect(requested()).toEqual([999_800])
    expect(pages.row(999_999)).toEqual(['K999999', String(999_999 % 7)])
    expect(pages.loadedCount).toBe(200)
  })

  it('does not request a page twice while it is in flight', async () => {
    const { pages, requested } = million()
    const a = pages.ensure(5000, 5020, 0)
    const b = pages.ensure(5000, 5020, 0)
    await Promise.all([a, b])
    expect(requested()).toEqual([5000])
  })

  it('keeps memory bounded by evicting the least recently used pages', async () => {
    const { pages, requested } = million()
    for (let p = 0; p < 15; p++) await pages.ensure(p * 200, p * 200 + 10, 0)
    expect(pages.loadedCount).toBe(10 * 200)
    expect(pages.isLoaded(0)).toBe(false)
    expect(pages.isLoaded(14)).toBe(true)
    await pages.ensure(0, 10, 0)
    expect(requested().filter((o) => o === 0).length).toBe(2)
  })

  it('refetches a short last page when a running job reports more rows', async () => {
    let total = 250
    const api = fakeApi({
      'results:page': ({ offset, limit }) => {
        const rows = Array.from({ length: Math.max(0, Math.min(total, offset + limit) - offset) }, (_, k) => [
          `R${offset + k}`
        ])
        return { offset, rows, total, complete: false }
      }
    })
    useTransport(api)
    const pages = new ResultPages((offset, limit) => call('results:page', { resultId: 'r2', offset, limit }))
    pages.setTotal(250, false)
    await pages.ensure(200, 250)
    expect(pages.row(260)).toBeUndefined()
    total = 400
    pages.setTotal(400, false)
    await pages.ensure(200, 300)
    expect(pages.row(260)).toEqual(['R260'])
    expect(api.calls.map((c) => (c.args as { offset: number }).offset)).toEqual([200, 200])
  })
})

describe('sort and quick filter over loaded rows', () => {
  const rows = [
    { index: 0, row: ['A', '10', 'Fargo'] },
    { index: 1, row: ['B', '9', 'Moorhead'] },
    { index: 2, row: ['C', '100', 'fargo'] }
  ]
  it('filters case-insensitively on any cell and sorts numbers numerically', () => {
    expect(loadedView(rows, { filter: 'FARGO', sortColumn: null, sortDir: 'asc' })).toEqual([0, 2])
    expect(loadedView(rows, { filter: '', sortColumn: 1, sortDir: 'asc' })).toEqual([1, 0, 2])
    expect(loadedView(rows, { filter: '', sortColumn: 1, sortDir: 'desc' })).toEqual([2, 0, 1])
    expect(loadedView(rows, { filter: '', sortColumn: 2, sortDir: 'asc' })).toEqual([0, 2, 1])
  })
  it('copies rows as TSV and recognises masked values', () => {
    expect(toTsv(['a', 'b\tc', 'd\r\ne'])).toBe('a\tb c\td e')
    expect(isMasked('********')).toBe(true)
    expect(isMasked('*******')).toBe(false)
  })
})
