import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProfileStore, type ProfileDraft } from '../../../../src-main/features/connections/profiles'
import { demoProfiles } from '../../../../src-main/features/connections/demo-profiles'
import { MemorySecretStore } from '../../../../src-main/platform/secrets/memory-secret-store'

const retsDraft: ProfileDraft = {
  name: 'Acme MLS',
  kind: 'rets',
  loginUrl: 'https://rets.acme.example/Login',
  userName: 'agent7',
  retsVersion: '1.8'
}

let dir: string
let secrets: MemorySecretStore
let store: ProfileStore
let clock = 0
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlswb-profiles-'))
  secrets = new MemorySecretStore()
  clock = Date.parse('2026-11-23T10:00:00Z')
  const demo = demoProfiles('http://127.0.0.1:4567', {
    rets: { userName: 'demo', password: 'demo-pass', uaPassword: 'demo-ua-pass' }
  })
  store = new ProfileStore(dir, { secrets, builtIns: () => demo.profiles, now: () => new Date((clock += 1000)) })
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('ProfileStore', () => {
  it('creates one pretty JSON file per profile, named by a readable id, with id/name/kind first', async () => {
    const created = await store.create(retsDraft)
    expect(created.id).toBe('acme-mls')
    expect(await readdir(dir)).toEqual(['acme-mls.json'])
    const text = await readFile(path.join(dir, 'acme-mls.json'), 'utf8')
    expect(text).toBe(
      [
        '{',
        '  "id": "acme-mls",',
        '  "name": "Acme MLS",',
        '  "kind": "rets",',
        '  "userAgent": "MLSWorkbench/1.0",',
        '  "network": {',
        '    "connectTimeoutMs": 15000,',
        '    "requestTimeoutMs": 120000',
        '  },',
        '  "loginUrl": "https://rets.acme.example/Login",',
        '  "userName": "agent7",',
        '  "retsVersion": "1.8",',
        '  "httpMethod": "GET",',
        '  "authMethod": "auto",',
        '  "limits": {',
        '    "pageSize": 2500',
        '  },',
        '  "createdAt": "2026-11-23T10:00:01.000Z",',
        '  "updatedAt": "2026-11-23T10:00:01.000Z"',
        '}',
        ''
      ].join('\n')
    )
    expect(await store.get('acme-mls')).toEqual(created)
  })

  it('a second profile with the same name gets -2; built-in ids are never reused', async () => {
    await store.create(retsDraft)
    expect((await store.create(retsDraft)).id).toBe('acme-mls-2')
    expect((await store.create({ ...retsDraft, name: 'Demo RETS' })).id).toBe('demo-rets-2')
  })

  it('lists built-ins first, then own profiles by name, and reports unreadable files instead of hiding them', async () => {
    await store.create({ ...retsDraft, name: 'Zeta' })
    await store.create({ ...retsDraft, name: 'alpha' })
    await writeFile(path.join(dir, 'broken.json'), '{ "id": "broken", "name": "B", "kind": "rets", "password": "x" }')
    await writeFile(path.join(dir, 'notes.txt'), 'not a profile')
    await writeFile(path.join(dir, 'demo-rets.json'), await readFile(path.join(dir, 'zeta.json')))
    const { profiles, invalid } = await store.scan()
    expect(profiles.map((p) => [p.profile.id, p.builtIn])).toEqual([
      ['demo-rets', true],
      ['demo-idx', true],
      ['demo-reso', true],
      ['demo-spark', true],
      ['demo-activity', true],
      ['alpha', false],
      ['zeta', false]
    ])
    expect(invalid.map((i) => i.file).sort()).toEqual(['broken.json', 'demo-rets.json'])
    expect(invalid.find((i) => i.file === 'broken.json')?.message).toContain('password: looks like a secret')
    expect(invalid.find((i) => i.file === 'demo-rets.json')?.message).toBe(
      '"demo-rets" is the id of a built-in profile; rename the file.'
    )
  })

  it('update replaces the profile, keeps createdAt, and drops secrets the new kind does not use', async () => {
    const created = await store.create(retsDraft)
    await secrets.set(created.id, 'password', 'pw-1234')
    await secrets.set(created.id, 'uaPassword', 'ua-1234')
    const updated = await store.update(created.id, {
      name: 'Acme Activity',
      kind: 'activity',
      trackingUrl: 'https://acme.example/tracking/v1/'
    })
    expect(updated).toMatchObject({ id: 'acme-mls', kind: 'activity', createdAt: created.createdAt })
    expect(updated.updatedAt).not.toBe(created.updatedAt)
    expect(await secrets.list('acme-mls')).toEqual([])
    const text = await readFile(path.join(dir, 'acme-mls.json'), 'utf8')
    expect(text).not.toContain('loginUrl')
  })

  it('update validates and leaves the file untouched when invalid', async () => {
    const created = await store.create(retsDraft)
    const before = await readFile(path.join(dir, 'acme-mls.json'), 'utf8')
    await expect(store.update(created.id, { ...retsDraft, loginUrl: 'nope' })).rejects.toMatchObject({
      code: 'PROFILE_INVALID'
    })
    expect(await readFile(path.join(dir, 'acme-mls.json'), 'utf8')).toBe(before)
    expect(await readdir(dir)).toEqual(['acme-mls.json'])
  })

  it('rename keeps the id (and so the secrets)', async () => {
    const created = await store.create(retsDraft)
    await secrets.set(created.id, 'password', 'pw-1234')
    const renamed = await store.rename(created.id, 'Acme (production)')
    expect(renamed).toMatchObject({ id: 'acme-mls', name: 'Acme (production)' })
    expect(await readdir(dir)).toEqual(['acme-mls.json'])
    expect(await secrets.get('acme-mls', 'password')).toBe('pw-1234')
  })

  it('duplicate copies passwords but not tokens', async () => {
    const reso = await store.create({
      name: 'Bridge',
      kind: 'reso',
      serviceUrl: 'https://api.bridgedataoutput.com/api/v2/OData/test',
      oauth: { grant: 'client_credentials', tokenUrl: 'https://api.bridgedataoutput.com/token', clientId: 'cid' }
    })
    await secrets.set(reso.id, 'clientSecret', 'cs-1234')
    await secrets.set(reso.id, 'accessToken', 'at-1234')
    const copy = await store.duplicate(reso.id)
    expect(copy).toMatchObject({ id: 'bridge-copy', name: 'Bridge (copy)', kind: 'reso' })
    expect(await secrets.list(copy.id)).toEqual(['clientSecret'])
    expect(await secrets.get(copy.id, 'clientSecret')).toBe('cs-1234')
  })

  it('delete removes the file and every secret of the profile, and nothing else', async () => {
    const a = await store.create(retsDraft)
    const b = await store.create({ ...retsDraft, name: 'Other' })
    await secrets.set(a.id, 'password', 'pw-a-1234')
    await secrets.set(a.id, 'uaPassword', 'ua-a-1234')
    await secrets.set(b.id, 'password', 'pw-b-1234')
    await store.delete(a.id)
    expect(await readdir(dir)).toEqual(['other.json'])
    expect(await secrets.list(a.id)).toEqual([])
    expect(await secrets.list(b.id)).toEqual(['password'])
    await expect(store.get(a.id)).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' })
  })

  it('delete keeps the profile when the keychain refuses, so it can be retried', async () => {
    const created = await store.create(retsDraft)
    const refusing = new ProfileStore(dir, {
      secrets: Object.assign(new MemorySecretStore(), {
        deleteAll: () => Promise.reject(Object.assign(new Error('locked'), { code: 'SECRET_KEYCHAIN_FAILED' }))
      })
    })
    await expect(refusing.delete(created.id)).rejects.toMatchObject({ code: 'SECRET_KEYCHAIN_FAILED' })
    expect(await readdir(dir)).toEqual(['acme-mls.json'])
  })

  it('built-in profiles are read-only but can be duplicated', async () => {
    await expect(store.update('demo-rets', retsDraft)).rejects.toMatchObject({ code: 'PROFILE_READ_ONLY' })
    await expect(store.rename('demo-rets', 'X')).rejects.toMatchObject({ code: 'PROFILE_READ_ONLY' })
    await expect(store.delete('demo-rets')).rejects.toMatchObject({ code: 'PROFILE_READ_ONLY' })
    await secrets.set('demo-rets', 'password', 'demo-pass')
    const copy = await store.duplicate('demo-rets', 'My demo')
    expect(copy).toMatchObject({ id: 'my-demo', kind: 'rets', loginUrl: 'http://127.0.0.1:4567/rets/Login' })
    expect(await secrets.get('my-demo', 'password')).toBe('demo-pass')
  })

  it('the file name is the id: a copied file is its own profile', async () => {
    await store.create(retsDraft)
    await writeFile(path.join(dir, 'acme-copy.json'), await readFile(path.join(dir, 'acme-mls.json')))
    expect((await store.get('acme-copy')).id).toBe('acme-copy')
  })

  it('concurrent creates of the same name get distinct ids', async () => {
    const made = await Promise.all([store.create(retsDraft), store.create(retsDraft), store.create(retsDraft)])
    expect(made.map((p) => p.id).sort()).toEqual(['acme-mls', 'acme-mls-2', 'acme-mls-3'])
  })
})

describe('import / export', () => {
  it('export is the profile file and carries no secrets', async () => {
    const created = await store.create(retsDraft)
    await secrets.set(created.id, 'password', 'exported-never-1234')
    await secrets.set(created.id, 'uaPassword', 'exported-never-5678')
    const text = await store.exportProfile(created.id)
    expect(text).toBe(await readFile(path.join(dir, 'acme-mls.json'), 'utf8'))
    expect(text).not.toContain('exported-never')
    expect(text).not.toMatch(/password/i)
    const file = path.join(dir, 'out', 'acme.json')
    await store.exportToFile(created.id, file)
    expect(await readFile(file, 'utf8')).toBe(text)
  })

  it('import keeps a free id, gives a colliding one a fresh id, and validates', async () => {
    const created = await store.create(retsDraft)
    const exported = await store.exportProfile(created.id)
    const again = await store.importProfile(exported)
    expect(again.id).toBe('acme-mls-2')
    expect(again.name).toBe('Acme MLS')
    const other = JSON.stringify({ ...JSON.parse(exported), id: 'elsewhere' })
    expect((await store.importProfile(other)).id).toBe('elsewhere')
    const builtIn = await store.importProfile(await store.exportProfile('demo-spark'))
    expect(builtIn).toMatchObject({ id: 'demo-mls-spark', kind: 'spark' })
    expect((await readdir(dir)).sort()).toEqual([
      'acme-mls-2.json',
      'acme-mls.json',
      'demo-mls-spark.json',
      'elsewhere.json'
    ])
  })

  it('import refuses a profile that carries a secret, and writes nothing', async () => {
    const withSecret = JSON.stringify({
      id: 'x',
      name: 'X',
      kind: 'rets',
      loginUrl: 'https://x.example/Login',
      userName: 'u',
      password: 'pw'
    })
    await expect(store.importProfile(withSecret)).rejects.toMatchObject({
      code: 'PROFILE_INVALID',
      detail: expect.stringContaining('password: looks like a secret')
    })
    await expect(store.importProfile('{ nope')).rejects.toMatchObject({
      code: 'PROFILE_INVALID',
      message: 'The imported profile is not valid JSON.'
    })
    await expect(store.importProfile('[1]')).rejects.toMatchObject({ code: 'PROFILE_INVALID' })
    expect(await readdir(dir)).toEqual([])
  })

  it('importFile reads a file, tolerating a BOM and an invalid id', async () => {
    const file = path.join(dir, '..', `${path.basename(dir)}-in.json`)
    await writeFile(
      file,
      `\uFEFF${JSON.stringify({ id: 'Not A Slug', name: 'Spark prod', kind: 'spark', apiUrl: 'https://sparkapi.com/v1', oauth: { grant: 'static' } })}`
    )
    try {
      expect((await store.importFile(file)).id).toBe('spark-prod')
    } finally {
      await rm(file, { force: true })
    }
  })
})
