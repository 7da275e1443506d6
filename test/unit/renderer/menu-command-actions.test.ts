// The window's side of the application menu: every command the menu can send has an action, and a command that
// arrives over `menu:command` runs the same store action as the matching button or shortcut.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { MENU_COMMANDS } from '../../../contract/menu-commands'
import { useTransport } from '../../../src-renderer/api/client'
import { commandTable, followMenuCommands } from '../../../src-renderer/shell/menu-command-actions'
import { useAppStore } from '../../../src-renderer/shell/app-store'
import { useThemeStore } from '../../../src-renderer/shell/theme-store'
import { useQueryTabsStore } from '../../../src-renderer/features/query/query-tabs-store'
import { fakeApi, type FakeApi } from './fake-api'

let api: FakeApi
beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  api = fakeApi({ 'query:run': () => ({ jobId: 'job1', resultId: 'res1' }) })
  useTransport(api)
})

describe('menu commands in the window', () => {
  it('has an action for every command the menu sends', () => {
    expect(Object.keys(commandTable()).sort()).toEqual([...MENU_COMMANDS].sort())
  })

  it('runs the store actions of the buttons and shortcuts', async () => {
    const stop = followMenuCommands()
    const theme = useThemeStore()
    expect(theme.preference).toBe('system')
    api.emit('menu:command', { command: 'view.cycleTheme' })
    expect(theme.preference).toBe('light')

    api.emit('menu:command', { command: 'help.shortcuts' })
    expect(useAppStore().shortcutsOpen).toBe(true)

    const tabs = useQueryTabsStore()
    const tab = tabs.open({ id: 'demo-reso', name: 'Demo', kind: 'reso', builtin: true, url: '', storedSecrets: [] })
    if (!tab || tab.params.kind !== 'odata') throw new Error('expected an OData tab')
    tab.params.resource = 'Property'
    api.emit('menu:command', { command: 'query.run' })
    await flushPromises()
    expect(api.calls.filter((c) => c.channel === 'query:run')).toHaveLength(1)

    const box = document.createElement('input')
    box.dataset.testid = 'tree-filter'
    document.body.append(box)
    api.emit('menu:command', { command: 'metadata.filter' })
    expect(document.activeElement).toBe(box)
    box.remove()

    // after unsubscribing nothing runs, and unknown commands are ignored
    stop()
    api.emit('menu:command', { command: 'view.cycleTheme' })
    expect(theme.preference).toBe('light')
  })
})
