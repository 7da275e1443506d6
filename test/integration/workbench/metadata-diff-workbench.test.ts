// The MLS changes its metadata: after a reconnect the app keeps both snapshots and says what changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('metadata changes between versions', () => {
  it('lists the kept snapshots and the field the server added', async () => {
    await h.call('session:connect', { profileId: 'demo-rets' })
    const before = await h.call('metadata:summary', { profileId: 'demo-rets' })
    // fields are compared where both snapshots have them: class A is loaded in each (B and C are not)
    await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'A' })
    // the MLS adds a field: a new MetadataVersion
    const res = await fetch(`${h.workbench.demo!.server.url}/admin/metadata/fields`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ resource: 'Property', systemName: 'LIST_900', standardName: 'GreenBuildingCertification' })
    })
    expect(res.status).toBe(201)
    await h.call('session:disconnect', { profileId: 'demo-rets' })
    await h.call('session:connect', { profileId: 'demo-rets' })
    const after = await h.call('metadata:summary', { profileId: 'demo-rets' })
    expect(after.system.version).not.toBe(before.system.version)
    await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'A' })

    const versions = await h.call('metadata:versions', { profileId: 'demo-rets' })
    expect(versions).toHaveLength(2)
    const diff = await h.call('metadata:diff', { profileId: 'demo-rets', from: versions[1]!.version })
    expect(diff.from.version).toBe(before.system.version)
    expect(diff.to.version).toBe(after.system.version)
    expect(diff.changes.filter((c) => c.level === 'field')).toEqual(
      expect.arrayContaining([{ kind: 'added', level: 'field', path: 'Property:A.LIST_900' }])
    )
    expect(diff.counts.removed).toBe(0)
    expect(diff.notCompared).toEqual(expect.arrayContaining(['fields of Property:B', 'fields of Property:C']))

    const missing = await h.fail('metadata:diff', { profileId: 'demo-rets', from: 'no-such-version' })
    expect(missing.code).toBe('METADATA_SNAPSHOT_MISSING')
  })
})
