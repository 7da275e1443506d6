// The application menu: the platform's standard menus plus the workbench's own commands. A command item only sends
// its name to the window (menu:command); the renderer runs it like the matching shortcut or button. Accelerators
// are shown but left to the page (registerAccelerator: false), so Ctrl+Enter in the editor runs the query once.
import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../../contract/menu-commands'

export function installAppMenu(send: (command: MenuCommand) => void): void {
  const command = (id: MenuCommand, label: string, accelerator?: string): MenuItemConstructorOptions => ({
    id,
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => send(id)
  })
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Query',
      submenu: [command('query.run', 'Run Query', 'CmdOrCtrl+Enter'), command('query.cancel', 'Cancel Query')]
    },
    {
      label: 'View',
      submenu: [
        command('metadata.filter', 'Filter Metadata Tree', 'CmdOrCtrl+Shift+F'),
        command('view.cycleTheme', 'Switch Theme (System, Light, Dark)'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' }
      ]
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [command('help.shortcuts', 'Keyboard Shortcuts')] }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
