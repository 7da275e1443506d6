// The command palette lists the application menu's commands and runs the one picked, like the menu does.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import CommandPalette from '../../../src-renderer/shell/CommandPalette.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useThemeStore } from '../../../src-renderer/shell/theme-store'
import { useAppStore } from '../../../src-renderer/shell/app-store'
import { MENU_COMMANDS } from '../../../contract/menu-commands'
import { fakeApi } from './fake-api'

beforeEach(() => {
  localStorage.clear()
  useTransport(fakeApi({}))
  setActivePinia(createPinia())
})

describe('command palette', () => {
  it('opens on Ctrl+Shift+P with every menu command, filters as you type and runs with Enter', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const w = mount(CommandPalette, { global: { plugins: [pinia] }, attachTo: document.body })
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'P', ctrlKey: true, shiftKey: true }))
    await flushPromises()
    expect(w.findAll('[data-testid="command-item"]')).toHaveLength(MENU_COMMANDS.length)
    await w.get('[data-testid="command-query"]').setValue('theme')
    expect(w.findAll('[data-testid="command-item"]').map((li) => li.text())).toEqual([
      'Switch theme (system, light, dark)'
    ])
    const before = useThemeStore().preference
    await w.get('[data-testid="command-query"]').trigger('keydown', { key: 'Enter' })
    expect(useThemeStore().preference).not.toBe(before)
    expect(w.find('[data-testid="command-palette"]').exists()).toBe(false)

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F1' }))
    await flushPromises()
    await w.get('[data-testid="command-query"]').setValue('shortcuts')
    await w.get('[data-testid="command-item"]').trigger('click')
    expect(useAppStore().shortcutsOpen).toBe(true)
    w.unmount()
  })
})
