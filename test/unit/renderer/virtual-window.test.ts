import { describe, expect, it } from 'vitest'
import {
  MAX_SCROLL_HEIGHT,
  pagesCovering,
  scrollToReveal,
  visibleWindow
} from '../../../src-renderer/ui/virtual-window'

describe('virtual window math', () => {
  it('renders only the rows in view plus overscan', () => {
    const w = visibleWindow(0, 220, 22, 100_000, 6)
    expect(w).toEqual({ start: 0, end: 17, offsetY: 0, totalHeight: 2_200_000 })
    const mid = visibleWindow(22 * 5000 + 10, 220, 22, 100_000, 6)
    expect(mid.start).toBe(4994)
    expect(mid.end).toBe(5017)
    expect(mid.offsetY).toBe(4994 * 22)
  })

  it('clamps at the end of the list and handles empty lists', () => {
    const w = visibleWindow(22 * 100_000, 220, 22, 100_000)
    expect(w.end).toBe(100_000)
    expect(w.end - w.start).toBeLessThan(30)
    expect(visibleWindow(0, 200, 22, 0)).toEqual({ start: 0, end: 0, offsetY: 0, totalHeight: 0 })
  })

  it('scales very long lists under the browser height cap and still reaches the last row', () => {
    const count = 5_000_000
    const top = visibleWindow(0, 480, 24, count)
    expect(top.totalHeight).toBe(MAX_SCROLL_HEIGHT)
    expect(top.start).toBe(0)
    const bottom = visibleWindow(MAX_SCROLL_HEIGHT - 480, 480, 24, count)
    expect(bottom.end).toBe(count)
    // the rendered block stays within the viewport's neighbourhood
    expect(bottom.offsetY).toBeGreaterThan(MAX_SCROLL_HEIGHT - 480 - 24 * 10)
    expect(bottom.offsetY).toBeLessThanOrEqual(MAX_SCROLL_HEIGHT)
  })

  it('computes the scroll needed to reveal a row', () => {
    expect(scrollToReveal(10, 0, 220, 22)).toBe(22 * 11 - 220)
    expect(scrollToReveal(3, 0, 220, 22)).toBe(0)
    expect(scrollToReveal(2, 100, 220, 22)).toBe(44)
  })

  it('lists the pages that cover a row range', () => {
    expect(pagesCovering(0, 30, 200)).toEqual([0])
    expect(pagesCovering(190, 230, 200)).toEqual([0, 1])
    expect(pagesCovering(999_950, 1_000_000, 200)).toEqual([4999])
    expect(pagesCovering(5, 5, 200)).toEqual([])
  })
})
