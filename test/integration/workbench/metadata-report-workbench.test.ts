// "Export metadata" over the workbench channels: a spreadsheet of every resource, class, field, lookup value and
// object type (RETS lazily loaded parts fetched first), or the model as JSON.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'
import { readZip } from '../../support/zip-reader'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

function sheetText(file: string, index: number): string {
  return readZip(readFileSync(file)).get(`xl/worksheets/sheet${index}.xml`)!.toString('utf8')
}

describe('metadata report', () => {
  it('connected, loads every class and lookup and writes all sheets', async () => {
    await h.call('session:connect', { profileId: 'demo-rets' })
    const file = path.join(h.userDataDir, 'demo-rets-metadata.xlsx')
    const { jobId } = await h.call('metadata:report', { profileId: 'demo-rets', format: 'xlsx', path: file })
    expect(await settle(h, jobId)).toBe('done')
    const job = (await h.call('job:list', {})).find((j) => j.jobId === jobId)!
    expect(job.message).toMatch(/^Wrote .*demo-rets-metadata\.xlsx: \d+ fields, \d+ lookup values$/)
    const workbook = readZip(readFileSync(file)).get('xl/workbook.xml')!.toString()
    for (const name of ['System', 'Resources', 'Classes', 'Fields', 'Lookups', 'Object types', 'Foreign keys'])
      expect(workbook).toContain(`name="${name}"`)
    expect(workbook).not.toContain('Not loaded')
    const fields = sheetText(file, 4)
    expect(fields).toMatch(/<t>Property<\/t>.*?<t>B<\/t>/) // every class now
    expect(fields).toContain('<t>Listing Status</t>')
    expect(sheetText(file, 5)).toContain('<t>Active Under Contract</t>')
    expect(sheetText(file, 6)).toContain('<t>HiRes</t>')
  })

  it('as JSON: the whole model; a relative path is refused', async () => {
    const file = path.join(h.userDataDir, 'model.json')
    const { jobId } = await h.call('metadata:report', { profileId: 'demo-rets', format: 'json', path: file })
    expect(await settle(h, jobId)).toBe('done')
    const model = JSON.parse(readFileSync(file, 'utf8'))
    expect(
      model.resources.find((r: { name: string }) => r.name === 'Property').classes[0].fields.length
    ).toBeGreaterThan(20)
    const bad = await h.fail('metadata:report', { profileId: 'demo-rets', format: 'xlsx', path: 'report.xlsx' })
    expect(bad.code).toBe('EXPORT_BAD_PATH')
  })
})
