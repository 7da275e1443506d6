// The profile editor's "Sync store" section: the kinds the sync engine reads choose SQLite (shown where) or
// PostgreSQL; the connection string is checked, a password pasted into it moves to the password secret field (which
// shows only for PostgreSQL), and the saved profile holds no password.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import ProfileEditor from '../../../src-renderer/features/profiles/ProfileEditor.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useProfileEditorStore } from '../../../src-renderer/features/profiles/profile-editor-store'
import { checkPostgresUrl, sqliteLocation, setSyncStore } from '../../../src-renderer/features/profiles/sync-store-form'
import { useAppStore } from '../../../src-renderer/shell/app-store'
import { connectionProfileSchema } from '../../../contract/profile-schema'
import type { ProfileKind } from '../../../contract/kinds'
import { fakeApi, type FakeApi } from './fake-api'

let api: FakeApi
let pinia: Pinia
const saved: Record<string, Record<string, unknown>> = {}
const secrets: Array<{ name: string; value: string }> = []

beforeEach(() => {
  for (const k of Object.keys(saved)) delete saved[k]
  secrets.length = 0
  api = fakeApi({
    'profiles:list': () => [],
    // main's own check: the schema refuses a password in the connection string
    'profiles:save': ({ profileId, profile }) => {
      const id = profileId ?? 'acme'
      saved[id] = connectionProfileSchema.parse({ ...profile, id }) as unknown as Record<string, unknown>
      return saved[id] as never
    },
    'secrets:set': ({ name, value }) => {
      secrets.push({ name, value })
      return { stored: true, persistent: false }
    }
  })
  useTransport(api)
  pinia = createPinia()
  setActivePinia(pinia)
  useAppStore().info = {
    name: 'MLS Workbench',
    version: '0',
    platform: 'linux',
    mode: 'web',
    keychain: { kind: 'memory', persistent: false, summary: '' },
    userDataDir: '/home/ann/.config/mls-workbench',
    demoMlsUrl: null,
    nativeDialogs: false
  }
})

function open(kind: ProfileKind, draft: Record<string, unknown> = {}): VueWrapper {
  const editor = useProfileEditorStore()
  editor.create(kind)
  Object.assign(editor.draft, draft)
  return mount(ProfileEditor, { global: { plugins: [pinia] }, attachTo: document.body })
}

const spark = {
  name: 'Acme',
  apiUrl: 'https://sparkapi.com',
  oauth: { grant: 'client_credentials', tokenUrl: 'https://sparkapi.com/v1/oauth2/grant', clientId: 'c' }
}

describe('sync store connection string', () => {
  it('takes a password out of user:password@ or ?password=, keeping the rest as written', () => {
    expect(checkPostgresUrl('postgresql://sync@db.example.com:5432/mls')).toEqual({
      url: 'postgresql://sync@db.example.com:5432/mls'
    })
    expect(checkPostgresUrl(' postgres://sync:hunter%402@db/mls?sslmode=require ')).toEqual({
      url: 'postgres://sync@db/mls?sslmode=require',
      password: 'hunter@2'
    })
    expect(checkPostgresUrl('postgresql://:p@ss@db/mls')).toEqual({ url: 'postgresql://db/mls', password: 'p@ss' })
    expect(checkPostgresUrl('postgresql://sync@db/mls?sslmode=require&password=s3cret')).toEqual({
      url: 'postgresql://sync@db/mls?sslmode=require',
      password: 's3cret'
    })
  })

  it('explains a string that is not a PostgreSQL URL', () => {
    expect(checkPostgresUrl('mysql://db/mls').problem).toMatch(/starts with postgresql:\/\//)
    expect(checkPostgresUrl('db.example.com').problem).toMatch(/postgresql:\/\/user@/)
    expect(checkPostgresUrl('').problem).toBeUndefined()
  })

  it('shows the SQLite file in the user-data folder, in its path style', () => {
    expect(sqliteLocation('/home/ann/.config/mls', 'acme')).toBe('/home/ann/.config/mls/sync/acme.sqlite')
    expect(sqliteLocation('C:\\Users\\ann\\AppData\\Roaming\\mls', 'acme')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\mls\\sync\\acme.sqlite'
    )
    expect(sqliteLocation('/u/', null)).toBe('/u/sync/<profile id>.sqlite')
  })

  it('SQLite without a connection string leaves no sync settings in the profile', () => {
    const draft: Record<string, unknown> = { sync: { store: 'postgres' } }
    setSyncStore(draft, 'sqlite')
    expect(draft).toEqual({})
    const kept: Record<string, unknown> = { sync: { store: 'postgres', postgresUrl: 'postgresql://db/x' } }
    setSyncStore(kept, 'sqlite')
    expect(kept).toEqual({ sync: { store: 'sqlite', postgresUrl: 'postgresql://db/x' } })
  })
})

describe('profile editor: Sync store section', () => {
  it('is on the forms of the kinds that sync (RETS, RESO, Spark, the IDX API), not Listing Activity', async () => {
    for (const kind of ['rets', 'reso', 'spark', 'idx', 'activity'] as const) {
      const w = open(kind)
      await flushPromises()
      expect(w.find('[data-testid="profile-sync-store"]').exists(), kind).toBe(kind !== 'activity')
      w.unmount()
    }
  })

  it('SQLite by default, with the file shown and no PostgreSQL password asked', async () => {
    const w = open('spark', spark)
    await flushPromises()
    expect((w.get('[data-testid="pf-sync-store"]').element as HTMLSelectElement).value).toBe('sqlite')
    expect(w.get('[data-testid="pf-sync-sqlite-path"]').text()).toBe(
      '/home/ann/.config/mls-workbench/sync/<profile id>.sqlite'
    )
    expect(w.find('[data-testid="pf-sync-postgresUrl"]').exists()).toBe(false)
    expect(w.find('[data-testid="secret-postgresPassword"]').exists()).toBe(false)
    expect(w.find('[data-testid="secret-clientSecret"]').exists()).toBe(true)
    w.unmount()
  })

  it('PostgreSQL: a pasted password moves to the secret field; the saved profile has none', async () => {
    const w = open('spark', spark)
    await flushPromises()
    await w.get('[data-testid="pf-sync-store"]').setValue('postgres')
    expect(w.find('[data-testid="pf-sync-sqlite-path"]').exists()).toBe(false)
    expect(w.find('[data-testid="secret-postgresPassword"]').exists()).toBe(true)

    const input = w.get('[data-testid="pf-sync-postgresUrl"]')
    await input.setValue('postgresql://sync:hunter2@db.example.com/mls')
    expect((input.element as HTMLInputElement).value).toBe('postgresql://sync@db.example.com/mls')
    expect((w.get('[data-testid="secret-postgresPassword"]').element as HTMLInputElement).value).toBe('hunter2')
    expect(w.get('[data-testid="pf-sync-password-moved"]').text()).toMatch(/keychain/)

    await w.get('[data-testid="profile-save"]').trigger('click')
    await flushPromises()
    expect(saved.acme?.sync).toEqual({ store: 'postgres', postgresUrl: 'postgresql://sync@db.example.com/mls' })
    expect(JSON.stringify(saved.acme)).not.toContain('hunter2')
    expect(secrets).toEqual([{ name: 'postgresPassword', value: 'hunter2' }])
    w.unmount()
  })

  it('refuses a connection string of another scheme, in words', async () => {
    const w = open('rets', { name: 'Acme', loginUrl: 'http://x/rets/Login', userName: 'u' })
    await flushPromises()
    await w.get('[data-testid="pf-sync-store"]').setValue('postgres')
    await w.get('[data-testid="pf-sync-postgresUrl"]').setValue('mysql://db/mls')
    expect(w.get('[role="alert"]').text()).toMatch(/starts with postgresql:\/\//)
    w.unmount()
  })

  it('a password typed for PostgreSQL is not sent once the store is back on SQLite', async () => {
    const editor = useProfileEditorStore()
    const w = open('spark', spark)
    await flushPromises()
    await w.get('[data-testid="pf-sync-store"]').setValue('postgres')
    await w.get('[data-testid="secret-postgresPassword"]').setValue('typed')
    await w.get('[data-testid="pf-sync-store"]').setValue('sqlite')
    expect(await editor.save()).toBe(true)
    expect(saved.acme?.sync).toBeUndefined()
    expect(secrets).toEqual([])
    w.unmount()
  })
})
