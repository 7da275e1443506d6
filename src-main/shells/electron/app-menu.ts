import { Menu, type MenuItemConstructorOptions } from 'electron'

export function installAppMenu(): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'MLS Workbench on the Demo MLS', enabled: false }] }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
