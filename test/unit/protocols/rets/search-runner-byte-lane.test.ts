// Searches whose rows take the byte lane (plain COMPACT rows → ResultStore.appendDelimited) must give the same
// rows, counts and paging decisions as writers that only take values.
import { afterEach, describe, expect, it } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { eachDelimitedRow } from '../../../../src-main/platform/results/delimited-row'
import { fetchAll, searchPage } from '../../../../src-main/protocols/rets/search/search-runner'
import { splitDelimitedRow } from '../../../../src-main/platform/results/delimited-row'
import { ResultStore } from '../../../../src-main/platform/results/result-store'
import { CollectingResultWriter } from '../../../support/collecting-result-writer'

const ROWS = 25
const PAGE = 10
const LOGIN = '<RETS ReplyCode="0" ReplyText="OK">\n<RETS-RESPONSE>\nSearch=/rets/Search\n</RETS-RESPONSE>\n</RETS>\n'

/** Row i: plain ASCII, non-ASCII, a short row (padded), and one with an entity (decoded path). */
function rowLine(i: number): string {
  if (i % 5 === 0) return `<DATA>\tL${i}\tA &amp; B\t</DATA>`
  if (i % 5 === 1) return `<DATA>\tL${i}\t</DATA>`
  return `<DATA>\tL${i}\t${i % 2 ? 'Cañon City' : 'Boise'}\t</DATA>`
}

function expectedRow(i: number): string[] {
  if (i % 5 === 0) return [`L${i}`, 'A & B']
  if (i % 5 === 1) return [`L${i}`, '']
  return [`L${i}`, i % 2 ? 'Cañon City' : 'Boise']
}

let server: http.Server | undefined
afterEach(async () => {
  await new Promise((r) => server?.close(r))
  server = undefined
})

async function session(ignoreOffset: boolean): Promise<RetsSession> {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' })
    if (url.pathname === '/rets/Login') return res.end(LOGIN)
    const offset = ignoreOffset ? 1 : Number(url.searchParams.get('Offset') ?? 1)
    const n = Math.max(0, Math.min(PAGE, ROWS - offset + 1))
    const lines = Array.from({ length: n }, (_, k) => rowLine(offset + k))
    const more = offset - 1 + n < ROWS
    res.end(
      `<RETS ReplyCode="0" ReplyText="OK">\n<COUNT Records="${ROWS}"/>\n<DELIMITER value="09"/>\n` +
        `<COLUMNS>\tID\tCity\t</COLUMNS>\n${lines.join('\n')}\n${more ? '<MAXROWS/>\n' : ''}</RETS>\n`
    )
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  const s = new RetsSession(
    {
      loginUrl: `http://127.0.0.1:${port}/rets/Login`,
      username: 'u',
      password: 'p',
      userAgent: 'T/1',
      retsVersion: '1.7.2'
    },
    new HttpClient()
  )
  await s.login()
  return s
}

const params = {
  resource: 'Property',
  class: 'RE',
  query: '(ID=*)',
  format: 'COMPACT' as const,
  limit: 'NONE' as const
}

describe('fetchAll with the byte lane', () => {
  it('gives the store the same rows a values-only writer gets', async () => {
    const expected = Array.from({ length: ROWS }, (_, k) => expectedRow(k + 1))
    const store = new ResultStore()
    try {
      const viaBytes = await fetchAll(await session(false), params, store, { pageSize: PAGE })
      expect(viaBytes).toMatchObject({ rows: ROWS, pages: 3, serverCount: ROWS, maxRowsReached: false })
      expect((await store.page(0, 100)).rows).toEqual(expected)
    } finally {
      store.dispose()
    }
    await new Promise((r) => server?.close(r))
    const collecting = new CollectingResultWriter()
    const viaValues = await fetchAll(await session(false), params, collecting, { pageSize: PAGE })
    expect(viaValues.rows).toBe(ROWS)
    expect(collecting.rows).toEqual(expected)
  })

  it('a sink without delimitedRow gets every row as padded values', async () => {
    const rows: string[][] = []
    const page = await searchPage(
      await session(false),
      { ...params, limit: PAGE },
      {
        columns: () => undefined,
        row: (values) => rows.push(values)
      }
    )
    expect(page).toMatchObject({ rows: PAGE, maxRows: true, columns: ['ID', 'City'], firstRowKey: 'L1\u0001' })
    expect(rows).toEqual(Array.from({ length: PAGE }, (_, k) => expectedRow(k + 1)))
  })

  it('batches reach a sink that takes them; a sink with delimitedRow only gets the same rows one by one', async () => {
    const one: string[][] = []
    const batched: string[][] = []
    let batches = 0
    const width = 2
    const pageParams = { ...params, limit: PAGE }
    const single = await searchPage(await session(false), pageParams, {
      columns: () => undefined,
      row: (values) => one.push(values),
      delimitedRow: (r) => one.push(splitDelimitedRow(r, width))
    })
    await new Promise((r) => server?.close(r))
    const viaBatches = await searchPage(await session(false), pageParams, {
      columns: () => undefined,
      row: (values) => batched.push(values),
      delimitedRow: () => {
        throw new Error('rows of a batch arrive as the batch')
      },
      delimitedRows: (b) => {
        batches++
        eachDelimitedRow(b, (r) => batched.push(splitDelimitedRow(r, width)))
      }
    })
    const expected = Array.from({ length: PAGE }, (_, k) => expectedRow(k + 1))
    // a row with an entity comes as values between two batches: the order holds
    expect(one).toEqual(expected)
    expect(batched).toEqual(expected)
    expect(batches).toBeGreaterThan(0)
    expect(single).toMatchObject({ rows: PAGE, firstRowKey: 'L1\u0001' })
    expect(viaBatches).toMatchObject({ rows: PAGE, firstRowKey: 'L1\u0001' })
  })

  it('still notices a repeated first row (Offset ignored) when rows arrive as bytes', async () => {
    const store = new ResultStore()
    try {
      const summary = await fetchAll(await session(true), params, store, { pageSize: PAGE })
      expect(summary).toMatchObject({ rows: PAGE, pages: 2, offsetIgnored: true })
      expect((await store.page(0, 100)).rows).toEqual(Array.from({ length: PAGE }, (_, k) => expectedRow(k + 1)))
    } finally {
      store.dispose()
    }
  })
})
