// The sync engine with the RETS source into SQLite against the Demo MLS over real HTTP: the initial sync of 5,000
// listings equals the server row by row; admin adds, updates and deletes are planned exactly and an incremental
// run brings the store equal again (deletes soft-recorded, the high-water mark moved, the run logged); a sync
// killed with SIGKILL in a child process resumes from its last committed page and ends equal, without duplicates.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { CHANGES_DONE, planTarget, runTarget } from '../../../src-main/features/sync/sync-engine'
import { SqliteStore } from '../../../src-main/features/sync/sqlite-store'
import { PROPERTY_CLASSES, retsSources, serverRows } from './support/rets-sync-setup'

let demo: DemoMls
let dir: string

beforeAll(async () => {
  demo = await startDemoMls({ listings: 5000 })
  dir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-sync-'))
})
afterAll(async () => {
  await demo?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function admin(method: string, pathname: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${demo.url}${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {})
  })
  expect(res.status, await res.clone().text()).toBeLessThan(300)
  return (await res.json()) as Record<string, unknown>
}

/** The live rows of a class in the store equal the server's, column by column. */
async function expectEqual(
  store: SqliteStore,
  session: Parameters<typeof serverRows>[0],
  cls: string
): Promise<number> {
  const server = await serverRows(session, cls)
  const local = await store.query(`SELECT LIST_1, _raw FROM Property_${cls} WHERE _deleted_at IS NULL`, 1e9)
  const mine = new Map(local.rows.map(([key, raw]) => [String(key), JSON.parse(String(raw)) as unknown]))
  expect(mine.size).toBe(server.size)
  for (const [key, record] of server) expect(mine.get(key), key).toEqual(record)
  return server.size
}

describe('RETS → SQLite sync', () => {
  it('initial sync of 5,000 listings, then adds / updates / deletes planned and synced incrementally', async () => {
    const store = new SqliteStore(path.join(dir, 'demo.sqlite'))
    const { session, sources } = retsSources(demo.url)
    let total = 0
    for (const source of sources) {
      const before = await planTarget(source, store)
      expect(before.plan.updated.length + before.plan.deleted.length + before.plan.unchanged.length).toBe(0)
      const report = await runTarget(source, store)
      expect(report.status).toBe('done')
      expect(report.counts.new).toBe(before.plan.new.length)
      expect(report.highWaterMark).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    }
    for (const cls of PROPERTY_CLASSES) total += await expectEqual(store, session, cls)
    expect(total).toBe(5000)

    // mutations on class A (Residential): two adds, three updates, two deletes
    const keysA = [...(await serverRows(session, 'A')).keys()]
    for (let i = 0; i < 2; i++)
      await admin('POST', '/admin/listings', { PropertyType: 'Residential', ListPrice: 123456 + i })
    for (const key of keysA.slice(10, 13)) await admin('PATCH', `/admin/listings/${key}`, { ListPrice: 999000 })
    for (const key of keysA.slice(20, 22)) await admin('DELETE', `/admin/listings/${key}`)

    const source = sources[0]!
    const plan = await planTarget(source, store)
    expect([plan.plan.new.length, plan.plan.updated.length, plan.plan.deleted.length]).toEqual([2, 3, 2])
    expect(plan.plan.updated.sort()).toEqual(keysA.slice(10, 13).sort())
    expect(plan.plan.deleted.sort()).toEqual(keysA.slice(20, 22).sort())

    const hwmBefore = plan.highWaterMark!
    const report = await runTarget(source, store)
    expect(report.counts).toMatchObject({ new: 2, updated: 3, deleted: 2 })
    // incremental: only records inside the overlap window are read again, not the table
    expect(report.counts.new + report.counts.updated + report.counts.unchanged).toBeLessThan(500)
    expect(report.since! < hwmBefore).toBe(true)
    expect(report.highWaterMark! > hwmBefore).toBe(true)
    await expectEqual(store, session, 'A')
    const gone = await store.query(
      `SELECT LIST_1, _deleted_at FROM Property_A WHERE _deleted_at IS NOT NULL ORDER BY LIST_1`,
      10
    )
    expect(gone.rows.map((r) => r[0])).toEqual(keysA.slice(20, 22).sort())
    const runs = await store.runs(10)
    expect(runs[0]).toMatchObject({ target: 'Property:A', status: 'done', counts: { new: 2, updated: 3, deleted: 2 } })
    expect(runs.every((r) => r.endedAt)).toBe(true)
    // a plan right after the run finds nothing to do
    const after = await planTarget(source, store)
    expect([after.plan.new.length, after.plan.updated.length, after.plan.deleted.length]).toEqual([0, 0, 0])
    await store.close()
  })

  it('kill -9 in the middle of a sync, then resume: equal to the server, no duplicates', async () => {
    const file = path.join(dir, 'killed.sqlite')
    // node itself with tsx as a loader: the tsx CLI would run the script in a grandchild that outlives the kill
    const script = path.join(__dirname, 'support/sync-child.ts')
    const child = spawn(process.execPath, ['--import', 'tsx', script, demo.url, file], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
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
    expect(killed).toMatchObject({ status: 'running', target: 'Property:A' })
    expect(killed!.cursor).not.toBe(CHANGES_DONE)
    const committedBefore = Number((await store.query('SELECT count(*) FROM Property_A', 1)).rows[0]![0])
    expect(committedBefore).toBeGreaterThan(0)

    const { session, sources } = retsSources(demo.url, 200)
    const report = await runTarget(sources[0]!, store)
    expect(report).toMatchObject({ status: 'done', resumed: true, runId: killed!.id })
    const size = await expectEqual(store, session, 'A')
    const rows = await store.query('SELECT count(*), count(DISTINCT LIST_1) FROM Property_A', 1)
    expect(rows.rows[0]).toEqual([size, size])
    // resumed from the committed cursor: the pages before it were not read again
    expect(report.counts.new + report.counts.updated + report.counts.unchanged).toBeLessThanOrEqual(size)
    await store.close()
  })
})
