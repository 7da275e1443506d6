// The desktop-only parts of the shell, booted on the electron double: native pickers behind app:pickPath, the
// window's size and place kept between runs, the OS theme followed, and the application menu sending commands to
// the page.
import { describe, expect, it, vi } from 'vitest'
import { MENU_COMMANDS } from '../../../../contract/menu-commands'
import { display } from '../../../support/electron-double'
import { bootPerTest, runPreload } from '../../../support/electron-double/boot-shell'

vi.mock('electron', async () => (await import('../../../support/electron-double')).electronModule)
// a boot loads the whole main process (and the Demo MLS); the first one also compiles it
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const boot = bootPerTest()

describe('app:pickPath and app:openFolder on the desktop', () => {
  it('shows native pickers over the window and returns what the user chose', async () => {
    const shell = await boot()
    const { electron, window } = shell
    const api = await runPreload(electron, window.webContents.mainFrame)

    electron.dialog.answerOpen({ canceled: false, filePaths: ['/home/me/photos'] })
    expect(await api.invoke('app:pickPath', { purpose: 'folder', title: 'Export photos to' })).toEqual({
      ok: true,
      value: { supported: true, path: '/home/me/photos' }
    })
    expect(electron.dialog.openCalls).toEqual([
      {
        window,
        options: { title: 'Export photos to', properties: ['openDirectory', 'createDirectory'] }
      }
    ])

    electron.dialog.answerSave({ canceled: false, filePath: '/home/me/active.csv' })
    expect(
      await api.invoke('app:pickPath', { purpose: 'save', defaultPath: 'active.csv', extensions: ['csv'] })
    ).toEqual({ ok: true, value: { supported: true, path: '/home/me/active.csv' } })
    expect(electron.dialog.saveCalls.at(-1)).toEqual({
      window,
      options: { defaultPath: 'active.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }
    })

    // Cancel is no path, not an error
    expect(await api.invoke('app:pickPath', { purpose: 'save' })).toEqual({
      ok: true,
      value: { supported: true, path: null }
    })
  })

  it('opens in the file manager only folders the app wrote to', async () => {
    const shell = await boot()
    const api = await runPreload(shell.electron, shell.window.webContents.mainFrame)
    expect(await api.invoke('app:openFolder', { path: '/usr/bin' })).toEqual({ ok: true, value: { opened: false } })
    expect(shell.electron.shell.openedPaths).toEqual([])
  })
})

describe('window state', () => {
  it('reopens the window where the user left it, maximised or not', async () => {
    let shell = await boot()
    shell.window.setBounds({ x: 200, y: 150, width: 1280, height: 820 })
    shell.window.maximize()
    const { userData } = shell
    await shell.quit()

    shell = await boot({ userData })
    expect(shell.window.options).toMatchObject({ x: 200, y: 150, width: 1280, height: 820 })
    expect(shell.window.isMaximized()).toBe(true)
  })

  it('opens on screen when the display it was on is gone', async () => {
    const twoScreens = [
      display(1, { x: 0, y: 0, width: 1920, height: 1080 }),
      display(2, { x: 1920, y: 0, width: 2560, height: 1440 })
    ]
    let shell = await boot({ displays: twoScreens })
    shell.window.setBounds({ x: 2400, y: 300, width: 1200, height: 800 })
    const { userData } = shell
    await shell.quit()

    shell = await boot({ userData, displays: twoScreens })
    expect(shell.window.options).toMatchObject({ x: 2400, y: 300 })
    await shell.quit()

    // the second monitor was unplugged: the default size, placed by the OS on the remaining display
    shell = await boot({ userData, displays: [display(1, { x: 0, y: 0, width: 1920, height: 1080 })] })
    expect(shell.window.options).toMatchObject({ width: 1400, height: 900 })
    expect(shell.window.options.x).toBeUndefined()
    expect(shell.window.isMaximized()).toBe(false)
  })
})

describe('theme', () => {
  it('starts in the OS theme and follows it when the OS switches', async () => {
    const shell = await boot({ systemDark: true })
    const { electron, window } = shell
    expect(window.webContents.loads[0]).toMatch(/\?theme=dark$/)
    expect(window.getBackgroundColor()).toBe('#1e1f22')
    electron.nativeTheme.setSystemDark(false)
    expect(window.getBackgroundColor()).toBe('#ffffff')
  })
})

describe('application menu', () => {
  it('has an item for every command, and each click reaches the page as that command', async () => {
    const shell = await boot()
    const { electron, window } = shell
    const api = await runPreload(electron, window.webContents.mainFrame)
    const received: string[] = []
    api.on('menu:command', ({ command }) => received.push(String(command)))

    const menu = electron.Menu.getApplicationMenu()
    if (!menu) throw new Error('no application menu')
    const commandItems = menu.allItems().filter((item) => (MENU_COMMANDS as readonly string[]).includes(item.id))
    expect(commandItems.map((i) => i.id).sort()).toEqual([...MENU_COMMANDS].sort())
    for (const item of commandItems) item.click(window)
    expect(received).toEqual(commandItems.map((i) => i.id))
    // shortcuts shown in the menu stay with the page, which binds them itself
    expect(commandItems.filter((i) => i.accelerator).every((i) => !i.registerAccelerator)).toBe(true)
    // the platform's standard menus are there too
    expect(menu.items.map((i) => i.role ?? i.label)).toEqual(
      expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'help'])
    )
  })
})
