// The contract's result schemas are the types of both sides, so they must describe what the handlers really return:
// every request channel is called here through a real workbench on the Demo MLS and its reply checked against its
// result schema (strict: a field a handler adds without the schema fails too), and so is every event sent meanwhile.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ZodType } from 'zod'
import {
  eventChannels,
  requestChannels,
  type ArgsOf,
  type EventChannel,
  type RequestChannel,
  type ResultOf
} from '../../../contract/ipc-contract'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
const seen = new Set<RequestChannel>()
const badEvents: string[] = []
let unsubscribe = (): void => undefined

function problems(schema: ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`)
}

async function checked<C extends RequestChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const value = await h.call(channel, args)
  const schema: ZodType = requestChannels[channel].result
  expect(problems(schema, value), channel).toEqual([])
  seen.add(channel)
  return value
}

beforeAll(async () => {
  h = await startHarness({ listings: 60 })
  unsubscribe = h.workbench.hub.subscribe((event: EventChannel, payload) => {
    const schema: ZodType = eventChannels[event]
    for (const p of problems(schema, payload)) badEvents.push(`${event} ${p}`)
  })
})
afterAll(async () => {
  unsubscribe()
  await h.close()
})

const dir = (): string => mkdtempSync(path.join(os.tmpdir(), 'mlswb-schemas-'))

describe('result schemas against real handler results', () => {
  it('app, profiles and secrets', async () => {
    await checked('app:info', {})
    await checked('app:ping', { message: 'hi' })
    await checked('app:openExternal', { url: 'https://example.com/' })
    await checked('app:pickPath', { purpose: 'folder' })
    await checked('app:openFolder', { path: os.tmpdir() })
    const [first] = await checked('profiles:list', {})
    expect(first).toBeDefined()
    await checked('profiles:get', { profileId: 'demo-reso' })
    const copy = await checked('profiles:duplicate', { profileId: 'demo-rets', name: 'Schema check' })
    await checked('profiles:save', { profileId: copy.id, profile: { ...copy, notes: 'edited' } })
    await checked('secrets:set', { profileId: copy.id, name: 'password', value: 'demo-pass' })
    await checked('secrets:clear', { profileId: copy.id, name: 'password' })
    await checked('profiles:test', { profileId: 'demo-rets' })
    await checked('profiles:delete', { profileId: copy.id })
  })

  it('sessions of every kind, metadata, queries, results and the wire log', async () => {
    for (const profileId of ['demo-rets', 'demo-reso', 'demo-spark', 'demo-idx', 'demo-activity']) {
      await checked('session:connect', { profileId })
    }
    const summary = await checked('metadata:summary', { profileId: 'demo-rets' })
    const property = summary.resources.find((r) => r.name === 'Property')!
    const cls = property.classes[0]!.name
    const fields = await checked('metadata:fields', { profileId: 'demo-rets', resource: 'Property', class: cls })
    const lookupName = fields.find((f) => f.lookupName)!.lookupName!
    await checked('metadata:lookup', { profileId: 'demo-rets', resource: 'Property', lookup: lookupName })
    await checked('metadata:summary', { profileId: 'demo-reso' })
    // nothing degraded on the Demo MLS: a retry of an unknown part answers the summary as it is
    await checked('metadata:retry', { profileId: 'demo-rets', key: 'METADATA-LOOKUP|||' })
    const [version] = await checked('metadata:versions', { profileId: 'demo-rets' })
    await checked('metadata:diff', { profileId: 'demo-rets', from: version!.version })
    const report = await checked('metadata:report', {
      profileId: 'demo-spark',
      format: 'json',
      path: path.join(dir(), 'spark.json')
    })
    expect(await settle(h, report.jobId)).toBe('done')

    const run = await checked('query:run', {
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: cls,
        query: '(LIST_22=0+)',
        format: 'COMPACT-DECODED',
        count: 1,
        standardNames: false,
        fetchAll: false,
        limit: 5
      }
    })
    expect(await settle(h, run.jobId)).toBe('done')
    const result = await checked('results:summary', { resultId: run.resultId })
    await checked('results:page', { resultId: run.resultId, offset: 0, limit: 5 })
    await checked('results:export', { resultId: run.resultId, format: 'csv', path: path.join(dir(), 'rows.csv') })
    const wireId = result.wireIds[0]!
    expect((await checked('wire:list', {})).map((e) => e.id)).toContain(wireId)
    await checked('wire:body', { id: wireId, offset: 0, length: 200 })
    for (const format of ['curl', 'powershell', 'fetch'] as const) await checked('wire:copyAs', { id: wireId, format })
    await checked('wire:saveBody', { id: wireId, path: path.join(dir(), 'body.xml') })
    await checked('wire:images', { id: wireId })
    await checked('job:list', {})
    await checked('job:cancel', { jobId: run.jobId })
  })

  it('photos, IDX sync and listing activity', async () => {
    const options = await checked('photos:options', { profileId: 'demo-rets' })
    await checked('photos:preview', { pattern: options.defaultPattern, types: options.defaultTypes })
    const key = [...h.workbench.demo!.server.ctx.data.listings()].find((l) => l.PhotosCount > 0)!.ListingKey
    const started = await checked('photos:export', {
      profileId: 'demo-rets',
      request: { destination: dir(), listingKeys: [key], types: options.defaultTypes }
    })
    expect(await settle(h, started.jobId)).toBe('done')
    const photos = await checked('photos:summary', { jobId: started.jobId })
    await checked('photos:thumbnail', { jobId: started.jobId, file: photos!.firstFiles[0]! })

    const sync = await checked('sync:plan', { profileId: 'demo-idx', target: { resource: 'Office' } })
    expect(await settle(h, sync.jobId)).toBe('done')
    await checked('sync:report', { jobId: sync.jobId })

    await checked('activity:validate', { event: { kind: 'tracker', listingId: key } })
    await checked('activity:send', { profileId: 'demo-activity', event: { kind: 'tracker', listingId: key } })
    await checked('session:disconnect', { profileId: 'demo-activity' })
  })

  it('the saved-query library', async () => {
    const saved = await checked('library:save', {
      query: {
        name: 'Schema check',
        tags: ['t'],
        spec: { kind: 'odata', resource: 'Property', filter: "City eq 'Fargo'", count: false, fetchAll: false }
      }
    })
    await checked('library:list', { kind: 'odata' })
    await checked('library:get', { queryId: saved.id })
    await checked('library:rename', { queryId: saved.id, name: 'Schema check 2', folder: 'F' })
    const copy = await checked('library:duplicate', { queryId: saved.id })
    await checked('library:usage', { profileId: 'demo-reso', resource: 'Property', field: 'City' })
    const file = path.join(dir(), 'queries.json')
    await checked('library:export', { path: file })
    await checked('library:import', { path: file })
    await checked('library:delete', { queryId: copy.id })
  })

  it("a profile's environments", async () => {
    await checked('env:save', {
      profileId: 'demo-reso',
      file: { active: 'staging', environments: { staging: { city: 'Fargo' } } }
    })
    await checked('env:get', { profileId: 'demo-reso' })
  })

  it('metadata intelligence: map, translation, comparisons, conformance', async () => {
    const map = {
      retsProfileId: 'demo-rets',
      resource: 'Property',
      class: 'A',
      resoProfileId: 'demo-reso',
      entity: 'Property'
    }
    await checked('intel:fieldMap', map)
    const odata = await checked('intel:translate', { ...map, from: 'dmql', text: '(LIST_22=0+)' })
    await checked('intel:translate', { ...map, from: 'dmql', to: 'sparkql', text: '(LIST_22=0+)' })
    await checked('intel:translate', { ...map, from: 'odata', text: 'ListPrice ge 1' })
    const overrides = await checked('intel:overridesGet', {})
    await checked('intel:overridesSave', {
      overrides: { version: 1, fields: overrides.fields, values: overrides.values }
    })
    const reference = path.join(dir(), 'reso.json')
    const report = await checked('metadata:report', { profileId: 'demo-reso', format: 'json', path: reference })
    expect(await settle(h, report.jobId)).toBe('done')
    await checked('intel:compareMetadata', {
      a: { kind: 'profile', profileId: 'demo-rets' },
      b: { kind: 'file', path: reference }
    })
    await checked('intel:conformance', { profileId: 'demo-rets', referencePath: reference })
    const rets = await checked('query:run', {
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'A',
        query: '(LIST_22=0+)',
        format: 'COMPACT',
        count: 0,
        standardNames: false,
        fetchAll: true
      }
    })
    const reso = await checked('query:run', {
      profileId: 'demo-reso',
      spec: { kind: 'odata', resource: 'Property', filter: odata.text!, count: false, fetchAll: true }
    })
    expect(await settle(h, rets.jobId)).toBe('done')
    expect(await settle(h, reso.jobId)).toBe('done')
    const pair = { resultA: rets.resultId, resultB: reso.resultId, keyA: 'LIST_1', keyB: 'ListingKey', map }
    await checked('intel:compareResults', pair)
    await checked('intel:compareResultsExport', { ...pair, format: 'json', path: path.join(dir(), 'compare.json') })
    // a photo of a RESO row for the record inspector's thumbnails
    const media = await checked('query:run', {
      profileId: 'demo-reso',
      spec: {
        kind: 'odata',
        resource: 'Property',
        select: ['ListingKey'],
        expand: 'Media',
        top: 5,
        count: false,
        fetchAll: false
      }
    })
    expect(await settle(h, media.jobId)).toBe('done')
    const rows = (await checked('results:page', { resultId: media.resultId, offset: 0, limit: 5 })).rows
    const row = rows.findIndex((r) => r[1]?.includes('MediaURL'))
    const url = (JSON.parse(rows[row]![1]!) as { MediaURL: string }[])[0]!.MediaURL
    await checked('results:photo', { profileId: 'demo-reso', resultId: media.resultId, row, url })
  })

  it('sync: plan, run, report, status and a query on the copy', async () => {
    const target = { resource: 'Property', class: 'A' }
    const plan = await checked('sync:plan', { profileId: 'demo-rets', target })
    await settle(h, plan.jobId)
    await checked('sync:report', { jobId: plan.jobId })
    const run = await checked('sync:run', { profileId: 'demo-rets', target })
    await settle(h, run.jobId)
    await checked('sync:report', { jobId: run.jobId })
    await checked('sync:status', { profileId: 'demo-rets' })
    await checked('sync:query', { profileId: 'demo-rets', sql: 'SELECT * FROM sync_runs' })
  })

  it('covered every request channel, and every event sent matched its schema', () => {
    expect(Object.keys(requestChannels).filter((c) => !seen.has(c as RequestChannel))).toEqual([])
    expect(badEvents).toEqual([])
    // and the check would see a handler that drifted from its schema
    expect(problems(requestChannels['app:ping'].result, { pong: 'x', at: 'now', extra: true })).not.toEqual([])
  })
})
