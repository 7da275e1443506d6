import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QueryLibrary } from '../../../../src-main/features/library/query-library'
import type { SavedQueryDraft } from '../../../../contract/library-channels'
import { LIBRARY_EXPORT_FORMAT } from '../../../../src-main/features/library/library-exchange'
import { AppError } from '../../../../contract/app-error'

const active: SavedQueryDraft = {
  name: 'Active over 1M',
  folder: 'Reports',
  tags: ['price', ' price ', 'weekly'],
  description: 'Big active listings',
  profileId: 'demo-rets',
  spec: {
    kind: 'dmql',
    query: '(ListPrice=1000000+),(Status=|A)',
    standardNames: false,
    fetchAll: false,
    count: 1,
    format: 'COMPACT-DECODED',
    class: 'RES',
    resource: 'Property',
    select: ['ListingKey', 'ListPrice'],
    limit: 100
  }
}
const resoCity: SavedQueryDraft = {
  name: 'Fargo',
  spec: { kind: 'odata', resource: 'Property', filter: "City eq 'Fargo'", count: true, fetchAll: false, top: 50 }
}

let dir: string
let library: QueryLibrary
let clock = 0
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlswb-library-'))
  clock = Date.parse('2026-11-23T10:00:00Z')
  library = new QueryLibrary(path.join(dir, 'library'), { now: () => new Date((clock += 1000)) })
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe('QueryLibrary files', () => {
  it('writes one readable JSON file per query, header first, and reads it back unchanged', async () => {
    const saved = await library.save(active)
    expect(saved.id).toBe('reports-active-over-1m')
    expect(saved.tags).toEqual(['price', 'weekly'])
    expect(saved.createdAt).toBe('2026-11-23T10:00:01.000Z')
    expect(await readdir(path.join(dir, 'library'))).toEqual(['reports-active-over-1m.json'])
    const text = await readFile(path.join(dir, 'library', 'reports-active-over-1m.json'), 'utf8')
    expect(text).toBe(
      `${JSON.stringify(
        {
          id: 'reports-active-over-1m',
          name: 'Active over 1M',
          folder: 'Reports',
          tags: ['price', 'weekly'],
          profileId: 'demo-rets',
          spec: {
            kind: 'dmql',
            resource: 'Property',
            class: 'RES',
            format: 'COMPACT-DECODED',
            select: ['ListingKey', 'ListPrice'],
            limit: 100,
            // then the rest in schema order, whatever order the draft had
            query: '(ListPrice=1000000+),(Status=|A)',
            count: 1,
            standardNames: false,
            fetchAll: false
          },
          description: 'Big active listings',
          createdAt: '2026-11-23T10:00:01.000Z',
          updatedAt: '2026-11-23T10:00:01.000Z'
        },
        null,
        2
      )}\n`
    )
    expect(await library.get(saved.id)).toEqual(saved)
    expect((await library.list()).queries).toEqual([saved])
  })

  it('updates in place: same id and createdAt, new updatedAt and content', async () => {
    const saved = await library.save(active)
    const updated = await library.save(
      { ...active, spec: { ...active.spec, limit: 5 } as SavedQueryDraft['spec'] },
      saved.id
    )
    expect(updated.id).toBe(saved.id)
    expect(updated.createdAt).toBe(saved.createdAt)
    expect(updated.updatedAt).toBe('2026-11-23T10:00:02.000Z')
    expect((await library.get(saved.id)).spec).toMatchObject({ limit: 5 })
    expect(await readdir(path.join(dir, 'library'))).toHaveLength(1)
  })

  it('refuses a second query with the same name in the same folder (any case), allows it in another folder', async () => {
    await library.save(active)
    const err = await failure(library.save({ ...active, name: '  active OVER 1m ', folder: 'reports' }))
    expect(err.code).toBe('LIBRARY_NAME_TAKEN')
    expect(err.message).toBe('A saved query named "active OVER 1m" already exists in the folder "reports".')
    const other = await library.save({ ...active, folder: 'Archive' })
    expect(other.id).toBe('archive-active-over-1m')
    const top = await library.save({ ...active, folder: undefined })
    expect(top.folder).toBeUndefined()
    expect((await failure(library.save({ ...active, folder: '' }))).message).toBe(
      'A saved query named "Active over 1M" already exists (top level).'
    )
    // names and folders are one line of text; blank names are refused after trimming
    const twoLines = await failure(library.save({ ...active, name: 'Active\nover' }))
    expect(twoLines.message).toBe('The saved query is not valid: name must be one line of text')
    expect((await failure(library.save({ ...active, name: '   ' }))).code).toBe('LIBRARY_INVALID')
    // updating a query under its own name is not a clash
    await expect(library.save({ ...active, folder: undefined, description: 'x' }, top.id)).resolves.toMatchObject({
      description: 'x'
    })
  })

  it('renames (keeping the id), moves to another folder, and refuses a clash', async () => {
    const a = await library.save(active)
    const b = await library.save(resoCity)
    const renamed = await library.rename(a.id, 'Luxury', 'Reports')
    expect(renamed).toMatchObject({ id: a.id, name: 'Luxury', folder: 'Reports' })
    const moved = await library.rename(a.id, 'Luxury', '')
    expect(moved.folder).toBeUndefined()
    expect((await failure(library.rename(a.id, 'fargo'))).code).toBe('LIBRARY_NAME_TAKEN')
    expect((await library.get(b.id)).name).toBe('Fargo')
  })

  it('duplicates with a free "(copy)" name and deletes', async () => {
    const a = await library.save(resoCity)
    const copy = await library.duplicate(a.id)
    const copy2 = await library.duplicate(a.id)
    expect([copy.name, copy2.name]).toEqual(['Fargo (copy)', 'Fargo (copy) (2)'])
    expect(copy.id).not.toBe(a.id)
    expect(copy.spec).toEqual(a.spec)
    await library.delete(copy.id)
    expect((await library.list()).queries.map((q) => q.name)).toEqual(['Fargo', 'Fargo (copy) (2)'])
    expect((await failure(library.delete(copy.id))).code).toBe('LIBRARY_NOT_FOUND')
    expect((await failure(library.get('../../platform/secrets'))).code).toBe('LIBRARY_NOT_FOUND')
  })

  it('lists bad files as problems and keeps the good ones', async () => {
    const good = await library.save(resoCity)
    const folder = path.join(dir, 'library')
    await writeFile(path.join(folder, 'broken.json'), '{ "name": "half', 'utf8')
    await writeFile(path.join(folder, 'array.json'), '[]', 'utf8')
    await writeFile(path.join(folder, 'wrong-kind.json'), JSON.stringify({ ...resoCity, spec: { kind: 'sql' } }))
    await writeFile(path.join(folder, 'My Query.json'), '{}', 'utf8')
    await writeFile(path.join(folder, 'README.md'), '# notes', 'utf8')
    await writeFile(path.join(folder, '.fargo.json.abc.tmp'), '{', 'utf8')
    const { queries, problems } = await library.list()
    expect(queries.map((q) => q.id)).toEqual([good.id])
    expect(problems.map((p) => p.file)).toEqual(['My Query.json', 'array.json', 'broken.json', 'wrong-kind.json'])
    expect(problems[1]!.message).toBe('array.json is not a JSON object.')
    expect(problems[2]!.message).toMatch(/^broken\.json is not valid JSON\.\n/)
    expect(problems[3]!.message).toContain('spec.kind: must be one of dmql, odata, spark')
    // a new query never takes the id (file) of a file that could not be read
    const again = await library.save({ ...resoCity, name: 'Broken' })
    expect(again.id).toBe('broken-2')
    expect(await readFile(path.join(folder, 'broken.json'), 'utf8')).toBe('{ "name": "half')
  })

  it('never holds secrets: a secret-looking key in a file is refused with its own message', async () => {
    const saved = await library.save(resoCity)
    const file = path.join(dir, 'library', `${saved.id}.json`)
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    await writeFile(file, JSON.stringify({ ...onDisk, password: 'hunter2' }))
    const err = await failure(library.get(saved.id))
    expect(err.code).toBe('LIBRARY_INVALID')
    expect(err.message).toBe(
      `${saved.id}.json is not valid: password looks like a secret; saved queries never hold credentials (they stay with the profile)`
    )
    expect(err.hint).toContain('keychain')
    await writeFile(file, JSON.stringify({ ...onDisk, spec: { ...resoCity.spec, client_secret: 'x' } }))
    expect((await failure(library.get(saved.id))).detail).toBe(
      'spec.client_secret: looks like a secret; saved queries never hold credentials (they stay with the profile)'
    )
    await writeFile(file, JSON.stringify({ ...onDisk, color: 'red' }))
    expect((await failure(library.get(saved.id))).detail).toBe('color: is not a known saved-query field')
    // and save() cannot write one either (the draft is strict)
    const sneaky = { ...resoCity, apiKey: 'k' } as SavedQueryDraft
    expect((await failure(library.save(sneaky))).message).toContain('apiKey looks like a secret')
    expect((await library.list()).queries).toHaveLength(0)
  })

  it('filters by profile (own + any-profile queries of its kind), kind and words', async () => {
    await library.save(active) // dmql, demo-rets
    await library.save(resoCity) // odata, any profile
    await library.save({ ...resoCity, name: 'Other profile', profileId: 'acme-reso' })
    await library.save({ name: 'Generic DMQL', folder: 'Reports', spec: { ...active.spec } })
    const names = async (f: Parameters<QueryLibrary['list']>[0]): Promise<string[]> =>
      (await library.list(f)).queries.map((q) => q.name)
    expect(await names({})).toEqual(['Fargo', 'Other profile', 'Active over 1M', 'Generic DMQL'])
    expect(await names({ profileId: 'demo-rets', kind: 'dmql' })).toEqual(['Active over 1M', 'Generic DMQL'])
    expect(await names({ profileId: 'acme-reso', kind: 'odata' })).toEqual(['Fargo', 'Other profile'])
    expect(await names({ kind: 'odata' })).toEqual(['Fargo', 'Other profile'])
    expect(await names({ text: 'status=|a weekly' })).toEqual(['Active over 1M'])
    expect(await names({ text: "city eq 'fargo'" })).toEqual(['Fargo', 'Other profile'])
  })

  it('exports many queries to one file and imports them back, renaming clashes and skipping bad entries', async () => {
    await library.save(active)
    await library.save(resoCity)
    const file = path.join(dir, 'out', 'queries.json')
    expect(await library.exportToFile(file)).toEqual({ path: file, count: 2 })
    const doc = JSON.parse(await readFile(file, 'utf8')) as { format: string; version: number; queries: unknown[] }
    expect(doc.format).toBe(LIBRARY_EXPORT_FORMAT)
    expect(doc.version).toBe(1)
    expect(doc.queries).toHaveLength(2)

    const other = new QueryLibrary(path.join(dir, 'other'), { now: () => new Date('2026-11-24T00:00:00Z') })
    const first = await other.importFile(file)
    expect(first.imported.map((q) => [q.id, q.name, q.folder])).toEqual([
      ['fargo', 'Fargo', undefined],
      ['reports-active-over-1m', 'Active over 1M', 'Reports']
    ])
    expect(first.imported[1]!.createdAt).toBe('2026-11-23T10:00:01.000Z')
    expect(first.renamed).toEqual([])
    const again = await other.importFile(file)
    expect(again.renamed).toEqual([
      { from: 'Fargo', to: 'Fargo (2)' },
      { from: 'Active over 1M', to: 'Active over 1M (2)' }
    ])
    expect((await other.list()).queries).toHaveLength(4)

    const mixed = path.join(dir, 'mixed.json')
    await writeFile(
      mixed,
      JSON.stringify([{ ...resoCity, name: 'Fine' }, { ...resoCity, name: 'Leaky', token: 'abc' }, 7])
    )
    const summary = await other.importFile(mixed)
    expect(summary.imported.map((q) => q.name)).toEqual(['Fine'])
    expect(summary.problems.map((p) => p.file)).toEqual(['entry 2 (Leaky)', 'entry 3'])
    expect(summary.problems[0]!.message).toContain('token looks like a secret')

    await writeFile(mixed, '{"format":"something-else","queries":[]}')
    expect((await failure(other.importFile(mixed))).code).toBe('LIBRARY_IMPORT_INVALID')
    await writeFile(mixed, 'nope')
    expect((await failure(other.importFile(mixed))).message).toBe('mixed.json is not valid JSON.')
    expect((await failure(other.importFile(path.join(dir, 'missing.json')))).code).toBe('LIBRARY_IMPORT_UNREADABLE')
  })

  it('runs concurrent saves one at a time: two saves of one name give one file and one clash', async () => {
    const results = await Promise.allSettled([library.save(resoCity), library.save(resoCity)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
    expect(await readdir(path.join(dir, 'library'))).toEqual(['fargo.json'])
  })
})
