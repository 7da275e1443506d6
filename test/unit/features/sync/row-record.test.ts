// A row-backed record's JSON is built by concatenation (the sync writes it a million times): it must parse to what
// JSON.stringify of the same object gives, for the cells that need escaping too.
import { describe, expect, it } from 'vitest'
import { ColumnSet, RowRecord } from '../../../../src-main/features/sync/row-record'

describe('row-backed sync records', () => {
  const cells = ['20000001', 'say "hi"', 'back\\slash', 'tab\there', 'Café & parks', 'lone \ud800 half', '', 'x']
  const set = new ColumnSet(['Key', 'Quote', 'Slash', 'Ctl', 'Text', 'Surrogate', 'Empty', 'Quote'])

  it('builds the JSON JSON.stringify would, byte for byte where nothing repeats', () => {
    const unique = new ColumnSet(['A', 'B', 'C', 'D', 'E', 'F', 'G'])
    const row = cells.slice(0, 7)
    const record = new RowRecord('20000001', '2026-01-01T00:00:00Z', unique, row)
    expect(record.row.json).toBe(JSON.stringify(record.values))
    expect(record.values).toEqual({
      A: '20000001',
      B: 'say "hi"',
      C: 'back\\slash',
      D: 'tab\there',
      E: 'Café & parks',
      F: 'lone \ud800 half',
      G: ''
    })
  })

  it('reads back like the object for a repeated column, a short row and no columns', () => {
    const record = new RowRecord('k', 's', set, cells)
    expect(JSON.parse(record.row.json)).toEqual(record.values)
    expect(record.values.Quote).toBe('x')
    expect(JSON.parse(new ColumnSet(['A', 'B']).json(['only']))).toEqual({ A: 'only', B: '' })
    expect(new ColumnSet([]).json([])).toBe('{}')
  })
})
