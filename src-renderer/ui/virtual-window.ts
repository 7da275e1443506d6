// Window math for fixed-row-height virtual lists (metadata tree, results grid): only the rows inside the viewport
// plus a small overscan are rendered, so 100,000 tree nodes or 1,000,000 result rows cost the same as 50.

export interface VirtualWindow {
  /** first row to render (inclusive) */
  start: number
  /** last row to render (exclusive) */
  end: number
  /** px above the first rendered row (translateY of the rendered block) */
  offsetY: number
  /** px height of the whole list, for the scroll spacer */
  totalHeight: number
}

/**
 * Browsers cap element heights (Chromium ≈ 33.5 M px), so a million 24 px rows (24 M px) still fits; beyond the cap
 * we scale scrollTop → row so the list stays reachable end to end.
 */
export const MAX_SCROLL_HEIGHT = 30_000_000

export function visibleWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6
): VirtualWindow {
  const natural = count * rowHeight
  const totalHeight = Math.min(natural, MAX_SCROLL_HEIGHT)
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetY: 0, totalHeight: 0 }
  const scale = natural > totalHeight ? (natural - viewportHeight) / Math.max(1, totalHeight - viewportHeight) : 1
  const top = Math.max(0, scrollTop) * scale
  const first = Math.min(count - 1, Math.floor(top / rowHeight))
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1
  const start = Math.max(0, first - overscan)
  const end = Math.min(count, first + visible + overscan)
  // With scaling the block is placed relative to the real scrollTop so it stays inside the viewport.
  const offsetY = scale === 1 ? start * rowHeight : scrollTop - (first - start) * rowHeight - (top % rowHeight)
  return { start, end, offsetY, totalHeight }
}

/** scrollTop that brings row `index` into view (minimal scroll), or the current one when already visible. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight
  return scrollTop
}

/** Indices of the pages of `pageSize` rows that cover rows [start, end). */
export function pagesCovering(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return []
  const first = Math.floor(start / pageSize)
  const last = Math.floor((end - 1) / pageSize)
  const pages: number[] = []
  for (let p = first; p <= last; p++) pages.push(p)
  return pages
}
