// Every keyboard shortcut the workbench has, in one list: the cheat sheet shows it, and a test checks it names
// the keys the components really bind. `Mod` is Ctrl, or ⌘ on macOS.

export interface Shortcut {
  keys: string[]
  does: string
}

export interface ShortcutGroup {
  where: string
  items: Shortcut[]
}

export const SHORTCUTS: ShortcutGroup[] = [
  {
    where: 'Anywhere',
    items: [
      { keys: ['?'], does: 'Show this list (outside text fields)' },
      { keys: ['Mod', 'P'], does: 'Go to a profile, saved query, class or field' },
      { keys: ['Mod', 'Shift', 'P'], does: 'Command palette (F1 outside the editor)' },
      { keys: ['Mod', 'Shift', 'F'], does: 'Filter the metadata tree' },
      { keys: ['Esc'], does: 'Close a dialog or popup' }
    ]
  },
  {
    where: 'Editor tabs',
    items: [
      { keys: ['Mod', 'T'], does: 'New query tab on the connection in front' },
      { keys: ['Mod', 'W'], does: 'Close the tab' },
      { keys: ['Mod', 'Shift', 'T'], does: 'Reopen the last closed query tab' },
      { keys: ['Ctrl', 'Tab'], does: 'Next tab (with Shift: previous)' },
      { keys: ['Mod', '1…8'], does: 'Go to the n-th tab (Mod+9: the last)' }
    ]
  },
  {
    where: 'Query editor',
    items: [
      { keys: ['Mod', 'Enter'], does: 'Run the query' },
      { keys: ['Mod', 'S'], does: 'Save the query to the library' },
      { keys: ['Ctrl', 'Space'], does: 'Complete fields, lookup values, operators' },
      { keys: ['F1'], does: 'Editor commands' }
    ]
  },
  {
    where: 'Metadata tree',
    items: [
      { keys: ['↑', '↓'], does: 'Move' },
      { keys: ['→', '←'], does: 'Open or close a node; go to its parent' },
      { keys: ['Home', 'End', 'PgUp', 'PgDn'], does: 'Jump' },
      { keys: ['Enter'], does: 'Insert the field or value into the editor' }
    ]
  },
  {
    where: 'Results grid',
    items: [
      { keys: ['Mod', 'C'], does: 'Copy the selected cell' },
      { keys: ['Mod', 'Shift', 'C'], does: 'Copy the selected row (tab-separated)' }
    ]
  },
  {
    where: 'Saved queries',
    items: [
      { keys: ['Enter'], does: 'Open in a tab' },
      { keys: ['F2'], does: 'Rename' },
      { keys: ['Delete'], does: 'Delete (asks first)' }
    ]
  }
]

/** The key caps for this platform: Mod is ⌘ on macOS, Ctrl elsewhere. */
export function keyCaps(keys: string[], platform: string | undefined): string[] {
  const mac = platform === 'darwin'
  return keys.map((k) => (k === 'Mod' ? (mac ? '⌘' : 'Ctrl') : mac && k === 'Shift' ? '⇧' : k))
}

/** `?` opens the sheet unless the user is typing (inputs, text areas, the Monaco editor). */
export function isCheatSheetKey(e: KeyboardEvent): boolean {
  if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return false
  const target = e.target as HTMLElement | null
  if (!target) return true
  return !(target.closest('input, textarea, select, [contenteditable="true"], .monaco-editor') !== null)
}
