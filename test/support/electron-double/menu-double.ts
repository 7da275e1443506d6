// Menu and MenuItem built from a template the way Electron validates it (an item needs a label, role or type), with
// the application menu remembered and a way to click an item as a user would: its click(item, focusedWindow, event).
import type { Accepting, Named, Same } from './electron-types'
import { asElectron } from './stand-in'

export class MenuItemDouble
  implements
    Same<Electron.MenuItem, 'label' | 'id' | 'type' | 'enabled' | 'visible' | 'registerAccelerator'>,
    Named<Electron.MenuItem, 'submenu' | 'click' | 'accelerator' | 'role'>
{
  readonly label: string
  readonly id: string
  readonly role: Electron.MenuItemConstructorOptions['role']
  readonly type: Electron.MenuItem['type']
  readonly enabled: boolean
  readonly visible: boolean
  readonly registerAccelerator: boolean
  readonly accelerator: string | null
  readonly submenu: MenuDouble | undefined

  constructor(private readonly options: Electron.MenuItemConstructorOptions) {
    if (options.label === undefined && options.role === undefined && options.type === undefined) {
      throw new Error('Invalid template for MenuItem: must have at least one of label, role or type')
    }
    this.label = options.label ?? ''
    this.id = options.id ?? ''
    this.role = options.role
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal')
    this.enabled = options.enabled ?? true
    this.visible = options.visible ?? true
    this.registerAccelerator = options.registerAccelerator ?? true
    this.accelerator = options.accelerator ?? null
    const sub = options.submenu
    this.submenu = sub === undefined ? undefined : Array.isArray(sub) ? MenuDouble.buildFromTemplate(sub) : ownMenu(sub)
  }

  /** What a click hands the item's handler: the item, the focused window (if any) and the keyboard state. */
  click(focusedWindow: object | undefined): void {
    if (!this.enabled) return
    const window = focusedWindow === undefined ? undefined : asElectron<Electron.BaseWindow>(focusedWindow)
    const keyboard: Electron.KeyboardEvent = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false }
    this.options.click?.(asElectron<Electron.MenuItem>(this), window, keyboard)
  }
}

export class MenuDouble implements Named<Electron.Menu, 'items'> {
  static applicationMenu: MenuDouble | null = null
  readonly items: MenuItemDouble[]

  private constructor(items: MenuItemDouble[]) {
    this.items = items
  }

  static buildFromTemplate(template: Array<Electron.MenuItemConstructorOptions | Electron.MenuItem>): MenuDouble {
    return new MenuDouble(template.map(toItem))
  }

  static setApplicationMenu(menu: Electron.Menu | null): void {
    MenuDouble.applicationMenu = menu === null ? null : ownMenu(menu)
  }

  static getApplicationMenu(): MenuDouble | null {
    return MenuDouble.applicationMenu
  }

  /** Every item anywhere in the menu, depth first. */
  allItems(): MenuItemDouble[] {
    return this.items.flatMap((i) => [i, ...(i.submenu ? i.submenu.allItems() : [])])
  }

  /** The item with this id, anywhere in the menu. */
  byId(id: string): MenuItemDouble {
    const found = this.allItems().find((i) => i.id === id)
    if (!found) throw new Error(`no menu item with id "${id}"`)
    return found
  }
}

/** A Menu handed back to the double can only be one it built. */
function ownMenu(menu: Electron.Menu): MenuDouble {
  if (!((menu as object) instanceof MenuDouble)) throw new Error('not a menu built by the double')
  return menu as object as MenuDouble
}

function toItem(t: Electron.MenuItemConstructorOptions | Electron.MenuItem): MenuItemDouble {
  // a MenuItem inside a template can only be one this double built
  if (t instanceof MenuItemDouble) return t
  if ('commandId' in t) throw new Error('not a menu item built by the double')
  return new MenuItemDouble(t)
}

// the static side as Electron's class has it
MenuDouble satisfies Accepting<typeof Electron.Menu, 'buildFromTemplate' | 'setApplicationMenu'>
