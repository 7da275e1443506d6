// The record inspector's photo thumbnails: each photo link of the row is asked of main (results:photo, with the row
// it is in), shown as a thumbnail, opened large with a click; a photo main could not fetch says why.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import RecordInspector from '../../../src-renderer/features/inspector/RecordInspector.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { fakeApi, type FakeApi } from './fake-api'

const PIXEL = 'data:image/png;base64,iVBORw0KGgo='
const columns = [{ name: 'ListingKey' }, { name: 'Media' }]
const media = JSON.stringify([
  { MediaURL: 'http://mls.example/m/1.jpg', Order: 1 },
  { MediaURL: 'http://mls.example/m/2.jpg', Order: 2 }
])
const props = {
  columns,
  cells: ['K1', media],
  rowNumber: 7,
  fieldOf: () => undefined,
  longOf: () => undefined,
  source: { profileId: 'demo-reso', resultId: 'res1' }
}

let api: FakeApi
beforeEach(() => {
  api = fakeApi({
    'results:photo': ({ url }) => {
      if (url.endsWith('2.jpg')) throw new Error('GET http://mls.example/m/2.jpg answered 404, not an image.')
      return { dataUrl: PIXEL, contentType: 'image/png', bytes: 8 }
    }
  })
  useTransport(api)
})

describe('inspector photo thumbnails', () => {
  it('asks main for each photo of the row and shows the ones it got; a failed one says why', async () => {
    const w = mount(RecordInspector, { props, attachTo: document.body })
    await flushPromises()
    expect(api.calls.map((c) => c.args)).toEqual([
      { profileId: 'demo-reso', resultId: 'res1', row: 7, url: 'http://mls.example/m/1.jpg' },
      { profileId: 'demo-reso', resultId: 'res1', row: 7, url: 'http://mls.example/m/2.jpg' }
    ])
    const thumbs = w.findAll('[data-testid="inspector-thumb"]')
    expect(thumbs).toHaveLength(1)
    expect(thumbs[0]!.get('img').attributes('src')).toBe(PIXEL)
    expect(w.get('[data-testid="inspector-thumb-failed"]').attributes('title')).toContain('answered 404')

    await thumbs[0]!.trigger('click')
    const viewer = w.get('[data-testid="photo-viewer"]')
    expect(viewer.get('img').attributes('src')).toBe(PIXEL)
    expect(viewer.text()).toContain('http://mls.example/m/1.jpg')
    await viewer.trigger('keydown', { key: 'Escape' })
    expect(w.find('[data-testid="photo-viewer"]').exists()).toBe(false)
    w.unmount()
  })

  it('asks again for the next row; without a source (no connection) shows links only', async () => {
    const w = mount(RecordInspector, { props, attachTo: document.body })
    await flushPromises()
    await w.setProps({ rowNumber: 8 })
    await flushPromises()
    expect(api.calls.slice(2).map((c) => (c.args as { row: number }).row)).toEqual([8, 8])
    w.unmount()
    const bare = mount(RecordInspector, { props: { ...props, source: undefined } })
    expect(bare.find('[data-testid="inspector-thumbs"]').exists()).toBe(false)
    expect(bare.get('[data-testid="inspector-photos"]').text()).toContain('2 photo links')
  })
})
