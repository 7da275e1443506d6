// The raw view's "Copy as ▾" menu: each format asks main for the command of the selected request and copies it,
// the toast naming the variables to set.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useTransport } from '../../../src-renderer/api/client'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import CopyAsMenu from '../../../src-renderer/features/raw/CopyAsMenu.vue'
import { fakeApi, type FakeApi } from './fake-api'

let api: FakeApi
const writeText = vi.fn(async () => undefined)

beforeEach(() => {
  setActivePinia(createPinia())
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  writeText.mockClear()
  api = fakeApi({
    'wire:copyAs': ({ format }) => ({ text: `${format} command\n`, variables: ['MLS_PASSWORD', 'MLS_USER'] })
  })
  useTransport(api)
})

describe('Copy as', () => {
  it('copies curl, PowerShell and fetch and says which variables to set', async () => {
    const w = mount(CopyAsMenu, { props: { id: 'w7' } })
    for (const format of ['curl', 'powershell', 'fetch']) {
      await w.get('[data-testid="copy-as"]').trigger('click')
      await w.get(`[data-testid="copy-as-${format}"]`).trigger('click')
      await flushPromises()
      expect(writeText).toHaveBeenLastCalledWith(`${format} command\n`)
      expect(w.find('[role="menu"]').exists()).toBe(false)
    }
    expect(api.calls.filter((c) => c.channel === 'wire:copyAs').map((c) => c.args)).toEqual([
      { id: 'w7', format: 'curl' },
      { id: 'w7', format: 'powershell' },
      { id: 'w7', format: 'fetch' }
    ])
    expect(JSON.stringify(useToastStore().$state)).toContain('set MLS_PASSWORD, MLS_USER first')
  })
})
