// Remembers window size, position and maximised state between runs; ignores a saved position that is now off
// every display (an unplugged monitor) so the window never opens out of sight.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { screen, type BrowserWindow, type Rectangle } from 'electron'
import { writeFileAtomicSync } from '../../platform/files/atomic-write-sync'

interface SavedState {
  bounds: Rectangle
  maximized: boolean
}

const DEFAULT_BOUNDS = { width: 1400, height: 900 }

export function loadWindowState(userDataDir: string): Partial<Rectangle> & { maximized: boolean } {
  try {
    const saved = JSON.parse(readFileSync(statePath(userDataDir), 'utf8')) as SavedState
    const visible = screen.getAllDisplays().some((d) => intersects(d.workArea, saved.bounds))
    return visible ? { ...saved.bounds, maximized: saved.maximized } : { ...DEFAULT_BOUNDS, maximized: false }
  } catch {
    return { ...DEFAULT_BOUNDS, maximized: false }
  }
}

export function trackWindowState(win: BrowserWindow, userDataDir: string): void {
  let timer: NodeJS.Timeout | undefined
  const save = (): void => {
    if (win.isDestroyed()) return
    const state: SavedState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() }
    writeFileAtomicSync(statePath(userDataDir), JSON.stringify(state, null, 2))
  }
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  win.on('resize', later)
  win.on('move', later)
  win.on('close', () => {
    clearTimeout(timer)
    save()
  })
}

function statePath(dir: string): string {
  return path.join(dir, 'window-state.json')
}

function intersects(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}
