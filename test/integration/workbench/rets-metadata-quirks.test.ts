// Optional RETS metadata parts never block (issue #16 item 1): the Demo MLS plays servers that refuse
// METADATA-LOOKUP (20501), METADATA-OBJECT (20503) or a class's TABLE, or name another class in a TABLE reply; the
// tree still loads, each degraded part is on the summary (the tree's warning), in the Log tab, and can be retried.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { LogLine } from '../../../contract/event-channels'
import { degradedKey } from '../../../domain/metadata/metadata-model'
import { collectLog, startHarness, type Harness } from '../../support/workbench-harness'
import type { QuirkName } from '../../../demo-mls/quirks/quirk-catalogue'

let h: Harness
let log: LogLine[] = []
beforeAll(async () => {
  h = await startHarness()
  log = collectLog(h)
})
afterAll(() => h.close())
afterEach(async () => {
  await h.call('session:disconnect', { profileId: 'demo-rets' })
  quirks([])
  log.length = 0
})

function quirks(names: QuirkName[]): void {
  h.workbench.demo!.server.ctx.setQuirks(names)
}

async function connectFresh(): Promise<void> {
  await h.call('session:connect', { profileId: 'demo-rets' })
  // a snapshot of the same metadata version would skip the download: ask the server
  await h.call('metadata:summary', { profileId: 'demo-rets', refresh: true })
}

describe('RETS metadata with optional parts refused', () => {
  it('loads the tree when METADATA-LOOKUP is refused; lookups come from the fields and LOOKUP_TYPE', async () => {
    quirks(['rets-no-metadata-lookup'])
    await connectFresh()
    const summary = await h.call('metadata:summary', { profileId: 'demo-rets' })
    const property = summary.resources.find((r) => r.name === 'Property')
    expect(property?.classes.map((c) => c.name)).toEqual(expect.arrayContaining(['A', 'B']))
    const warning = summary.degraded?.find((d) => d.part === 'METADATA-LOOKUP')
    expect(warning?.message).toMatch(
      /^Lookups: server refused METADATA-LOOKUP \(20501 Invalid Type.*\) — values from LOOKUP_TYPE/
    )
    expect(warning?.detail).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/rets\/GetMetadata\?Type=METADATA-LOOKUP&ID=0/)
    expect(log.some((l) => l.level === 'warn' && l.message.includes('METADATA-LOOKUP (20501'))).toBe(true)

    const fields = await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'A' })
    const status = fields.find((f) => f.systemName === 'LIST_15')
    expect(status?.lookupName).toBeTruthy()
    // the lookup is known now (named by the field) and its values load through METADATA-LOOKUP_TYPE
    const after = await h.call('metadata:summary', { profileId: 'demo-rets' })
    expect(after.resources.find((r) => r.name === 'Property')?.lookups.map((l) => l.name)).toContain(status!.lookupName)
    const values = await h.call('metadata:lookup', {
      profileId: 'demo-rets',
      resource: 'Property',
      lookup: status!.lookupName!
    })
    expect(values.length).toBeGreaterThan(0)
  })

  it('loads the tree when METADATA-OBJECT answers 20503, and a retry clears the warning once the server serves it', async () => {
    quirks(['rets-object-metadata-20503'])
    await connectFresh()
    const summary = await h.call('metadata:summary', { profileId: 'demo-rets' })
    expect(summary.resources.find((r) => r.name === 'Property')?.classes.length).toBeGreaterThan(0)
    const warning = summary.degraded?.find((d) => d.part === 'METADATA-OBJECT')
    expect(warning?.message).toMatch(/Object types: server refused METADATA-OBJECT \(20503 No Metadata Found\)/)
    expect(warning?.retry).toBe(true)

    quirks([])
    const retried = await h.call('metadata:retry', { profileId: 'demo-rets', key: degradedKey(warning!) })
    expect(retried.degraded?.some((d) => d.part === 'METADATA-OBJECT') ?? false).toBe(false)
    expect(retried.resources.find((r) => r.name === 'Property')?.objectTypes.map((o) => o.type)).toContain('Photo')
  })

  it('files a TABLE that names another class under the class asked for, with a warning naming both', async () => {
    quirks(['rets-table-other-class'])
    await connectFresh()
    const fields = await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'A' })
    expect(fields.map((f) => f.systemName)).toContain('LIST_15')
    const summary = await h.call('metadata:summary', { profileId: 'demo-rets' })
    const warning = summary.degraded?.find((d) => d.part === 'METADATA-TABLE' && d.class === 'A')
    expect(warning?.message).toMatch(
      /asked METADATA-TABLE for Property:A, the server answered Class="B" — filed under A/
    )
    // the other class is not filled with A's fields
    const other = await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'B' })
    expect(other.length).toBeGreaterThan(0)
  })

  it('a refused TABLE leaves only that class without fields; the failure names the request', async () => {
    await connectFresh()
    // a class the server does not know is refused with 20502 (as a server with a broken class would be)
    const model = (await h.workbench.sessions.model('demo-rets')).model
    model.resources.find((r) => r.name === 'Property')!.classes.push({ name: 'GONE', attrs: {} })
    const fields = await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'GONE' })
    expect(fields).toEqual([])
    const summary = await h.call('metadata:summary', { profileId: 'demo-rets' })
    const warning = summary.degraded?.find((d) => d.class === 'GONE')
    expect(warning?.message).toMatch(/^Fields: server refused METADATA-TABLE for Property:GONE \(20502 /)
    expect(warning?.detail).toMatch(/Loading METADATA-TABLE for Property:GONE failed: .*\(GET http.*ID=Property%3AGONE/)
    const ok = await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'A' })
    expect(ok.length).toBeGreaterThan(10)
  })

  it('Test connection lists refused optional parts as ⚠ (ok, with warnings), not as a failure', async () => {
    quirks(['rets-no-metadata-lookup', 'rets-object-metadata-20503'])
    const steps = await h.call('profiles:test', { profileId: 'demo-rets' })
    const metadata = steps.find((s) => s.step === 'metadata')
    expect(steps.every((s) => s.ok)).toBe(true)
    expect(metadata?.warnings).toEqual([
      expect.stringMatching(/^Object types: server refused METADATA-OBJECT \(20503/),
      expect.stringMatching(/^Lookups: server refused METADATA-LOOKUP \(20501/)
    ])
  })

  it('a connect failure is written to the Log tab with the request', async () => {
    h.workbench.demo!.server.ctx.setFaults({ unauthorizedNoChallenge: true })
    try {
      await h.fail('session:connect', { profileId: 'demo-rets' })
    } finally {
      h.workbench.demo!.server.ctx.setFaults({ unauthorizedNoChallenge: false })
    }
    const line = log.find((l) => l.level === 'error' && l.message.startsWith('Connecting demo-rets:'))
    expect(line?.message).toMatch(/Logging in failed: .*\(GET http:\/\/127\.0\.0\.1:\d+\/rets\/Login\)/)
  })
})
