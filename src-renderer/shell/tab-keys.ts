// The editor tabs' keys, as in browsers and VS Code: Mod+T new query tab, Mod+W close, Ctrl+Tab / Ctrl+Shift+Tab
// next / previous, Mod+1…8 the n-th tab and Mod+9 the last, Mod+Shift+T reopen the last closed one. In web mode the
// browser keeps some of these for itself; the desktop app gets them all.

export type TabKeyAction =
  | { type: 'new' }
  | { type: 'close' }
  | { type: 'reopen' }
  | { type: 'step'; by: 1 | -1 }
  | { type: 'goto'; index: number | 'last' }

export function tabKeyAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>
): TabKeyAction | undefined {
  if (e.altKey) return undefined
  if (e.ctrlKey && e.key === 'Tab') return { type: 'step', by: e.shiftKey ? -1 : 1 }
  if (!(e.ctrlKey || e.metaKey)) return undefined
  const key = e.key.toLowerCase()
  if (key === 't') return e.shiftKey ? { type: 'reopen' } : { type: 'new' }
  if (key === 'w' && !e.shiftKey) return { type: 'close' }
  if (!e.shiftKey && /^[1-9]$/.test(key))
    return key === '9' ? { type: 'goto', index: 'last' } : { type: 'goto', index: Number(key) - 1 }
  return undefined
}

/** The tab a step or a goto lands on, among `ids` (in strip order); undefined when there is none. */
export function targetTab(ids: readonly string[], active: string, action: TabKeyAction): string | undefined {
  if (!ids.length) return undefined
  if (action.type === 'step') {
    const i = Math.max(0, ids.indexOf(active))
    return ids[(i + action.by + ids.length) % ids.length]
  }
  if (action.type === 'goto') return action.index === 'last' ? ids.at(-1) : ids[action.index]
  return undefined
}
