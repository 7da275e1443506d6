import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ResultStore } from '../../../../src-main/platform/results/result-store'
import { ResultRegistry } from '../../../../src-main/platform/results/result-registry'

const cleanup: Array<() => void> = []
afterEach(() => {
  for (const c of cleanup.splice(0)) c()
})

function newStore(dir?: string) {
  const s = new ResultStore(dir ? { dir } : {})
  cleanup.push(() => s.dispose())
  return s
}

describe('ResultStore', () => {
  it('holds 1,000,000 rows with sane memory and reads any page exactly', async () => {
    const store = newStore()
    store.setColumns([{ name: 'ListingID' }, { name: 'Price' }, { name: 'City', lookupName: 'CITY' }])
    global.gc?.()
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < 1_000_000; i++) store.append([`L${i}`, String(100000 + i), i % 2 ? 'Chicago' : 'Zanesville'])
    const grown = process.memoryUsage().heapUsed - before
    // the index is 8 bytes/row; rows themselves live on disk
    expect(grown).toBeLessThan(120 * 1024 * 1024)
    await store.finish()
    const page = await store.page(999_990, 50)
    expect(page).toMatchObject({ offset: 999_990, total: 1_000_000, complete: true })
    expect(page.rows).toHaveLength(10)
    expect(page.rows[9]).toEqual(['L999999', '1099999', 'Chicago'])
    expect((await store.page(500_000, 2)).rows).toEqual([
      ['L500000', '600000', 'Zanesville'],
      ['L500001', '600001', 'Chicago']
    ])
    expect((await store.page(0, 1)).rows).toEqual([['L0', '100000', 'Zanesville']])
    expect((await store.page(2_000_000, 10)).rows).toEqual([])
  }, 60_000)

  it('pages while still appending; grown columns pad earlier rows', async () => {
    const store = newStore()
    store.setColumns([{ name: 'A' }])
    store.append(['1'])
    expect(await store.page(0, 10)).toEqual({ offset: 0, rows: [['1']], total: 1, complete: false })
    store.setColumns([{ name: 'A' }, { name: 'B' }])
    store.append(['2', 'x'])
    expect((await store.page(0, 10)).rows).toEqual([
      ['1', ''],
      ['2', 'x']
    ])
    store.setInfo({ serverCount: 9, maxRowsReached: true, pages: 1, warnings: ['w'] })
    expect(store.info).toEqual({ serverCount: 9, maxRowsReached: true, pages: 1, warnings: ['w'] })
  })

  it('exports CSV and JSON atomically from the store', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-export-'))
    const store = newStore()
    store.setColumns([{ name: 'ID' }, { name: 'Remarks' }])
    store.append(['1', 'Nice, "big" house'])
    store.append(['2', 'line1\nline2'])
    store.append(['3', ' padded '])
    store.append(['4', 'Núñez'])
    await store.finish()
    const csv = path.join(dir, 'out.csv')
    expect(await store.exportCsv(csv)).toBe(4)
    expect(readFileSync(csv, 'utf8')).toBe(
      'ID,Remarks\r\n1,"Nice, ""big"" house"\r\n2,"line1\nline2"\r\n3," padded "\r\n4,Núñez\r\n'
    )
    const json = path.join(dir, 'out.json')
    await store.exportJson(json)
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual([
      { ID: '1', Remarks: 'Nice, "big" house' },
      { ID: '2', Remarks: 'line1\nline2' },
      { ID: '3', Remarks: ' padded ' },
      { ID: '4', Remarks: 'Núñez' }
    ])
    expect(readdirSync(dir).sort()).toEqual(['out.csv', 'out.json'])
    const ac = new AbortController()
    ac.abort()
    await expect(store.exportCsv(path.join(dir, 'x.csv'), { signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError'
    })
    expect(readdirSync(dir).sort()).toEqual(['out.csv', 'out.json'])
  })

  it('writes full buffers behind the appends (reused, one grown for a long line) and reads back every row', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-behind-'))
    const store = new ResultStore({ dir, writeBufferBytes: 64 })
    cleanup.push(() => store.dispose())
    store.setColumns([{ name: 'N' }, { name: 'Text' }])
    const rows: string[][] = []
    for (let i = 0; i < 400; i++) {
      const row = [String(i), i === 123 ? 'long '.repeat(100) : `row ${i}`]
      rows.push(row)
      store.append(row)
      // let some writes finish between appends (the spare is refilled) and others not (written here instead)
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await store.finish()
    expect((await store.page(0, 1000)).rows).toEqual(rows)
    // a write still in flight when the store goes: its folder goes once the write is done
    store.append(['x', 'y'.repeat(200)])
    store.append(['z', 'w'])
    store.dispose()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(readdirSync(dir)).toEqual([])
  })

  it('a page asked for while a write is in flight holds the rows appended before it returns', async () => {
    const store = new ResultStore({ writeBufferBytes: 4096 })
    cleanup.push(() => store.dispose())
    store.setColumns([{ name: 'N' }])
    const rows = Array.from({ length: 40_000 }, (_, i) => [`row ${i}`])
    for (const row of rows.slice(0, 30_000)) store.append(row)
    const asked = store.page(0, 50_000)
    // appended while the page waits for the write in flight: in the page's total, so in the file when it reads
    for (const row of rows.slice(30_000)) store.append(row)
    const page = await asked
    expect(page.total).toBe(40_000)
    expect(page.rows).toEqual(rows)
  })

  it('queues full buffers behind the write in flight; room() holds a producer until the disk catches up', async () => {
    const store = new ResultStore({ writeBufferBytes: 64 })
    cleanup.push(() => store.dispose())
    store.setColumns([{ name: 'N' }])
    expect(store.room()).toBeUndefined()
    const rows = Array.from({ length: 3000 }, (_, i) => [`row ${String(i).padStart(5, '0')}`])
    let waits = 0
    for (let i = 0; i < rows.length; i++) {
      store.append(rows[i]!)
      // a producer that honours room(): it waits at its chunk edges (every 50 rows here) while a buffer queues
      if (i % 50 === 49) {
        const wait = store.room()
        if (wait) {
          waits++
          await wait
        }
      }
    }
    // appended without waiting, the queue fills to its limit and the rest is written here: order is kept either way
    for (let i = 0; i < 200; i++) store.append([`late ${i}`])
    expect(waits).toBeGreaterThan(0)
    await store.finish()
    expect(store.room()).toBeUndefined()
    expect((await store.page(0, 5000)).rows).toEqual([...rows, ...Array.from({ length: 200 }, (_, i) => [`late ${i}`])])
  })

  it('dispose removes the spill file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-store-'))
    const store = new ResultStore({ dir })
    store.append(['a'])
    await store.finish()
    expect(readdirSync(dir)).toHaveLength(1)
    store.dispose()
    expect(readdirSync(dir)).toHaveLength(0)
    await expect(store.page(0, 1)).rejects.toThrow(/disposed/)
  })
})

describe('ResultRegistry', () => {
  it('pages by id and disposes', async () => {
    const reg = new ResultRegistry()
    cleanup.push(() => reg.disposeAll())
    const a = reg.create()
    a.setColumns([{ name: 'X' }])
    a.append(['1'])
    await a.finish()
    expect(await reg.page(a.id, 0, 10)).toMatchObject({ rows: [['1']], total: 1, complete: true })
    expect(reg.ids()).toEqual([a.id])
    expect(reg.dispose(a.id)).toBe(true)
    await expect(reg.page(a.id, 0, 10)).rejects.toMatchObject({ code: 'RESULT_NOT_FOUND' })
  })
})
