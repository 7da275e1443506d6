// The library:* channels through the real workbench dispatch (argument validation, handlers, files on disk).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../../support/workbench-harness'
import type { ArgsOf } from '../../../contract/ipc-contract'

let h: Harness
let libraryDir: string
beforeAll(async () => {
  h = await startHarness({ listings: 20 })
  libraryDir = path.join(h.userDataDir, 'library')
})
afterAll(() => h.close())

const retsQuery: ArgsOf<'library:save'>['query'] = {
  name: 'Active by price',
  folder: 'Daily',
  profileId: 'demo-rets',
  spec: {
    kind: 'dmql',
    resource: 'Property',
    class: 'RES',
    query: '(LIST_22=100000+),(LIST_15=|A)',
    format: 'COMPACT-DECODED',
    count: 1,
    standardNames: false,
    fetchAll: false,
    limit: 100
  }
}
const anyReso: ArgsOf<'library:save'>['query'] = {
  name: 'Fargo homes',
  spec: {
    kind: 'odata',
    resource: 'Property',
    filter: "City eq 'Fargo'",
    select: ['ListPrice'],
    count: true,
    fetchAll: false
  }
}

describe('library channels', () => {
  it('saves to <userData>/library/<id>.json, lists, renames, duplicates and deletes', async () => {
    const saved = await h.call('library:save', { query: retsQuery })
    expect(saved.id).toBe('daily-active-by-price')
    expect(readdirSync(libraryDir)).toEqual(['daily-active-by-price.json'])
    const onDisk = JSON.parse(readFileSync(path.join(libraryDir, 'daily-active-by-price.json'), 'utf8'))
    expect(onDisk).toMatchObject({ id: saved.id, name: 'Active by price', folder: 'Daily', profileId: 'demo-rets' })

    await h.call('library:save', { query: anyReso })
    const all = await h.call('library:list', {})
    expect(all.queries.map((q) => q.name)).toEqual(['Fargo homes', 'Active by price'])
    expect(all.problems).toEqual([])
    // a profile's list: its own queries plus any-profile queries of its query language
    expect((await h.call('library:list', { profileId: 'demo-rets' })).queries.map((q) => q.id)).toEqual([saved.id])
    expect((await h.call('library:list', { profileId: 'demo-reso' })).queries.map((q) => q.name)).toEqual([
      'Fargo homes'
    ])
    expect((await h.call('library:list', { text: 'fargo' })).queries).toHaveLength(1)

    const renamed = await h.call('library:rename', { queryId: saved.id, name: 'Actives', folder: '' })
    expect(renamed).toMatchObject({ id: saved.id, name: 'Actives' })
    expect(renamed.folder).toBeUndefined()
    const copy = await h.call('library:duplicate', { queryId: saved.id })
    expect(copy.name).toBe('Actives (copy)')
    expect(await h.call('library:get', { queryId: copy.id })).toEqual(copy)
    expect(await h.call('library:delete', { queryId: copy.id })).toEqual({ deleted: true })
    expect(existsSync(path.join(libraryDir, `${copy.id}.json`))).toBe(false)
  })

  it('answers a name clash, a kind mismatch and an unknown id with clear errors', async () => {
    const clash = await h.fail('library:save', { query: { ...anyReso, name: 'FARGO HOMES' } })
    expect(clash).toMatchObject({
      code: 'LIBRARY_NAME_TAKEN',
      message: 'A saved query named "FARGO HOMES" already exists (top level).'
    })
    const mismatch = await h.fail('library:save', { query: { ...anyReso, name: 'x', profileId: 'demo-rets' } })
    expect(mismatch).toMatchObject({
      code: 'LIBRARY_KIND_MISMATCH',
      message: 'A odata query cannot be saved for this profile (it speaks dmql).'
    })
    expect((await h.fail('library:get', { queryId: 'nope' })).code).toBe('LIBRARY_NOT_FOUND')
  })

  it('refuses extra keys (a password smuggled into a save) at the boundary', async () => {
    const err = await h.fail('library:save', { query: { ...anyReso, name: 'Leak', password: 'pw' } })
    expect(err.code).toBe('IPC_BAD_ARGS')
    expect(err.detail).toContain('password')
    const inSpec = await h.fail('library:save', {
      query: { ...anyReso, name: 'Leak', spec: { ...anyReso.spec, token: 't' } }
    })
    expect(inSpec.code).toBe('IPC_BAD_ARGS')
    expect(readdirSync(libraryDir).some((f) => f.includes('leak'))).toBe(false)
  })

  it('reports a broken file in the list instead of failing', async () => {
    writeFileSync(path.join(libraryDir, 'hand-made.json'), '{"name": "oops", ')
    const { queries, problems } = await h.call('library:list', {})
    expect(queries.length).toBeGreaterThanOrEqual(2)
    expect(problems).toEqual([
      { file: 'hand-made.json', message: expect.stringMatching(/^hand-made\.json is not valid JSON\./) }
    ])
  })

  it('exports and imports through full .json paths only', async () => {
    const file = path.join(h.userDataDir, 'exchange', 'queries.json')
    expect(await h.call('library:export', { path: file })).toEqual({ path: file, count: 2 })
    const relative = await h.fail('library:export', { path: 'queries.json' })
    expect(relative).toMatchObject({ code: 'LIBRARY_BAD_PATH', message: 'Give a full path for the export file.' })
    const notJson = await h.fail('library:export', { path: path.join(h.userDataDir, '.bashrc') })
    expect(notJson).toMatchObject({ code: 'LIBRARY_BAD_PATH', message: 'The export file must be a .json file.' })
    expect((await h.fail('library:import', { path: 'queries.json' })).code).toBe('LIBRARY_BAD_PATH')

    const summary = await h.call('library:import', { path: file })
    expect(summary.imported.map((q) => q.name)).toEqual(['Actives (2)', 'Fargo homes (2)'])
    expect(summary.renamed).toEqual([
      { from: 'Actives', to: 'Actives (2)' },
      { from: 'Fargo homes', to: 'Fargo homes (2)' }
    ])
  })

  it('counts the saved queries that use a field of the profile', async () => {
    const usage = await h.call('library:usage', {
      profileId: 'demo-rets',
      resource: 'Property',
      class: 'RES',
      field: 'LIST_22',
      standardName: 'ListPrice'
    })
    expect(usage.count).toBe(2)
    expect(usage.queries.map((q) => [q.name, q.places])).toEqual([
      ['Actives', ['filter']],
      ['Actives (2)', ['filter']]
    ])
    const reso = await h.call('library:usage', { profileId: 'demo-reso', resource: 'Property', field: 'ListPrice' })
    expect(reso.queries.map((q) => [q.name, q.places])).toEqual([
      ['Fargo homes', ['select']],
      ['Fargo homes (2)', ['select']]
    ])
    const none = await h.call('library:usage', { profileId: 'demo-spark', resource: 'Property', field: 'ListPrice' })
    expect(none).toEqual({ count: 0, queries: [] })
  })
})
