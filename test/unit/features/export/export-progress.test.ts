import { describe, expect, it } from 'vitest'
import { ExportProgress } from '../../../../src-main/features/export/photos/export-progress'

describe('photo export progress', () => {
  it('counts listings once whatever the number of types, and says which type the line is on', () => {
    const p = new ExportProgress(undefined, 4, 2, undefined, () => 0)
    p.listingsFinished(4)
    p.listingsFinished(1)
    expect(p.message()).toContain('listing 1/4 · type 2/2')
    p.listingsFinished(3)
    expect(p.message()).toContain('listing 4/4 · type 2/2')
    expect(p.summary('/d', '/d/m.csv', '/d/m.jsonl', false).listings).toBe(4)
  })
  it('keeps the one-type line as it was', () => {
    const p = new ExportProgress(undefined, 4, 1, undefined, () => 0)
    p.listingsFinished(2)
    expect(p.message()).toContain('listing 2/4')
    expect(p.message()).not.toContain('type')
  })
})
