import { describe, expect, it } from 'vitest'
import { columnTitle } from '../../../src-renderer/features/results/column-title'
import { field } from './fake-api'

describe('result column tooltips', () => {
  it('add the long and standard names, type and lookup to the system name', () => {
    const f = field('LIST_15', { longName: 'Listing Status', standardName: 'StandardStatus', maxLength: 30 })
    expect(columnTitle('LIST_15', 'StandardStatus', f)).toBe(
      'LIST_15\nListing Status\nstandard name StandardStatus · Character(30) · lookup StandardStatus'
    )
  })
  it('say only what is known (RESO columns have no class fields loaded)', () => {
    expect(columnTitle('ListPrice', undefined, undefined)).toBe('ListPrice')
    expect(columnTitle('Status', 'Status', undefined)).toBe('Status\nlookup Status')
  })
})
