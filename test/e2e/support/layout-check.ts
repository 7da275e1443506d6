// Bounding-box checks of the bars of the workbench (toolbars, parameter bars, tab strips, the grid's toolbar): a bar
// stays inside the window, its items stay inside the bar (unless the bar scrolls), do not lie over each other, and
// none wraps its text into a column. Returns what is wrong, in words, so a failing test says where.
import type { Page } from 'playwright-core'

const BARS = [
  '.toolbar',
  '.params',
  '.tabstrip',
  '[data-testid="statusbar"]',
  '[data-testid="sidebar"] header',
  '.metadata header'
].join(', ')

/** an item taller than this in a one-line bar has wrapped its words under each other */
const MAX_ITEM_HEIGHT = 40

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ selector, maxItem }) => {
      const out: string[] = []
      const shown = (el: Element): boolean => {
        const r = el.getBoundingClientRect()
        const s = getComputedStyle(el)
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
      }
      const label = (el: Element): string => {
        const id = el.getAttribute('data-testid')
        if (id) return `[${id}]`
        const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/)[0] : ''
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24)
        return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}${text ? ` "${text}"` : ''}`
      }
      const overlap = (a: DOMRect, b: DOMRect): number =>
        Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
        Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top))
      for (const bar of document.querySelectorAll(selector)) {
        if (!shown(bar)) continue
        // inside a closed dialog or a hidden tab
        if ((bar as HTMLElement).offsetParent === null && getComputedStyle(bar).position !== 'fixed') continue
        const box = bar.getBoundingClientRect()
        const style = getComputedStyle(bar)
        const scrolls = /auto|scroll|hidden/.test(style.overflowX)
        if (box.right > window.innerWidth + 1)
          out.push(`${label(bar)} sticks out of the window by ${Math.round(box.right - window.innerWidth)}px`)
        const items = [...bar.children].filter(shown)
        for (const item of items) {
          const r = item.getBoundingClientRect()
          if (!scrolls && (r.right > box.right + 1 || r.left < box.left - 1))
            out.push(`${label(item)} sticks out of ${label(bar)}`)
          if (r.height > maxItem && item.tagName !== 'DIV') out.push(`${label(item)} wraps in ${label(bar)}`)
        }
        for (let i = 0; i < items.length; i++)
          for (let j = i + 1; j < items.length; j++) {
            const a = items[i]!.getBoundingClientRect()
            const b = items[j]!.getBoundingClientRect()
            if (overlap(a, b) > 4) out.push(`${label(items[i]!)} overlaps ${label(items[j]!)} in ${label(bar)}`)
          }
      }
      // a table cell squeezed to a sliver wraps its text one character per line (the raw view's headers once did)
      for (const cell of document.querySelectorAll('td, dd')) {
        if (!shown(cell)) continue
        const r = cell.getBoundingClientRect()
        if (r.width < 36 && (cell.textContent ?? '').trim().length > 3)
          out.push(`${label(cell)} is squeezed to ${Math.round(r.width)}px`)
      }
      // the grid fits its panel: its viewport is not pushed out of the window
      const grid = document.querySelector('[data-testid="results-grid"] .viewport')
      if (grid && shown(grid)) {
        const r = grid.getBoundingClientRect()
        if (r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1)
          out.push('the grid sticks out of the window')
        if (r.height < 48) out.push(`the grid has no room (${Math.round(r.height)}px high)`)
      }
      return [...new Set(out)]
    },
    { selector: BARS, maxItem: MAX_ITEM_HEIGHT }
  )
}
