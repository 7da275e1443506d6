// The cheat sheet must tell the truth: every binding it lists exists in the component that handles it.
import { describe, expect, it } from 'vitest'
import { SHORTCUTS, isCheatSheetKey, keyCaps } from '../../../src-renderer/shell/shortcuts'
import monacoEditor from '../../../src-renderer/features/query/MonacoEditor.vue?raw'
import querySave from '../../../src-renderer/features/library/QuerySaveControl.vue?raw'
import editorArea from '../../../src-renderer/shell/EditorArea.vue?raw'
import resultsGrid from '../../../src-renderer/features/results/ResultsGrid.vue?raw'
import savedQueryRow from '../../../src-renderer/features/library/SavedQueryRow.vue?raw'

describe('keyboard shortcuts', () => {
  it('lists bindings that the components really have', () => {
    const all = SHORTCUTS.flatMap((g) => g.items.map((i) => i.keys.join('+')))
    expect(all).toEqual(expect.arrayContaining(['Mod+Enter', 'Mod+S', 'Mod+Shift+F', 'Mod+C', 'Mod+Shift+C', 'F2']))
    expect(monacoEditor).toContain('monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter')
    expect(querySave).toMatch(/e\.key\.toLowerCase\(\) !== 's'/)
    expect(editorArea).toMatch(/e\.shiftKey && e\.key\.toLowerCase\(\) === 'f'/)
    expect(resultsGrid).toMatch(/e\.key\.toLowerCase\(\) === 'c'/)
    expect(savedQueryRow).toContain('@keydown.f2')
  })

  it('shows ⌘ on macOS and Ctrl elsewhere', () => {
    expect(keyCaps(['Mod', 'Shift', 'F'], 'darwin')).toEqual(['⌘', '⇧', 'F'])
    expect(keyCaps(['Mod', 'Shift', 'F'], 'linux')).toEqual(['Ctrl', 'Shift', 'F'])
  })

  it('? opens the sheet, except while typing', () => {
    const input = document.createElement('input')
    const div = document.createElement('div')
    const key = (target: EventTarget) => {
      const e = new KeyboardEvent('keydown', { key: '?' })
      Object.defineProperty(e, 'target', { value: target })
      return e
    }
    expect(isCheatSheetKey(key(div))).toBe(true)
    expect(isCheatSheetKey(key(input))).toBe(false)
    expect(isCheatSheetKey(new KeyboardEvent('keydown', { key: '?', ctrlKey: true }))).toBe(false)
  })
})
