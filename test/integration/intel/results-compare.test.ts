// Compare results across protocols: one question asked over RETS (DMQL) and over the RESO Web API (its
// translation), joined by key; the Demo MLS serves the same data both ways, so only a planted difference shows.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

const MAP = {
  retsProfileId: 'demo-rets',
  resource: 'Property',
  class: 'A',
  resoProfileId: 'demo-reso',
  entity: 'Property'
}
const CLASS_A = "PropertyType eq org.reso.metadata.enums.PropertyType'Residential'"
const DMQL = '(LIST_15=|OV61GOJ13C0,OV61GOJ13C2),(LIST_22=200000+)'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
  await h.call('session:connect', { profileId: 'demo-rets' })
  await h.call('session:connect', { profileId: 'demo-reso' })
})
afterAll(() => h.close())

async function rets(query: string): Promise<string> {
  const { jobId, resultId } = await h.call('query:run', {
    profileId: 'demo-rets',
    spec: {
      kind: 'dmql',
      resource: 'Property',
      class: 'A',
      query,
      format: 'COMPACT',
      select: ['LIST_1', 'LIST_22', 'LIST_15', 'LIST_87', 'LIST_200', 'LIST_12', 'LIST_66'],
      count: 0,
      standardNames: false,
      fetchAll: true
    }
  })
  expect(await settle(h, jobId)).toBe('done')
  return resultId
}

async function reso(filter: string): Promise<string> {
  const { jobId, resultId } = await h.call('query:run', {
    profileId: 'demo-reso',
    spec: {
      kind: 'odata',
      resource: 'Property',
      filter,
      select: [
        'ListingKey',
        'ListPrice',
        'StandardStatus',
        'ModificationTimestamp',
        'Appliances',
        'CloseDate',
        'BedroomsTotal'
      ],
      count: false,
      fetchAll: true
    }
  })
  expect(await settle(h, jobId)).toBe('done')
  return resultId
}

describe('compare results across protocols', () => {
  it('the same question both ways: every key on both sides, no value differs after normalisation', async () => {
    const { text } = await h.call('intel:translate', { ...MAP, from: 'dmql', text: DMQL })
    const c = await h.call('intel:compareResults', {
      resultA: await rets(DMQL),
      resultB: await reso(text!),
      keyA: 'LIST_1',
      keyB: 'ListingKey',
      map: MAP
    })
    expect(c.matched).toBeGreaterThan(10)
    expect(c).toMatchObject({ onlyA: [], onlyB: [], differences: [], rowsDiffering: 0 })
    // decimals (250000.00 vs 250000), lookups (codes vs enum members), multi-selects and date-times were compared
    expect(c.compared.map((p) => p.b)).toEqual(
      expect.arrayContaining(['ListPrice', 'StandardStatus', 'Appliances', 'ModificationTimestamp', 'CloseDate'])
    )
  })

  it('rows on one side only and differing values show, and export as CSV', async () => {
    // the RESO side without the class: other classes' listings are only there
    const resultA = await rets(DMQL)
    const resultB = await reso("StandardStatus in ('Active','Pending') and ListPrice ge 200000")
    const args = { resultA, resultB, keyA: 'LIST_1', keyB: 'ListingKey', map: MAP }
    const c = await h.call('intel:compareResults', args)
    expect(c.onlyA).toEqual([])
    expect(c.onlyB.length).toBeGreaterThan(0)
    expect(c.differences).toEqual([])
    // a (wrong) value override in the library folder's overrides file: Active's code now means Pending
    await h.call('intel:overridesSave', {
      overrides: { version: 1, fields: {}, values: { 'Property:A.LIST_15': { OV61GOJ13C0: 'Pending' } } }
    })
    const planted = await h.call('intel:compareResults', args)
    expect(planted.differences.length).toBeGreaterThan(0)
    expect(planted.differences[0]).toMatchObject({ columnA: 'LIST_15', valueA: 'OV61GOJ13C0', valueB: 'Active' })
    expect((await h.call('intel:overridesGet', {})).path).toMatch(/rets-reso-map\.overrides\.json$/)
    // the overrides file sits in the library folder without being taken for a broken saved query
    expect((await h.call('library:list', {})).problems).toEqual([])
    const file = path.join(h.userDataDir, 'comparison.csv')
    const out = await h.call('intel:compareResultsExport', { ...args, format: 'csv', path: file })
    const lines = readFileSync(file, 'utf8').trim().split('\r\n')
    expect(lines[0]).toBe('what,key,field A,field B,value A,value B')
    expect(lines).toHaveLength(out.lines + 1)
    expect(lines.filter((l) => l.startsWith('only in B'))).toHaveLength(c.onlyB.length)
    expect(lines.filter((l) => l.startsWith('differs'))).toHaveLength(planted.differences.length)
    await h.call('intel:overridesSave', { overrides: { version: 1, fields: {}, values: {} } })
  })

  it('without a map, columns pair by name and values compare as text', async () => {
    const a = await reso(`ListPrice ge 300000 and ${CLASS_A}`)
    const b = await reso(`ListPrice ge 300000 and ${CLASS_A}`)
    const c = await h.call('intel:compareResults', { resultA: a, resultB: b, keyA: 'ListingKey', keyB: 'ListingKey' })
    expect(c.differences).toEqual([])
    expect(c.compared).toHaveLength(7)
    const err = await h.fail('intel:compareResults', { resultA: a, resultB: b, keyA: 'LIST_1', keyB: 'ListingKey' })
    expect(err.code).toBe('COMPARE_BAD_KEY')
  })
})
