// The RESO Lookup resource is optional (issue #16 item 1): absent (reso-no-lookup) or refused, connect still
// succeeds, lookups come from the EDMX (EnumTypes, LookupName annotations), and the model says what is missing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { LogLine } from '../../../contract/event-channels'
import { degradedKey } from '../../../domain/metadata/metadata-model'
import { collectLog, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
let log: LogLine[] = []
beforeAll(async () => {
  h = await startHarness()
  log = collectLog(h)
})
afterAll(() => h.close())
afterEach(async () => {
  await h.call('session:disconnect', { profileId: 'demo-reso' })
  const ctx = h.workbench.demo!.server.ctx
  ctx.setQuirks([])
  ctx.setFaults({ unauthorizedNoChallenge: false, scope: '/' })
  await setLookupStyle('enum')
  log.length = 0
})

async function setLookupStyle(lookupStyle: 'enum' | 'string'): Promise<void> {
  const res = await fetch(`${h.workbench.demo!.server.url}/admin/web-api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lookupStyle })
  })
  expect(res.ok).toBe(true)
}

describe('RESO without a usable Lookup resource', () => {
  it('reso-no-lookup: connects; string lookups are named from LookupName annotations and the gap is said', async () => {
    h.workbench.demo!.server.ctx.setQuirks(['reso-no-lookup'])
    await setLookupStyle('string')
    await h.call('session:connect', { profileId: 'demo-reso' })
    const summary = await h.call('metadata:summary', { profileId: 'demo-reso' })
    expect(summary.resources.map((r) => r.name)).not.toContain('Lookup')
    expect(summary.resources.find((r) => r.name === 'Property')?.lookups.length).toBeGreaterThan(0)
    const part = summary.degraded?.find((d) => d.part === 'Lookup resource')
    expect(part?.message).toMatch(/^Lookups: the service has no Lookup resource — values from the EDMX EnumTypes/)
    expect(log.some((l) => l.level === 'warn' && l.message.includes('no Lookup resource'))).toBe(true)
  })

  it('reso-no-lookup with enum lookups: values come from the EDMX EnumTypes, nothing is missing', async () => {
    h.workbench.demo!.server.ctx.setQuirks(['reso-no-lookup'])
    await h.call('session:connect', { profileId: 'demo-reso' })
    const summary = await h.call('metadata:summary', { profileId: 'demo-reso' })
    const lookup = summary.resources.find((r) => r.name === 'Property')!.lookups[0]!
    const values = await h.call('metadata:lookup', {
      profileId: 'demo-reso',
      resource: 'Property',
      lookup: lookup.name
    })
    expect(values.length).toBeGreaterThan(0)
    expect(summary.degraded).toBeUndefined()
  })

  it('a Lookup resource listed in $metadata but refused: connect succeeds with a warning, Retry loads it', async () => {
    await setLookupStyle('string')
    h.workbench.demo!.server.ctx.setFaults({ unauthorizedNoChallenge: true, scope: '/Reso/OData/Lookup' })
    const info = await h.call('session:connect', { profileId: 'demo-reso' })
    expect(info.kind).toBe('reso')
    const summary = await h.call('metadata:summary', { profileId: 'demo-reso' })
    const part = summary.degraded?.find((d) => d.part === 'Lookup resource')
    expect(part?.message).toMatch(/^Lookups: server refused the Lookup resource \(.+\) — values from the EDMX/)
    expect(part?.detail).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/Reso\/OData\/Lookup\?\$count=true/)
    expect(part?.retry).toBe(true)

    h.workbench.demo!.server.ctx.setFaults({ unauthorizedNoChallenge: false })
    const retried = await h.call('metadata:retry', { profileId: 'demo-reso', key: degradedKey(part!) })
    expect(retried.degraded).toBeUndefined()
    const property = retried.resources.find((r) => r.name === 'Property')!
    const named = property.lookups[0]!
    const values = await h.call('metadata:lookup', { profileId: 'demo-reso', resource: 'Property', lookup: named.name })
    expect(values.length).toBeGreaterThan(0)
  })

  it('a refused $metadata names the request in the error and in the Log tab', async () => {
    h.workbench.demo!.server.ctx.setFaults({ unauthorizedNoChallenge: true, scope: '/Reso/OData/$metadata' })
    const err = await h.fail('session:connect', { profileId: 'demo-reso' })
    expect(err.message).toMatch(
      /^Loading \$metadata failed: .*\(GET http:\/\/127\.0\.0\.1:\d+\/Reso\/OData\/\$metadata\)$/
    )
    expect(log.some((l) => l.level === 'error' && l.message.includes('Loading $metadata failed'))).toBe(true)
  })
})
