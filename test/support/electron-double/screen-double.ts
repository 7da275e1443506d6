// screen: the displays attached right now. A test unplugs one to see where a window whose saved position was on it
// opens. Like Electron's, it cannot be used before the app is ready.
import type { Same } from './electron-types'

/** A display at the given place (its work area leaves room for a 32 px panel at the top). */
export function display(id: number, bounds: Electron.Rectangle): Electron.Display {
  const workArea = { x: bounds.x, y: bounds.y + 32, width: bounds.width, height: bounds.height - 32 }
  return {
    id,
    label: `Display ${id}`,
    bounds,
    workArea,
    size: { width: bounds.width, height: bounds.height },
    workAreaSize: { width: workArea.width, height: workArea.height },
    scaleFactor: 1,
    rotation: 0,
    internal: id === 1,
    detected: true,
    monochrome: false,
    colorDepth: 24,
    colorSpace: 'SRGB',
    depthPerComponent: 8,
    displayFrequency: 60,
    accelerometerSupport: 'unknown',
    touchSupport: 'unknown',
    maximumCursorSize: { width: 64, height: 64 },
    nativeOrigin: { x: bounds.x, y: bounds.y }
  }
}

export class ScreenDouble implements Same<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay'> {
  displays: Electron.Display[] = [display(1, { x: 0, y: 0, width: 1920, height: 1080 })]

  constructor(private readonly isReady: () => boolean) {}

  getAllDisplays(): Electron.Display[] {
    this.assertReady()
    return this.displays.map((d) => structuredClone(d))
  }

  getPrimaryDisplay(): Electron.Display {
    this.assertReady()
    const primary = this.displays[0]
    if (!primary) throw new Error('no display attached')
    return structuredClone(primary)
  }

  private assertReady(): void {
    if (!this.isReady()) throw new Error("The 'screen' module can't be used before the app 'ready' event")
  }
}
