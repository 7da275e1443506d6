// The RETS path through the whole workbench: the same channels the renderer calls, against the in-process Demo MLS.
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

describe('workbench over RETS (Demo MLS)', () => {
  it('lists the built-in Demo MLS profiles with their stored secret names only', async () => {
    const profiles = await h.call('profiles:list', {})
    const rets = profiles.find((p) => p.id === 'demo-rets')
    expect(rets).toMatchObject({ name: 'Demo MLS (RETS)', kind: 'rets', builtin: true })
    expect(rets?.storedSecrets).toEqual(['password', 'uaPassword'])
    expect(JSON.stringify(profiles)).not.toContain('demo-pass')
  })

  it('refuses to work before connecting, with a hint', async () => {
    const err = await h.fail('query:run', {
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'A',
        query: '(LIST_15=|OV61GOJ13C0)',
        format: 'COMPACT',
        count: 1,
        standardNames: false,
        fetchAll: false
      }
    })
    expect(err.code).toBe('NOT_CONNECTED')
    expect(err.hint).toMatch(/Connect/)
  })

  it('connects, reads the metadata tree, then fields and lookups on demand', async () => {
    const info = await h.call('session:connect', { profileId: 'demo-rets' })
    expect(info.protocolVersion).toBe('RETS/1.7.2')
    expect(info.capabilities.Search).toMatch(/\/rets\/Search$/)
    expect(info.metadataVersion).toBeTruthy()

    const summary = await h.call('metadata:summary', { profileId: 'demo-rets' })
    expect(summary.origin).toBe('live')
    const property = summary.resources.find((r) => r.name === 'Property')
    expect(property?.classes.map((c) => c.name)).toEqual(expect.arrayContaining(['A', 'B', 'C']))
    expect(property?.objectTypes.map((o) => o.type)).toEqual(expect.arrayContaining(['Photo', 'HiRes']))

    const fields = await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'A' })
    const status = fields.find((f) => f.systemName === 'LIST_15')
    expect(status?.lookupName).toBeTruthy()
    const values = await h.call('metadata:lookup', {
      profileId: 'demo-rets',
      resource: 'Property',
      lookup: status!.lookupName!
    })
    expect(values.map((v) => v.value)).toContain('OV61GOJ13C0')
  })

  it('runs a DMQL2 search as a job, pages the rows, and keeps the raw exchange', async () => {
    const { jobId, resultId } = await h.call('query:run', {
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'A',
        query: '(LIST_15=|OV61GOJ13C0)',
        format: 'COMPACT-DECODED',
        count: 1,
        standardNames: false,
        fetchAll: true
      }
    })
    expect(await settle(h, jobId)).toBe('done')
    const summary = await h.call('results:summary', { resultId })
    expect(summary.complete).toBe(true)
    expect(summary.total).toBeGreaterThan(0)
    expect(summary.serverCount).toBe(summary.total)
    expect(summary.columns.map((c) => c.name)).toContain('LIST_1')

    const page = await h.call('results:page', { resultId, offset: 0, limit: 5 })
    expect(page.rows).toHaveLength(Math.min(5, summary.total))
    expect(page.rows[0]).toHaveLength(summary.columns.length)

    expect(summary.wireIds.length).toBeGreaterThan(0)
    const wire = await h.call('wire:list', {})
    const search = wire.find((w) => w.id === summary.wireIds[0])
    expect(search?.url).toContain('/rets/Search')
    expect(search?.status).toBe(200)
    const body = await h.call('wire:body', { id: search!.id, offset: 0, length: 4096 })
    expect(body.encoding).toBe('text')
    expect(body.data).toContain('<RETS ReplyCode="0"')
    expect(body.data).toContain('<COLUMNS>')
    const { text: curl, variables } = await h.call('wire:copyAs', { id: search!.id, format: 'curl' })
    expect(curl).toContain('/rets/Search')
    expect(curl).toContain('/rets/Login')
    expect(curl).not.toContain('demo-pass')
    expect(curl).not.toContain('[redacted]')
    expect(variables).toEqual(expect.arrayContaining(['MLS_PASSWORD', 'MLS_USER']))
  })

  it('exports the result to CSV, JSON and XLSX files', async () => {
    const { jobId, resultId } = await h.call('query:run', {
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'B',
        query: '(LIST_15=|OV61GOJ13C0)',
        format: 'COMPACT',
        count: 0,
        standardNames: false,
        fetchAll: true,
        select: ['LIST_1', 'LIST_105']
      }
    })
    await settle(h, jobId)
    const total = (await h.call('results:summary', { resultId })).total
    const csv = path.join(h.userDataDir, 'out.csv')
    const res = await h.call('results:export', { resultId, format: 'csv', path: csv })
    expect(res.rows).toBe(total)
    const lines = readFileSync(csv, 'utf8').trim().split(/\r?\n/)
    expect(lines[0]).toContain('LIST_1')
    expect(lines).toHaveLength(total + 1)
    const bad = await h.fail('results:export', { resultId, format: 'csv', path: 'relative.csv' })
    expect(bad.code).toBe('EXPORT_BAD_PATH')

    // XLSX: the same rows in the first sheet, below the header
    const xlsx = path.join(h.userDataDir, 'out.xlsx')
    expect((await h.call('results:export', { resultId, format: 'xlsx', path: xlsx })).rows).toBe(total)
    const sheet = readZip(readFileSync(xlsx)).get('xl/worksheets/sheet1.xml')!.toString('utf8')
    expect(sheet.match(/<row /g)).toHaveLength(total + 1)
    const firstKey = lines[1]!.split(',')[0]!
    expect(sheet).toContain(`<c r="A2"><v>${firstKey}</v></c>`) // a plain number: a numeric cell
  })

  it('reports a DMQL syntax error with the server’s words', async () => {
    const { jobId } = await h.call('query:run', {
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'A',
        query: '(LIST_15=',
        format: 'COMPACT',
        count: 0,
        standardNames: false,
        fetchAll: false
      }
    })
    expect(await settle(h, jobId)).toBe('failed')
    const job = h.workbench.jobs.list().find((j) => j.jobId === jobId)
    expect(job?.error?.code).toBe('RETS_20206')
  })

  it('serves metadata from the offline cache after disconnecting', async () => {
    await h.call('session:disconnect', { profileId: 'demo-rets' })
    const summary = await h.call('metadata:summary', { profileId: 'demo-rets' })
    expect(summary.origin).toBe('cache')
    const fields = await h.call('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: 'A' })
    expect(fields.length).toBeGreaterThan(10)
  })
})
