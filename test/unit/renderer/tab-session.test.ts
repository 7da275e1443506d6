// Editor tab keys (Ctrl+T/W/Tab/1…9, reopen closed) and query tabs restored after a restart.
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useTransport } from '../../../src-renderer/api/client'
import { useQueryTabsStore, WELCOME_TAB } from '../../../src-renderer/features/query/query-tabs-store'
import {
  closeQueryTab,
  reopenClosed,
  restoreAndKeepTabs,
  saveTabs
} from '../../../src-renderer/features/query/tab-session'
import { tabKeyAction, targetTab } from '../../../src-renderer/shell/tab-keys'
import { fakeApi } from './fake-api'

const RETS = { id: 'acme', name: 'Acme', kind: 'rets' as const, builtin: false, url: '', storedSecrets: [] }
const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods
})

beforeEach(() => {
  localStorage.clear()
  useTransport(fakeApi({}))
  setActivePinia(createPinia())
})

describe('tab keys', () => {
  it('maps the browser / VS Code keys', () => {
    expect(tabKeyAction(key('t', { ctrlKey: true }))).toEqual({ type: 'new' })
    expect(tabKeyAction(key('T', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'reopen' })
    expect(tabKeyAction(key('w', { metaKey: true }))).toEqual({ type: 'close' })
    expect(tabKeyAction(key('Tab', { ctrlKey: true }))).toEqual({ type: 'step', by: 1 })
    expect(tabKeyAction(key('Tab', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'step', by: -1 })
    expect(tabKeyAction(key('2', { ctrlKey: true }))).toEqual({ type: 'goto', index: 1 })
    expect(tabKeyAction(key('9', { ctrlKey: true }))).toEqual({ type: 'goto', index: 'last' })
    expect(tabKeyAction(key('t'))).toBeUndefined()
    expect(tabKeyAction(key('Tab'))).toBeUndefined()
  })
  it('steps round the strip and jumps to the n-th or last tab', () => {
    const ids = ['welcome', 'q1', 'q2']
    expect(targetTab(ids, 'q2', { type: 'step', by: 1 })).toBe('welcome')
    expect(targetTab(ids, 'welcome', { type: 'step', by: -1 })).toBe('q2')
    expect(targetTab(ids, 'q1', { type: 'goto', index: 0 })).toBe('welcome')
    expect(targetTab(ids, 'q1', { type: 'goto', index: 'last' })).toBe('q2')
    expect(targetTab(ids, 'q1', { type: 'goto', index: 5 })).toBeUndefined()
  })
})

describe('query tabs across sessions', () => {
  it('reopens a closed tab with its text and parameters', () => {
    const store = useQueryTabsStore()
    const tab = store.open(RETS)!
    tab.text = '(LIST_22=1+)'
    tab.params = { ...tab.params, ...(tab.params.kind === 'dmql' ? { resource: 'Property', class: 'RES' } : {}) }
    closeQueryTab(tab.id)
    expect(store.tabs).toHaveLength(0)
    expect(reopenClosed()).toBe(true)
    expect(store.tabs[0]).toMatchObject({ profileId: 'acme', text: '(LIST_22=1+)', params: { class: 'RES' } })
    expect(reopenClosed()).toBe(false)
  })

  it('restores the last session’s tabs at start, Welcome still in front', () => {
    const before = useQueryTabsStore()
    const tab = before.open(RETS)!
    tab.text = '(City=FAR)'
    saveTabs(before.tabs)

    setActivePinia(createPinia()) // a restart: new stores, same localStorage
    restoreAndKeepTabs()
    const after = useQueryTabsStore()
    expect(after.tabs.map((t) => [t.profileId, t.text])).toEqual([['acme', '(City=FAR)']])
    expect(after.active).toBe(WELCOME_TAB)
  })
})
