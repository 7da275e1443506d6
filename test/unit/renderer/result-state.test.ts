// The results label: never "complete" next to "more rows on the server" (issue #16).
import { describe, expect, it } from 'vitest'
import { resultState } from '../../../src-renderer/features/results/result-state'

describe('resultState', () => {
  it('is loading while rows arrive', () => {
    expect(resultState({ complete: false, total: 10 }).text).toBe('loading')
    expect(resultState(undefined).text).toBe('loading')
  })
  it('is partial when paging stopped early (MAXROWS, Offset ignored) or COUNT is larger', () => {
    expect(resultState({ complete: true, total: 20, maxRowsReached: true }).text).toBe('partial')
    expect(resultState({ complete: true, total: 20, serverCount: 195 }).text).toBe('partial')
    expect(resultState({ complete: true, total: 20, serverCount: 195 }).title).toMatch(/20 rows of 195/)
  })
  it('is complete only when nothing is left on the server', () => {
    expect(resultState({ complete: true, total: 195, serverCount: 195, maxRowsReached: false }).text).toBe('complete')
  })
})
