// `mlswb sync plan` names the records, not only their numbers: against a Demo MLS the test runs and changes through
// its admin API, --json lists the first PLAN_KEYS_LISTED keys of each changed bucket (exactly the changed records
// once the copy is synced) and the human output prints the first few per bucket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { syncOutputSchema } from '../../../contract/cli-output'
import { PLAN_KEYS_LISTED, type SyncReport } from '../../../contract/sync-channels'
import { addRetsProfile, cli, jsonOf, newUserData } from './cli-harness'

let mls: DemoMls
beforeAll(async () => {
  mls = await startDemoMls({ port: 0, listings: 500 })
})
afterAll(async () => {
  await mls.close()
})

const env = { MLSWB_SECRET_SYNC_MLS_PASSWORD: 'demo-pass', MLSWB_SECRET_SYNC_MLS_UA_PASSWORD: 'demo-ua-pass' }

async function admin(method: string, pathname: string, body?: unknown): Promise<{ ListingKey?: string }> {
  const res = await fetch(`${mls.url}${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {})
  })
  expect(res.status).toBeLessThan(300)
  return (await res.json()) as { ListingKey?: string }
}

function planOf(report: SyncReport): Extract<SyncReport, { action: 'plan' }> {
  if (report.action !== 'plan') throw new Error(`expected a plan report, got ${report.action}`)
  return report
}

// each step starts a CLI process (node + tsx): far slower than one call on a loaded machine
describe('CLI sync plan keys', { timeout: 240_000 }, () => {
  it('lists the first keys of each bucket: bounded on a first plan, exactly the changed records after a sync', async () => {
    const userData = newUserData()
    const id = await addRetsProfile(userData, mls.url, 'Sync MLS')
    const sync = (action: string, json = true) =>
      cli(['sync', action, id, '--resource', 'Property', '--class', 'A', ...(json ? ['--json'] : [])], {
        userData,
        demo: false,
        env
      })
    const residential = [...mls.ctx.data.listings()].filter((l) => l.PropertyType === 'Residential')
    const all = new Set(residential.map((l) => l.ListingKey))

    const first = await sync('plan')
    expect(first.code, first.err).toBe(0)
    const before = planOf(jsonOf(syncOutputSchema, first))
    expect(before.counts.new).toBe(all.size)
    expect(all.size).toBeGreaterThan(PLAN_KEYS_LISTED)
    expect(before.sample.new).toHaveLength(PLAN_KEYS_LISTED)
    expect(before.sample.new.every((k) => all.has(k))).toBe(true)

    // the human output: the first five, and how many more
    const firstHuman = (await sync('plan', false)).out.split('\n')
    expect(firstHuman[1]).toBe(`  new: ${before.sample.new.slice(0, 5).join(', ')} … and ${all.size - 5} more`)
    expect(firstHuman).toHaveLength(3)

    const run = await sync('run')
    expect(run.code, run.err).toBe(0)

    const keys = [...all].sort()
    const added = await admin('POST', '/admin/listings', { PropertyType: 'Residential', ListPrice: 123456 })
    for (const key of keys.slice(10, 13)) await admin('PATCH', `/admin/listings/${key}`, { ListPrice: 999000 })
    for (const key of keys.slice(20, 22)) await admin('DELETE', `/admin/listings/${key}`)

    const after = planOf(jsonOf(syncOutputSchema, await sync('plan')))
    expect(after.counts).toEqual({ new: 1, updated: 3, deleted: 2, unchanged: all.size - 5 })
    expect(after.sample.new).toEqual([added.ListingKey])
    expect([...after.sample.updated].sort()).toEqual(keys.slice(10, 13))
    expect([...after.sample.deleted].sort()).toEqual(keys.slice(20, 22))

    const human = await sync('plan', false)
    expect(human.code, human.err).toBe(0)
    const lines = human.out.trimEnd().split('\n')
    expect(lines[0]).toBe(`Property:A: 1 new, 3 updated, 2 deleted, ${all.size - 5} unchanged`)
    expect(lines.slice(1)).toEqual([
      `  new: ${added.ListingKey}`,
      `  updated: ${after.sample.updated.join(', ')}`,
      `  deleted: ${after.sample.deleted.join(', ')}`
    ])
  })
})
