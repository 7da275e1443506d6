// The sync engine into SQLite for RETS, RESO, Spark and the IDX API against the Demo MLS over real HTTP: the initial
// sync of 5,000 listings (IDX: the active ones, its feed) equals the server record by record; admin adds, updates
// and deletes are planned exactly and an incremental run brings the store equal again (deletes soft-recorded with
// the time seen, the high-water mark moved, the run logged); a sync killed with SIGKILL in a child process resumes
// from its last committed page and ends equal, without duplicates.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { CHANGES_DONE, planTarget, runTarget } from '../../../src-main/features/sync/sync-engine'
import { SqliteStore } from '../../../src-main/features/sync/sqlite-store'
import { tableNameFor } from '../../../src-main/features/sync/store-schema'
import type { SyncSource } from '../../../src-main/features/sync/sync-types'
import { HARNESSES, type SyncHarness } from './support/sync-harness'

// a pass is several thousand records over real HTTP; on a shared two-core machine that outlasts the 30 s default
const SLOW = 120_000

describe.each(Object.values(HARNESSES))('$protocol → SQLite sync', (harness: SyncHarness) => {
  let demo: DemoMls
  let dir: string

  beforeAll(async () => {
    demo = await startDemoMls({ listings: harness.listings })
    dir = mkdtempSync(path.join(os.tmpdir(), `mlswb-sync-${harness.protocol}-`))
  })
  afterAll(async () => {
    await demo?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function admin(method: string, pathname: string, body?: unknown): Promise<void> {
    const res = await fetch(`${demo.url}${pathname}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {})
    })
    expect(res.status, await res.text()).toBeLessThan(300)
  }

  /** The live rows of a target in the store equal the server's records, field by field; returns their number. */
  async function expectEqual(store: SqliteStore, source: SyncSource): Promise<number> {
    const shape = await source.shape()
    const server = await harness.serverRecords(demo.url, shape.target)
    const table = tableNameFor(shape.target)
    const local = await store.query(`SELECT "${shape.keyField}", _raw FROM "${table}" WHERE _deleted_at IS NULL`, 1e9)
    const mine = new Map(local.rows.map(([key, raw]) => [String(key), JSON.parse(String(raw)) as unknown]))
    expect(mine.size).toBe(server.size)
    for (const [key, record] of server) expect(mine.get(key), key).toEqual(record)
    return server.size
  }

  it(
    'initial sync of 5,000 listings, then adds / updates / deletes planned and synced incrementally',
    async () => {
      const store = new SqliteStore(path.join(dir, 'demo.sqlite'))
      const sources = harness.sources(demo.url, 1000)
      let total = 0
      for (const source of sources) {
        const before = await planTarget(source, store)
        expect(before.plan.updated.length + before.plan.deleted.length + before.plan.unchanged).toBe(0)
        const report = await runTarget(source, store)
        expect(report.status).toBe('done')
        expect(report.counts.new).toBe(before.plan.new.length)
        expect(report.highWaterMark).toMatch(/^\d{4}-\d{2}-\d{2}T/)
        total += await expectEqual(store, source)
      }
      expect(total).toBe(harness.inFeed?.(demo.ctx.data.listings()) ?? harness.listings)

      // mutations on the first target (RETS: class A, Residential): two adds (active, so the IDX feed has them
      // too), three updates, two deletes
      const source = sources[0]!
      const keys = [...(await harness.serverRecords(demo.url, (await source.shape()).target)).keys()].sort()
      for (let i = 0; i < 2; i++) {
        const listing = { PropertyType: 'Residential', StandardStatus: 'Active', ListPrice: 123456 + i }
        await admin('POST', '/admin/listings', listing)
      }
      for (const key of keys.slice(10, 13)) await admin('PATCH', `/admin/listings/${key}`, { ListPrice: 999000 })
      for (const key of keys.slice(20, 22)) await admin('DELETE', `/admin/listings/${key}`)

      const plan = await planTarget(source, store)
      expect([plan.plan.new.length, plan.plan.updated.length, plan.plan.deleted.length]).toEqual([2, 3, 2])
      expect(plan.plan.updated.sort()).toEqual(keys.slice(10, 13))
      expect(plan.plan.deleted.sort()).toEqual(keys.slice(20, 22))
      // the rest are unchanged: the server's listings before the mutations, less the updated and the deleted
      expect(plan.plan.unchanged).toBe(keys.length - 5)
      expect([plan.masterCount, plan.storeCount]).toEqual([keys.length - 2 + 2, keys.length])

      const hwmBefore = plan.highWaterMark!
      const report = await runTarget(source, store)
      expect(report.counts).toMatchObject({ new: 2, updated: 3, deleted: 2 })
      // incremental: only the changes and the overlap window are read again, not the table
      expect(report.counts.new + report.counts.updated + report.counts.unchanged).toBeLessThan(500)
      expect(report.since! < hwmBefore).toBe(true)
      expect(report.highWaterMark! > hwmBefore).toBe(true)
      await expectEqual(store, source)
      const { target, keyField } = await source.shape()
      const gone = await store.query(
        `SELECT "${keyField}", _deleted_at FROM "${tableNameFor(target)}" WHERE _deleted_at IS NOT NULL`,
        10
      )
      expect(gone.rows.map((r) => r[0]).sort()).toEqual(keys.slice(20, 22))
      expect(gone.rows.every((r) => typeof r[1] === 'string')).toBe(true)
      const [last] = await store.runs(10)
      expect(last).toMatchObject({ target, status: 'done', counts: { new: 2, updated: 3, deleted: 2 } })
      expect(last!.endedAt).toBeTruthy()
      const after = await planTarget(source, store)
      expect([after.plan.new.length, after.plan.updated.length, after.plan.deleted.length]).toEqual([0, 0, 0])
      expect(after.plan.unchanged).toBe(keys.length)
      await store.close()
    },
    SLOW
  )

  it(
    'kill -9 in the middle of a sync, then resume: equal to the server, no duplicates',
    async () => {
      const file = path.join(dir, 'killed.sqlite')
      // node itself with tsx as a loader: the tsx CLI would run the script in a grandchild that outlives the kill
      const script = path.join(__dirname, 'support/sync-child.ts')
      const child = spawn(process.execPath, ['--import', 'tsx', script, harness.protocol, demo.url, file], {
        stdio: ['ignore', 'pipe', 'inherit']
      })
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal))
      )
      let commits = 0
      for await (const line of createInterface({ input: child.stdout })) {
        if (line.startsWith('committed') && ++commits === 3) {
          child.kill('SIGKILL')
          break
        }
      }
      expect(await exited).toBe('SIGKILL')

      const store = new SqliteStore(file)
      const [killed] = await store.runs(1)
      expect(killed).toMatchObject({ status: 'running' })
      expect(killed!.cursor).not.toBe(CHANGES_DONE)
      const source = harness.sources(demo.url, 200)[0]!
      const table = tableNameFor((await source.shape()).target)
      const committed = Number((await store.query(`SELECT count(*) FROM "${table}"`, 1)).rows[0]![0])
      expect(committed).toBeGreaterThan(0)

      const report = await runTarget(source, store)
      expect(report).toMatchObject({ status: 'done', resumed: true, runId: killed!.id })
      const size = await expectEqual(store, source)
      const { keyField } = await source.shape()
      const counts = await store.query(`SELECT count(*), count(DISTINCT "${keyField}") FROM "${table}"`, 1)
      expect(counts.rows[0]).toEqual([size, size])
      // one run across both processes; resumed from the committed cursor, so no page was read twice
      expect(report.counts).toMatchObject({ new: size, unchanged: 0, updated: 0 })
      await store.close()
    },
    SLOW
  )
})
