// nativeTheme: the OS's light/dark setting and the app's override (themeSource); `updated` fires when the colours
// the app should use change, as Electron's does.
import { Emitter } from './emitter'
import type { ProvenEvents, Same } from './electron-types'

type ThemeEvents = ProvenEvents<Electron.NativeTheme, { updated: [] }>
type ThemeSource = Electron.NativeTheme['themeSource']

export class NativeThemeDouble
  extends Emitter<ThemeEvents>
  implements Same<Electron.NativeTheme, 'shouldUseDarkColors' | 'themeSource'>
{
  private source: ThemeSource = 'system'

  constructor(private systemDark: boolean) {
    super()
  }

  get shouldUseDarkColors(): boolean {
    return this.source === 'system' ? this.systemDark : this.source === 'dark'
  }

  get themeSource(): ThemeSource {
    return this.source
  }

  set themeSource(source: ThemeSource) {
    const before = this.shouldUseDarkColors
    this.source = source
    if (before !== this.shouldUseDarkColors) this.emit('updated')
  }

  /** The user switches the OS between light and dark. */
  setSystemDark(dark: boolean): void {
    const before = this.shouldUseDarkColors
    this.systemDark = dark
    if (before !== this.shouldUseDarkColors) this.emit('updated')
  }
}
