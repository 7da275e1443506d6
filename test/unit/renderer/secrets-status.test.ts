// Where secrets are kept is told as a plain sentence with what to do; the technical reason sits behind "Details".
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import WelcomeView from '../../../src-renderer/shell/WelcomeView.vue'
import StatusBar from '../../../src-renderer/shell/StatusBar.vue'
import { useAppStore } from '../../../src-renderer/shell/app-store'
import type { AppInfo } from '../../../contract/app-channels'

const memoryOnly: AppInfo['keychain'] = {
  kind: 'memory',
  persistent: false,
  summary:
    'Secrets are kept in memory for this session only: the system keychain is not available (libsecret is not installed).',
  advice: 'Install libsecret and a keyring (Debian/Ubuntu: sudo apt-get install libsecret-1-dev gnome-keyring).',
  detail: "keytar could not be loaded (Cannot find package 'keytar')."
}

function withKeychain(keychain: AppInfo['keychain']) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAppStore().info = {
    name: 'MLS Workbench',
    version: '0',
    platform: 'linux',
    mode: 'web',
    keychain,
    userDataDir: '/home/u/.config/MLS Workbench',
    demoMlsUrl: null,
    nativeDialogs: false
  }
  return pinia
}

beforeEach(() => localStorage.clear())

describe('where secrets are kept', () => {
  it('Welcome says it in a sentence, says what to do, and keeps the technical reason behind Details', () => {
    const w = mount(WelcomeView, { global: { plugins: [withKeychain(memoryOnly)] } })
    const card = w.get('[data-testid="welcome-secrets"]')
    const paragraphs = card.findAll(':scope > p').map((p) => p.text())
    expect(paragraphs).toEqual([memoryOnly.summary, memoryOnly.advice])
    expect(card.get('p').classes()).toContain('warn')
    const details = card.get('details')
    expect(details.get('summary').text()).toBe('Details')
    expect(details.get('p').text()).toBe(memoryOnly.detail)
  })

  it('Welcome shows no advice or Details when the keychain is in use', () => {
    const keychain = {
      kind: 'keychain',
      persistent: true,
      summary: 'Secrets are stored in the system keychain.'
    } as const
    const w = mount(WelcomeView, { global: { plugins: [withKeychain(keychain)] } })
    const card = w.get('[data-testid="welcome-secrets"]')
    expect(card.text()).toBe(keychain.summary)
    expect(card.find('details').exists()).toBe(false)
  })

  it('the status bar names the store in two words and tells the sentence on hover', () => {
    const w = mount(StatusBar, { global: { plugins: [withKeychain(memoryOnly)] } })
    const item = w.get('[data-testid="keychain-status"]')
    expect(item.text()).toBe('Secrets: this session only')
    expect(item.attributes('title')).toBe(`${memoryOnly.summary} ${memoryOnly.advice}`)
  })
})
