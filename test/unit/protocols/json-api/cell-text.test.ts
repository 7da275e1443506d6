// cellText (OData / Spark grid cells) keeps the exact texts of its first version while taking the common cases
// first: scalars as String(), scalar lists joined with ',', anything holding an object as compact JSON.
import { describe, expect, it } from 'vitest'
import { cellText } from '../../../../src-main/protocols/json-api/cell-text'

describe('cellText', () => {
  it('turns scalars, lists and objects into the grid texts', () => {
    expect(cellText('Active')).toBe('Active')
    expect(cellText('')).toBe('')
    expect(cellText(null)).toBe('')
    expect(cellText(undefined)).toBe('')
    expect(cellText(30.123)).toBe('30.123')
    expect(cellText(1e21)).toBe('1e+21')
    expect(cellText(false)).toBe('false')
    expect(cellText(['Dishwasher', 'Range'])).toBe('Dishwasher,Range')
    expect(cellText(['a', null, 2, true])).toBe('a,,2,true')
    expect(cellText([])).toBe('')
    expect(cellText([{ MediaKey: 'k', Order: 1 }])).toBe('[{"MediaKey":"k","Order":1}]')
    // one object anywhere makes the whole list JSON, not a join
    expect(cellText(['a', { b: 'c"d' }])).toBe('["a",{"b":"c\\"d"}]')
    expect(cellText([['x']])).toBe('[["x"]]')
    expect(cellText({ a: 1, b: [null] })).toBe('{"a":1,"b":[null]}')
  })
})
