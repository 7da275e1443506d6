import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, onMounted } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

// Monaco itself does not run in happy-dom: the core is replaced by a recorder of setTheme calls, and the language
// and feature contributions by nothing. What is under test is setup.ts's own lifetime rule.
const setTheme = vi.fn()
vi.mock('monaco-editor/editor/editor.api', () => ({ editor: { setTheme } }))
vi.mock('monaco-editor/editor/editor.worker?worker', () => ({ default: class {} }))
vi.mock('monaco-editor/language/json/json.worker?worker', () => ({ default: class {} }))
vi.mock('monaco-editor/language/json/monaco.contribution', () => ({}))
vi.mock('monaco-editor/languages/definitions/xml/register', () => ({}))
vi.mock('monaco-editor/languages/definitions/sql/register', () => ({}))
vi.mock('../../../src-renderer/monaco/variables', () => ({ registerVariables: () => {} }))
vi.mock('../../../src-renderer/monaco/editor-features', () => ({}))
vi.mock('../../../src-renderer/monaco/languages/dmql', () => ({ dmqlSpec: {}, registerDmql: () => {} }))
vi.mock('../../../src-renderer/monaco/languages/odata', () => ({ odataSpec: {}, registerOData: () => {} }))
vi.mock('../../../src-renderer/monaco/languages/sparkql', () => ({ sparkqlSpec: {}, registerSparkQL: () => {} }))

const { ensureMonaco } = await import('../../../src-renderer/monaco/setup')
const { useThemeStore } = await import('../../../src-renderer/shell/theme-store')

describe('Monaco theme', () => {
  it('still follows the app theme after the editor that loaded Monaco is unmounted (first query tab closed)', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const theme = useThemeStore()
    theme.preference = 'light'
    const FirstEditor = defineComponent({
      setup() {
        onMounted(() => ensureMonaco())
        return () => h('div')
      }
    })
    const w = mount(FirstEditor, { global: { plugins: [pinia] } })
    expect(setTheme).toHaveBeenLastCalledWith('vs')
    w.unmount()
    theme.preference = 'dark'
    await nextTick()
    expect(setTheme).toHaveBeenLastCalledWith('vs-dark')
  })
})
