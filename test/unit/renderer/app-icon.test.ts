import { describe, expect, it } from 'vitest'
import library from 'monaco-editor/base/common/codiconsLibrary.js?raw'
import { mount } from '@vue/test-utils'
import AppIcon, { ICONS } from '../../../src-renderer/ui/AppIcon.vue'

// The code points are Monaco's: checked against the codicon library the installed monaco-editor registers, so an
// upgrade that moves a glyph fails here instead of drawing the wrong icon.
const ALIAS: Record<string, string> = { stop: 'debug-stop' }

describe('AppIcon', () => {
  it('uses the code points of the codicon font Monaco ships', () => {
    for (const [name, code] of Object.entries(ICONS)) {
      const m = new RegExp(`register\\('${ALIAS[name] ?? name}', (0x[0-9a-f]+)\\)`).exec(library)
      expect(m?.[1], name).toBe(`0x${code.toString(16)}`)
    }
  })
  it('renders the glyph hidden from screen readers, and follows a change of name', async () => {
    const w = mount(AppIcon, { props: { name: 'chevron-right' } })
    expect(w.attributes('aria-hidden')).toBe('true')
    expect(w.text()).toBe(String.fromCodePoint(0xeab6))
    await w.setProps({ name: 'chevron-down' })
    expect(w.text()).toBe(String.fromCodePoint(0xeab4))
  })
})
