// The PostgreSQL path against a real server the test starts (Debian's postgresql: initdb in a temp folder, a unix
// socket, see test/support/postgres-server.ts): the generated PostgreSQL DDL executes with its CHECK and lookup-table
// constraints biting; a RETS sync of 5,000 listings, admin mutations and an incremental run leave the store equal to
// the server; a cancelled run resumes from its last committed batch. Skipped, with the reason, without PostgreSQL.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { createTableDdl } from '../../../domain/sql/ddl-from-metadata'
import { PostgresStore } from '../../../src-main/features/sync/postgres-store'
import { planTarget, runTarget } from '../../../src-main/features/sync/sync-engine'
import { startPostgres, type PostgresServer } from '../../support/postgres-server'
import { HARNESSES } from './support/sync-harness'
import { expectMasterDiffPlan } from '../../support/master-diff-case'

const server = startPostgres()
const unavailable = 'unavailable' in server ? server.unavailable : undefined
if (unavailable) console.warn(`PostgreSQL tests skipped: ${unavailable}`)
const pgServer = server as PostgresServer
const harness = HARNESSES.rets

describe.skipIf(unavailable !== undefined)('PostgreSQL store', () => {
  let demo: DemoMls
  beforeAll(async () => {
    demo = await startDemoMls({ listings: 5000 })
  })
  afterAll(async () => {
    await demo?.close()
    pgServer.stop?.()
  })

  async function storeInNewDatabase(name: string): Promise<PostgresStore> {
    const client = new pg.Client({ connectionString: pgServer.url })
    await client.connect()
    await client.query(`CREATE DATABASE ${name}`)
    await client.end()
    return new PostgresStore(pgServer.url.replace('/postgres?', `/${name}?`), 'postgres (test)')
  }

  async function expectEqual(store: PostgresStore, target: string, table: string): Promise<number> {
    const records = await harness.serverRecords(demo.url, target)
    const local = await store.query(`SELECT "LIST_1", _raw FROM "${table}" WHERE _deleted_at IS NULL`, 1e9)
    expect(local.rows.length).toBe(records.size)
    const mine = new Map(local.rows.map(([k, raw]) => [String(k), raw]))
    for (const [key, record] of records) expect(mine.get(key), key).toEqual(record)
    return records.size
  }

  it('executes the PostgreSQL DDL of a class with CHECK lookups and lookup tables', async () => {
    const [source] = harness.sources(demo.url, 1000)
    const shape = await source!.shape()
    const client = new pg.Client({ connectionString: pgServer.url })
    await client.connect()
    try {
      for (const lookups of ['check', 'table'] as const) {
        const table = `ddl_${lookups}`
        const ddl = createTableDdl({
          dialect: 'postgres',
          table,
          fields: shape.fields,
          keyField: shape.keyField,
          lookups,
          lookupValues: () => [{ value: 'A', longValue: 'Active', attrs: {} }]
        })
        for (const sql of ddl.statements) await client.query(sql)
        const lookupColumn = shape.fields.find((f) => f.lookupName && !/multi/i.test(f.interpretation ?? ''))!
        await client.query(`INSERT INTO "${table}" ("LIST_1", "${lookupColumn.systemName}") VALUES ('k1', 'A')`)
        await expect(
          client.query(`INSERT INTO "${table}" ("LIST_1", "${lookupColumn.systemName}") VALUES ('k2', 'Z')`)
        ).rejects.toThrow(lookups === 'check' ? /check constraint/ : /foreign key/)
      }
    } finally {
      await client.end()
    }
  })

  it('syncs 5,000 listings, then adds / updates / deletes incrementally, equal to the server', async () => {
    const store = new PostgresStore(pgServer.url, 'postgres (test)')
    const sources = harness.sources(demo.url, 1000)
    let total = 0
    for (const source of sources) {
      const report = await runTarget(source, store)
      expect(report.status).toBe('done')
      const { target } = await source.shape()
      total += await expectEqual(store, target, target.replace(':', '_'))
    }
    expect(total).toBe(5000)
    const keys = [...(await harness.serverRecords(demo.url, 'Property:A')).keys()].sort()
    const admin = (method: string, p: string, body?: unknown) =>
      fetch(`${demo.url}${p}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {})
      })
    await admin('POST', '/admin/listings', { PropertyType: 'Residential' })
    await admin('PATCH', `/admin/listings/${keys[5]}`, { ListPrice: 777000 })
    await admin('DELETE', `/admin/listings/${keys[6]}`)
    const plan = await planTarget(sources[0]!, store)
    expect([plan.plan.new.length, plan.plan.updated.length, plan.plan.deleted.length]).toEqual([1, 1, 1])
    const report = await runTarget(sources[0]!, store)
    expect(report.counts).toMatchObject({ new: 1, updated: 1, deleted: 1 })
    await expectEqual(store, 'Property:A', 'Property_A')
    const typed = await store.query(`SELECT "LIST_22" FROM "Property_A" WHERE "LIST_1" = '${keys[5]}'`, 1)
    expect(Number(typed.rows[0]![0])).toBe(777000)
    await expect(store.query('DELETE FROM "Property_A"', 1)).rejects.toThrow(/read-only/)
    await store.close()
  })

  it('compares the master list in the database, on a connection of its own', async () => {
    const store = await storeInNewDatabase('masterdiff')
    await expectMasterDiffPlan(store)
    // the temporary table went with the comparison; the pool's one connection is free again
    expect((await store.query(`SELECT count(*) FROM pg_tables WHERE tablename LIKE 'sync_master_%'`, 1)).rows).toEqual([
      ['0']
    ])
    await store.close()
  })

  it('a cancelled run resumes from its last committed batch', async () => {
    // a database of its own: this run starts from an empty copy
    const store = await storeInNewDatabase('resume')
    const source = harness.sources(demo.url, 100)[1]!
    const abort = new AbortController()
    let commits = 0
    await expect(
      runTarget(source, store, { signal: abort.signal, onCommit: () => ++commits === 2 && abort.abort() })
    ).rejects.toThrow(/cancelled/)
    expect((await store.runs(1))[0]).toMatchObject({ status: 'cancelled', target: 'Property:B' })
    const report = await runTarget(source, store)
    expect(report).toMatchObject({ status: 'done', resumed: true })
    const size = await expectEqual(store, 'Property:B', 'Property_B')
    expect(report.counts).toMatchObject({ new: size, unchanged: 0 })
    await store.close()
  })
})
