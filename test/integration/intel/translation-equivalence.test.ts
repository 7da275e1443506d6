// The 40-query equivalence suite: each DMQL2 query runs on the Demo MLS's RETS side, its OData translation (through
// the RETS → RESO map of the two built-in profiles) on its RESO side, and both must return the same listing keys —
// the Demo MLS serves the same listings both ways. Real HTTP, through the workbench's own channels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

// RETS class A holds the Residential listings; the RESO Property entity holds every class, so the translation adds
// the map's class condition (class A is named like the PropertyType value Residential).
const MAP = {
  retsProfileId: 'demo-rets',
  resource: 'Property',
  class: 'A',
  resoProfileId: 'demo-reso',
  entity: 'Property'
}

export const EQUIVALENCE_QUERIES = [
  '(LIST_22=250000-500000)',
  '(LIST_22=400000+)',
  '(LIST_22=200000-)',
  '(ListPrice=300000+),(BedroomsTotal=3-)',
  '(LIST_66=3)',
  '(LIST_66=2,4)',
  '(LIST_66=4+),(LIST_67=3+)',
  '(LIST_53=1990-2005)',
  '(LIST_15=|OV61GOJ13C0)',
  '(LIST_15=|OV61GOJ13C0,OV61GOJ13C2)',
  '(LIST_15=~OV61GOJ13C3)',
  '(LIST_15=~OV61GOJ13C0,OV61GOJ13C3,OV61GOJ13C4)',
  '(LIST_9=|CND,TWN)',
  '(LIST_200=|DW)',
  '(LIST_200=|DW,MW)',
  '(LIST_200=+DW,REF)',
  '(LIST_200=~WASH)',
  '(LIST_201=|HW),(LIST_200=|RANGE)',
  '(LIST_200=.EMPTY.)',
  '(LIST_39=Fargo)',
  '(LIST_39=Fargo,Boise)',
  '(LIST_39=Ma*)',
  '(LIST_39=*son)',
  '(LIST_39=*ar*)',
  '(LIST_34=Oak)',
  '(LIST_43=58102)',
  '(LIST_40=ND),(LIST_22=300000+)',
  '(LIST_12=.EMPTY.)',
  '(LIST_12=.ANY.)',
  '(LIST_23=.ANY.),(LIST_23=250000+)',
  '(LIST_10=2025-01-01+)',
  '(LIST_10=2024-06-01-2025-06-30)',
  '(LIST_87=2025-06-01+)',
  '(LIST_87=2025-01-01-2025-12-31)',
  '(LIST_87=.NOW.-)',
  '(LIST_10=.TODAY.-)',
  '(LIST_66=3)|(LIST_39=Boise)',
  '((LIST_66=3)|(LIST_66=4)),(LIST_15=|OV61GOJ13C0)',
  '~(LIST_39=Fargo),(LIST_22=350000-)',
  'NOT ((LIST_40=ND)|(LIST_40=MN)),(LIST_137=30+)'
]

let h: Harness
beforeAll(async () => {
  h = await startHarness()
  await h.call('session:connect', { profileId: 'demo-rets' })
  await h.call('session:connect', { profileId: 'demo-reso' })
})
afterAll(() => h.close())

async function keysOf(resultId: string, column: string): Promise<string[]> {
  const summary = await h.call('results:summary', { resultId })
  const index = summary.columns.findIndex((c) => c.name === column)
  const keys: string[] = []
  for (let offset = 0; offset < summary.total; offset += 1000) {
    const page = await h.call('results:page', { resultId, offset, limit: 1000 })
    keys.push(...page.rows.map((r) => String(r[index])))
  }
  return keys.sort()
}

/** Queries written with StandardNames run with StandardNames=1 (RETS 1.7.2 §7.4.4). */
async function retsKeys(query: string): Promise<string[]> {
  const standardNames = !query.includes('LIST_')
  const key = standardNames ? 'ListingKey' : 'LIST_1'
  const { jobId, resultId } = await h.call('query:run', {
    profileId: 'demo-rets',
    spec: {
      kind: 'dmql',
      resource: 'Property',
      class: 'A',
      query,
      format: 'COMPACT',
      select: [key],
      count: 0,
      standardNames,
      fetchAll: true
    }
  })
  const state = await settle(h, jobId)
  expect(state, JSON.stringify(h.workbench.jobs.list().find((j) => j.jobId === jobId)?.error)).toBe('done')
  return keysOf(resultId, key)
}

async function resoKeys(filter: string): Promise<string[]> {
  const { jobId, resultId } = await h.call('query:run', {
    profileId: 'demo-reso',
    spec: { kind: 'odata', resource: 'Property', filter, select: ['ListingKey'], count: false, fetchAll: true }
  })
  expect(await settle(h, jobId)).toBe('done')
  return keysOf(resultId, 'ListingKey')
}

describe('DMQL2 → OData equivalence on the Demo MLS', () => {
  it('has forty queries', () => expect(EQUIVALENCE_QUERIES).toHaveLength(40))

  const sizes: number[] = []
  it.each(EQUIVALENCE_QUERIES)('%s', async (dmql) => {
    const translated = await h.call('intel:translate', { ...MAP, from: 'dmql', text: dmql })
    expect(translated.diagnostics).toEqual([])
    expect(translated.text).toMatch(/\) and PropertyType eq org\.reso\.metadata\.enums\.PropertyType'Residential'$/)
    const rets = await retsKeys(dmql)
    const reso = await resoKeys(translated.text!)
    expect(reso).toEqual(rets)
    sizes.push(rets.length)
  })

  it('the queries select real subsets (so equal answers mean something)', async () => {
    const all = (await retsKeys('(LIST_22=0+)')).length
    expect(all).toBeGreaterThan(50)
    const proper = sizes.filter((n) => n > 0 && n < all)
    expect(proper.length).toBeGreaterThanOrEqual(34)
  })
})

// SparkQL where the construct exists: the same queries on the Demo MLS's Spark side (standard names, standard
// lookup values; PropertyType carries the MLS code there, so the class is added by hand).
const SPARK_QUERIES = EQUIVALENCE_QUERIES.filter(
  (q) => !/\.TODAY\.|LIST_9=|~OV|LIST_200=~|\.EMPTY\.|ListPrice=/.test(q)
).slice(0, 24)

async function sparkKeys(filter: string): Promise<string[]> {
  const { jobId, resultId } = await h.call('query:run', {
    profileId: 'demo-spark',
    spec: { kind: 'spark', filter, select: ['ListingKey'], fetchAll: true }
  })
  expect(await settle(h, jobId)).toBe('done')
  return keysOf(resultId, 'ListingKey')
}

describe('DMQL2 → SparkQL equivalence on the Demo MLS', () => {
  beforeAll(async () => {
    await h.call('session:connect', { profileId: 'demo-spark' })
  })
  it.each(SPARK_QUERIES)('%s', async (dmql) => {
    const translated = await h.call('intel:translate', { ...MAP, from: 'dmql', to: 'sparkql', text: dmql })
    expect(translated.diagnostics).toEqual([])
    expect(await sparkKeys(`(${translated.text}) And PropertyType Eq 'RES'`)).toEqual(await retsKeys(dmql))
  })
})

// The same map and translation when the Web API serves DD 2.0 string lookups (Edm.String fields with a LookupName,
// values from the Lookup resource, records holding the human-friendly value): no enum literals, values by long text.
describe('DMQL2 → OData equivalence with DD 2.0 string lookups', () => {
  beforeAll(async () => {
    const res = await fetch(`${h.workbench.demo!.server.url}/admin/web-api`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ lookupStyle: 'string' })
    })
    expect(res.ok).toBe(true)
    await h.call('session:disconnect', { profileId: 'demo-reso' })
    await h.call('session:connect', { profileId: 'demo-reso' })
    await h.call('metadata:summary', { profileId: 'demo-reso', refresh: true })
  })
  const LOOKUP_QUERIES = EQUIVALENCE_QUERIES.filter((q) => /LIST_(15|9|200|201)=/.test(q))
  it.each(LOOKUP_QUERIES)('%s', async (dmql) => {
    const translated = await h.call('intel:translate', { ...MAP, from: 'dmql', text: dmql })
    expect(translated.diagnostics).toEqual([])
    expect(translated.text).not.toContain("StandardStatus'")
    expect(await resoKeys(translated.text!)).toEqual(await retsKeys(dmql))
  })
})
