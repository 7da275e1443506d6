// Spark metadata parts are optional (issue #16 item 1): with /standardfields answering 404 (spark-no-standardfields)
// the connection opens, listings query, and the missing part is a degraded part with Retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { degradedKey } from '../../../domain/metadata/metadata-model'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('Spark without /standardfields', () => {
  it('connects, queries, shows the refusal, and a retry loads the fields once the server serves them', async () => {
    h.workbench.demo!.server.ctx.setQuirks(['spark-no-standardfields'])
    await h.call('session:connect', { profileId: 'demo-spark' })
    const summary = await h.call('metadata:summary', { profileId: 'demo-spark' })
    const part = summary.degraded?.find((d) => d.part === '/standardfields')
    expect(part?.message).toMatch(
      /^Standard fields: server refused \/standardfields \(.*\) — no field list; queries still run/
    )
    expect(part?.detail).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/standardfields/)

    const { jobId, resultId } = await h.call('query:run', {
      profileId: 'demo-spark',
      spec: {
        kind: 'spark',
        filter: "PropertyType Eq 'RES'",
        select: ['ListingKey', 'City'],
        fetchAll: false,
        limit: 5
      }
    })
    expect(await settle(h, jobId)).toBe('done')
    expect((await h.call('results:summary', { resultId })).total).toBeGreaterThan(0)

    h.workbench.demo!.server.ctx.setQuirks([])
    const retried = await h.call('metadata:retry', { profileId: 'demo-spark', key: degradedKey(part!) })
    expect(retried.degraded).toBeUndefined()
    const fields = await h.call('metadata:fields', {
      profileId: 'demo-spark',
      resource: 'Property',
      class: 'StandardFields'
    })
    expect(fields.length).toBeGreaterThan(10)
  })
})
