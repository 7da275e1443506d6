// What each command of the desktop app's menu does in the window. The table has an entry for every command of the
// contract (a missing one is a type error and fails a test) and runs the same store actions as the shortcuts and
// buttons — a command palette can list this same table.
import { isMenuCommand, type MenuCommand } from '../../contract/menu-commands'
import { onEvent } from '../api/client'
import { useQueryTabsStore } from '../features/query/query-tabs-store'
import { useAppStore } from './app-store'
import { useThemeStore } from './theme-store'
import { useToastStore } from './toasts-store'

export interface CommandAction {
  title: string
  run(): void | Promise<void>
}

export function commandTable(): Record<MenuCommand, CommandAction> {
  const tabs = useQueryTabsStore()
  const theme = useThemeStore()
  const app = useAppStore()
  return {
    'query.run': { title: 'Run the query', run: () => tabs.run(tabs.active) },
    'query.cancel': { title: 'Cancel the running query', run: () => tabs.cancel(tabs.active) },
    'metadata.filter': { title: 'Filter the metadata tree', run: () => void focusMetadataFilter() },
    'view.cycleTheme': { title: 'Switch theme (system, light, dark)', run: () => theme.cycle() },
    'help.shortcuts': { title: 'Show the keyboard shortcuts', run: () => void (app.shortcutsOpen = true) }
  }
}

/** Puts the cursor in the metadata tree's filter box; false when no tree is shown. */
export function focusMetadataFilter(): boolean {
  const box = document.querySelector<HTMLInputElement>('[data-testid="tree-filter"]')
  box?.focus()
  return !!box
}

/** Runs the menu's commands as they arrive; returns the unsubscribe. */
export function followMenuCommands(): () => void {
  const table = commandTable()
  return onEvent('menu:command', ({ command }) => {
    if (!isMenuCommand(command)) return
    Promise.resolve(table[command].run()).catch((err: unknown) => useToastStore().error(err))
  })
}
