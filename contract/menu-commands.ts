// What the application menu can ask the window to do. The menu sends one of these over the `menu:command` event and
// the renderer's command table (src-renderer/shell/menu-command-actions.ts) runs it — the same actions the keyboard
// shortcuts and buttons run, so a menu item can never do something the window itself cannot.
export const MENU_COMMANDS = [
  'query.run',
  'query.cancel',
  'metadata.filter',
  'view.cycleTheme',
  'help.shortcuts'
] as const

export type MenuCommand = (typeof MENU_COMMANDS)[number]

export function isMenuCommand(value: unknown): value is MenuCommand {
  return (MENU_COMMANDS as readonly unknown[]).includes(value)
}
