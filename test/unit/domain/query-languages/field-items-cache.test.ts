// Completion field lists are cached per field list and insert kind (70k-field dumps: issue 23): a cached list must
// equal a fresh one, follow a new field list, and never mix two insert kinds.
import { describe, expect, it } from 'vitest'
import { fieldItems } from '../../../../domain/query-languages/editor/field-docs'
import type { FieldMeta } from '../../../../domain/metadata/metadata-model'

const field = (systemName: string, standardName?: string): FieldMeta => ({
  systemName,
  ...(standardName ? { standardName } : {}),
  dataType: 'Character',
  maxLength: 10,
  searchable: true,
  longName: `Long ${systemName}`,
  attrs: {}
})

describe('fieldItems cache', () => {
  const fields = [field('LIST_1', 'ListPrice'), field('LIST_2')]
  it('a cached list equals a fresh one and is shared between calls', () => {
    const fresh = fieldItems({ fields }, (n) => `${n}=`)
    const cached = fieldItems({ fields }, (n) => `${n}=`, 'eq')
    expect(cached).toEqual(fresh)
    expect(fieldItems({ fields }, (n) => `${n}=`, 'eq')).toBe(cached)
    expect(cached.map((i) => i.insertText)).toEqual(['LIST_1=', 'ListPrice=', 'LIST_2='])
  })
  it('keys and field lists do not mix', () => {
    expect(fieldItems({ fields }, (n) => `(${n}`, 'paren')[0]?.insertText).toBe('(LIST_1')
    const other = [field('X')]
    expect(fieldItems({ fields: other }, (n) => `${n}=`, 'eq').map((i) => i.label)).toEqual(['X'])
  })
})
