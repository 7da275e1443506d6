import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { appHandlers, type DesktopShell } from '../../../src-main/handlers/app-handlers'
import type { AppInfo } from '../../../contract/app-channels'

const info = {} as AppInfo
const ctx = { transport: 'electron' as const }

function fakeDesktop(): DesktopShell & { opened: string[] } {
  const opened: string[] = []
  return {
    opened,
    pickPath: async ({ purpose }) => (purpose === 'folder' ? '/home/me/photos' : null),
    openFolder: async (folder) => {
      opened.push(folder)
      return true
    }
  }
}

describe('app handlers: native pickers and the file manager', () => {
  it('web mode has no pickers and opens nothing', async () => {
    const h = appHandlers({ info: () => info, openExternal: async () => false, outputFolders: new Set(['/tmp/out']) })
    expect(await h['app:pickPath']!({ purpose: 'folder' }, ctx)).toEqual({ supported: false, path: null })
    expect(await h['app:openFolder']!({ path: '/tmp/out' }, ctx)).toEqual({ opened: false })
  })

  it('the desktop shell picks paths and opens only folders the app wrote to', async () => {
    const desktop = fakeDesktop()
    const out = path.resolve('/tmp/exports/run-1')
    mkdirSync(out, { recursive: true }) // opened only when it is a folder at open time
    const h = appHandlers({ info: () => info, openExternal: async () => true, desktop, outputFolders: new Set([out]) })
    expect(await h['app:pickPath']!({ purpose: 'folder' }, ctx)).toEqual({ supported: true, path: '/home/me/photos' })
    expect(await h['app:pickPath']!({ purpose: 'save' }, ctx)).toEqual({ supported: true, path: null })
    // a renderer asking for an arbitrary path (or a path that only resolves to it) gets nothing opened
    expect(await h['app:openFolder']!({ path: '/usr/bin' }, ctx)).toEqual({ opened: false })
    expect(await h['app:openFolder']!({ path: '/tmp/exports/run-1/../../../usr/bin' }, ctx)).toEqual({ opened: false })
    expect(await h['app:openFolder']!({ path: '/tmp/exports/x/../run-1' }, ctx)).toEqual({ opened: true })
    expect(desktop.opened).toEqual([out])
  })
})
