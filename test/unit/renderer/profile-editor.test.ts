// The profile editor: a new form starts on the schema's defaults, "Test connection" does not leave a profile behind
// when the dialog is cancelled, and a stored secret says where it really is.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import ProfileEditor from '../../../src-renderer/features/profiles/ProfileEditor.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useProfileEditorStore } from '../../../src-renderer/features/profiles/profile-editor-store'
import { useAppStore } from '../../../src-renderer/shell/app-store'
import type { AppInfo } from '../../../contract/app-channels'
import { fakeApi, type FakeApi } from './fake-api'

let api: FakeApi
let pinia: Pinia
const saved: Record<string, Record<string, unknown>> = {}

function info(persistent: boolean): AppInfo {
  return {
    name: 'MLS Workbench',
    version: '0',
    platform: 'linux',
    mode: 'web',
    keychain: { kind: persistent ? 'keychain' : 'memory', persistent, summary: '' },
    userDataDir: '/tmp/u',
    demoMlsUrl: null,
    nativeDialogs: false
  }
}

beforeEach(() => {
  for (const k of Object.keys(saved)) delete saved[k]
  api = fakeApi({
    'profiles:list': () => [],
    'profiles:save': ({ profileId, profile }) => {
      const id = profileId ?? 'acme'
      saved[id] = { ...profile, id }
      return saved[id] as never
    },
    'profiles:delete': ({ profileId }) => ({ deleted: delete saved[profileId] }),
    'profiles:get': ({ profileId }) => structuredClone(saved[profileId]) as never,
    'profiles:test': () => [],
    'secrets:set': () => ({ stored: true, persistent: false })
  })
  useTransport(api)
  pinia = createPinia()
  setActivePinia(pinia)
})

const selected = (w: ReturnType<typeof mount>, id: string): string =>
  (w.get(`[data-testid="${id}"]`).element as HTMLSelectElement).value

describe('profile editor', () => {
  it('starts a new RETS form on the defaults: RETS version, authentication, send by', async () => {
    const editor = useProfileEditorStore()
    editor.create('rets')
    const w = mount(ProfileEditor, { global: { plugins: [pinia] }, attachTo: document.body })
    await flushPromises()
    expect(selected(w, 'pf-retsVersion')).toBe('1.7.2')
    expect(selected(w, 'pf-authMethod')).toBe('auto')
    expect(selected(w, 'pf-httpMethod')).toBe('GET')
    w.unmount()
  })

  it('Test connection on a new profile, then Cancel: the profile saved for the test is removed', async () => {
    const editor = useProfileEditorStore()
    editor.create('rets')
    Object.assign(editor.draft, { name: 'Acme', loginUrl: 'http://x/rets/Login', userName: 'u' })
    await editor.test()
    expect(Object.keys(saved)).toEqual(['acme'])
    await editor.cancel()
    expect(editor.open).toBe(false)
    expect(saved).toEqual({})
    expect(api.calls.map((c) => c.channel)).toContain('profiles:delete')
  })

  it('Test connection on an edited profile, then Cancel: the profile is put back as it was', async () => {
    saved.acme = { id: 'acme', kind: 'rets', name: 'Acme', loginUrl: 'http://x/rets/Login', userName: 'old' }
    const editor = useProfileEditorStore()
    await editor.edit({ id: 'acme', name: 'Acme', kind: 'rets', builtin: false, url: '', storedSecrets: [] })
    editor.draft.userName = 'new'
    await editor.test()
    expect(saved.acme?.userName).toBe('new')
    await editor.cancel()
    expect(saved.acme?.userName).toBe('old')
  })

  it('Save after a test keeps the profile (nothing to undo)', async () => {
    const editor = useProfileEditorStore()
    editor.create('rets')
    Object.assign(editor.draft, { name: 'Acme', loginUrl: 'http://x/rets/Login', userName: 'u' })
    await editor.test()
    expect(await editor.save()).toBe(true)
    await editor.cancel()
    expect(Object.keys(saved)).toEqual(['acme'])
  })

  it('says a stored secret is in memory only when there is no keychain', async () => {
    useAppStore().info = info(false)
    const editor = useProfileEditorStore()
    saved.acme = { id: 'acme', kind: 'rets', name: 'Acme', loginUrl: 'http://x/rets/Login', userName: 'u' }
    await editor.edit({ id: 'acme', name: 'Acme', kind: 'rets', builtin: false, url: '', storedSecrets: ['password'] })
    const w = mount(ProfileEditor, { global: { plugins: [pinia] }, attachTo: document.body })
    await flushPromises()
    const text = w.get('[data-testid="secret-stored-password"]').text()
    expect(text).not.toContain('keychain')
    expect(text).toContain('memory')
    w.unmount()
  })
})
