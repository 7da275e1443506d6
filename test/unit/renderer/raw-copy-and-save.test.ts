// The raw view's "Copy as ▾" menu (each format asks main for the command of the selected request and copies it, the
// toast naming the variables to set), "Save body…" (the typed path goes to wire:saveBody) and image thumbnails.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useTransport } from '../../../src-renderer/api/client'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import CopyAsMenu from '../../../src-renderer/features/raw/CopyAsMenu.vue'
import SaveBodyButton from '../../../src-renderer/features/raw/SaveBodyButton.vue'
import WireImages from '../../../src-renderer/features/raw/WireImages.vue'
import type { WireEntry } from '../../../contract/wire-channels'
import { fakeApi, type FakeApi } from './fake-api'

let api: FakeApi
const PNG = 'data:image/png;base64,iVBORw0KGgo='
const writeText = vi.fn(async () => undefined)

beforeEach(() => {
  setActivePinia(createPinia())
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  writeText.mockClear()
  api = fakeApi({
    'wire:copyAs': ({ format }) => ({ text: `${format} command\n`, variables: ['MLS_PASSWORD', 'MLS_USER'] }),
    'wire:saveBody': ({ path }) => ({ path, bytes: 1234, redacted: true }),
    'wire:images': () => ({
      images: [
        { index: 0, contentType: 'image/png', bytes: 68, objectId: '1', contentId: 'L1', dataUrl: PNG },
        { index: 1, contentType: 'image/jpeg', bytes: 9_000_000, objectId: '2', contentId: 'L1' }
      ],
      more: true
    })
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

describe('Save body', () => {
  it('sends the typed path to main and reports the saved size', async () => {
    const w = mount(SaveBodyButton, { props: { id: 'w3' } })
    await w.get('[data-testid="save-body"]').trigger('click')
    expect(w.get('[data-testid="save-body-ok"]').attributes('disabled')).toBeDefined()
    await w.get('[data-testid="save-body-path"]').setValue('/tmp/reply.xml')
    await w.get('[data-testid="save-body-form"]').trigger('submit')
    await flushPromises()
    expect(api.calls.find((c) => c.channel === 'wire:saveBody')?.args).toEqual({ id: 'w3', path: '/tmp/reply.xml' })
    expect(JSON.stringify(useToastStore().$state)).toContain('Saved 1,234 bytes to /tmp/reply.xml (secrets redacted)')
    expect(w.find('[data-testid="save-body-form"]').exists()).toBe(false)
  })
})

describe('image parts', () => {
  it('shows a thumbnail per image, a bare entry for one too large, and one larger on click', async () => {
    const entry: WireEntry = {
      id: 'w5',
      method: 'GET',
      url: 'http://h/rets/GetObject?ID=L1:*',
      startedAt: 't',
      requestHeaders: {},
      responseHeaders: {},
      contentType: 'multipart/parallel; boundary=x',
      bodySize: 9_000_100
    }
    const w = mount(WireImages, { props: { entry } })
    await flushPromises()
    const thumbs = w.findAll('[data-testid="raw-image"]')
    expect(thumbs).toHaveLength(2)
    expect(thumbs[0]!.get('img').attributes('src')).toBe(PNG)
    expect(thumbs[1]!.find('img').exists()).toBe(false)
    expect(thumbs[1]!.text()).toContain('too large to preview')
    expect(w.text()).toContain('More images in this reply are not previewed')
    await thumbs[0]!.trigger('click')
    expect(w.get('[data-testid="raw-image-large"] img').attributes('src')).toBe(PNG)
  })
})
