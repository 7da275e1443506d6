import { describe, expect, it } from 'vitest'
import {
  columnFormat,
  formatCell,
  readableTimestamp,
  withLongValues
} from '../../../src-renderer/features/results/cell-format'
import type { FieldMeta } from '../../../domain/metadata/metadata-model'

const field = (dataType: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({
  systemName: 'F',
  dataType,
  searchable: true,
  attrs: {},
  ...extra
})

describe('grid cell display', () => {
  it('groups decimals and currency, leaves integers (ids) as sent', () => {
    expect(formatCell('1234567.50', columnFormat(field('Decimal')), undefined, 'en-US')).toBe('1,234,567.50')
    expect(formatCell('349000', columnFormat(field('Int', { interpretation: 'Currency' })), undefined, 'en-US')).toBe(
      '349,000'
    )
    expect(formatCell('20000001', columnFormat(field('Edm.Int64')), undefined, 'en-US')).toBe('20000001')
    expect(columnFormat(field('Int')).kind).toBe('number')
    expect(formatCell('n/a', columnFormat(field('Decimal')), undefined, 'en-US')).toBe('n/a')
  })
  it('shows timestamps readably, with the zone the server gave', () => {
    expect(readableTimestamp('2026-11-20T10:30:00.000Z')).toBe('2026-11-20 10:30 UTC')
    expect(readableTimestamp('2026-11-20T10:30:15-05:00')).toBe('2026-11-20 10:30:15 -05:00')
    expect(readableTimestamp('2026-11-20')).toBe('2026-11-20')
    expect(formatCell('2026-11-20T10:30:00', columnFormat(undefined))).toBe('2026-11-20 10:30')
  })
  it('puts the long value beside each lookup code', () => {
    const longs: Record<string, string> = { A: 'Active', P: 'Pending' }
    expect(withLongValues('A', (c) => longs[c])).toBe('A · Active')
    expect(withLongValues('A,P', (c) => longs[c])).toBe('A · Active, P · Pending')
    expect(withLongValues('Z', (c) => longs[c])).toBe('Z')
    expect(withLongValues('Active', (c) => (c === 'Active' ? 'Active' : undefined))).toBe('Active')
  })
})
