// Comparing any two metadata sources and Data Dictionary conformance, through the workbench's channels against
// the Demo MLS (real HTTP): a profile against a file, a profile against a kept snapshot, RETS against a reference.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
let resoJson: string
beforeAll(async () => {
  h = await startHarness()
  await h.call('session:connect', { profileId: 'demo-rets' })
  await h.call('session:connect', { profileId: 'demo-reso' })
  resoJson = path.join(h.userDataDir, 'reso-metadata.json')
  const { jobId } = await h.call('metadata:report', { profileId: 'demo-reso', format: 'json', path: resoJson })
  expect(await settle(h, jobId)).toBe('done')
})
afterAll(() => h.close())

describe('compare any two metadata sources', () => {
  it('a profile against the same metadata in a file has no differences', async () => {
    const diff = await h.call('intel:compareMetadata', {
      a: { kind: 'profile', profileId: 'demo-reso' },
      b: { kind: 'file', path: resoJson }
    })
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0 })
  })

  it('a profile against an edited file counts what was added, removed and changed', async () => {
    const model = JSON.parse(readFileSync(resoJson, 'utf8')) as MetadataModel
    const fields = model.resources.find((r) => r.name === 'Property')!.classes[0]!.fields!
    fields.splice(
      fields.findIndex((f) => f.systemName === 'LotSizeAcres'),
      1
    )
    fields.find((f) => f.systemName === 'City')!.maxLength = 80
    fields.push({ systemName: 'MlsLocalRating', dataType: 'Edm.Int32', searchable: true, attrs: {} })
    const edited = path.join(h.userDataDir, 'edited.json')
    writeFileSync(edited, JSON.stringify(model))
    const diff = await h.call('intel:compareMetadata', {
      a: { kind: 'profile', profileId: 'demo-reso' },
      b: { kind: 'file', path: edited }
    })
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 1 })
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'removed', path: 'Property:Property.LotSizeAcres' }),
        expect.objectContaining({ kind: 'added', path: 'Property:Property.MlsLocalRating' }),
        expect.objectContaining({ kind: 'changed', path: 'Property:Property.City' })
      ])
    )
  })

  it('a profile against one of its kept snapshots (the existing Δ as one case)', async () => {
    await h.call('metadata:summary', { profileId: 'demo-rets' })
    const [kept] = await h.call('metadata:versions', { profileId: 'demo-rets' })
    const diff = await h.call('intel:compareMetadata', {
      a: { kind: 'snapshot', profileId: 'demo-rets', version: kept!.version },
      b: { kind: 'profile', profileId: 'demo-rets' }
    })
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0 })
  })

  it('says what is wrong with a file that is not metadata', async () => {
    const bad = path.join(h.userDataDir, 'bad.json')
    writeFileSync(bad, '{"hello": 1}')
    const err = await h.fail('intel:compareMetadata', {
      a: { kind: 'profile', profileId: 'demo-reso' },
      b: { kind: 'file', path: bad }
    })
    expect(err.code).toBe('REFERENCE_INVALID')
  })
})

describe('Data Dictionary conformance of a live profile', () => {
  it('RETS fields count under their StandardName against the Web API side as the reference', async () => {
    const report = await h.call('intel:conformance', { profileId: 'demo-rets', referencePath: resoJson })
    const property = report.resources.find((r) => r.resource === 'Property')!
    expect(property.local).toBe('Property')
    expect(property.coverage).toBe(100)
    expect(property.missing).toEqual([])
    expect(property.mismatches).toEqual([])
    expect(property.nonStandardValues).toEqual([])
    expect(property.present).toContainEqual({ standard: 'ListPrice', local: 'LIST_22' })
    // the DD 2.x Lookup resource has no RETS counterpart
    expect(report.resources.find((r) => r.resource === 'Lookup')?.local).toBeUndefined()
  })

  it('reports a standard type and a lookup value the local side breaks', async () => {
    const model = JSON.parse(readFileSync(resoJson, 'utf8')) as MetadataModel
    const property = model.resources.find((r) => r.name === 'Property')!
    property.classes[0]!.fields!.find((f) => f.systemName === 'DaysOnMarket')!.dataType = 'Edm.Decimal'
    const status = property.lookups.find((l) => l.name === 'StandardStatus')!
    status.values = status.values!.filter((v) => v.value !== 'Canceled')
    const reference = path.join(h.userDataDir, 'reference.json')
    writeFileSync(reference, JSON.stringify(model))
    const report = await h.call('intel:conformance', { profileId: 'demo-rets', referencePath: reference })
    const p = report.resources.find((r) => r.resource === 'Property')!
    expect(p.mismatches).toEqual([
      { standard: 'DaysOnMarket', local: 'LIST_137', problem: 'type', expected: 'Edm.Decimal', actual: 'Int' }
    ])
    expect(p.nonStandardValues).toEqual([
      { standard: 'StandardStatus', local: 'LIST_15', lookup: expect.any(String), values: ['OV61GOJ13C6'] }
    ])
  })
})
