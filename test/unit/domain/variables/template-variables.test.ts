import { describe, expect, it } from 'vitest'
import { findVariables, substituteDeep, substituteText } from '../../../../domain/variables/template-variables'
import { dynamicValue } from '../../../../domain/variables/dynamic-dates'
import { environmentFileSchema, variableNameProblem } from '../../../../contract/environment-schema'

const NOW = new Date('2026-03-01T08:30:15.123Z')

describe('{{variables}}', () => {
  it('finds placeholders with their ranges, spaces inside the braces allowed', () => {
    const text = "City eq '{{city}}' and X ge {{ $today-1d }}"
    expect(findVariables(text)).toEqual([
      { name: 'city', start: 9, end: 17 },
      { name: '$today-1d', start: 28, end: 43 }
    ])
    expect(text.slice(28, 43)).toBe('{{ $today-1d }}')
  })

  it('replaces from the values and the dynamic dates, and lists what is missing', () => {
    const r = substituteText(
      '(City={{city}}),(Mod={{$today-1d}}+),(Z={{zip}}),(C={{city}})',
      { city: 'Springfield' },
      NOW
    )
    expect(r.value).toBe('(City=Springfield),(Mod=2026-02-28+),(Z={{zip}}),(C=Springfield)')
    expect(r.missing).toEqual(['zip'])
    expect(r.used).toEqual(['city', '$today-1d'])
  })

  it('a value that is itself a placeholder is not expanded again', () => {
    expect(substituteText('{{a}}', { a: '{{b}}', b: 'x' }, NOW).value).toBe('{{b}}')
  })

  it('walks every string of a spec', () => {
    const r = substituteDeep(
      { kind: 'odata', filter: "S eq '{{s}}'", select: ['{{f}}', 'B'], top: 5 },
      { s: 'Active', f: 'A' },
      NOW
    )
    expect(r.value).toEqual({ kind: 'odata', filter: "S eq 'Active'", select: ['A', 'B'], top: 5 })
    expect(r.missing).toEqual([])
  })
})

describe('dynamic dates', () => {
  it('today and now, shifted by hours, days and weeks (UTC)', () => {
    expect(dynamicValue('$today', NOW)).toBe('2026-03-01')
    expect(dynamicValue('$today-1d', NOW)).toBe('2026-02-28')
    expect(dynamicValue('$today+2w', NOW)).toBe('2026-03-15')
    expect(dynamicValue('$now', NOW)).toBe('2026-03-01T08:30:15Z')
    expect(dynamicValue('$now-9h', NOW)).toBe('2026-02-28T23:30:15Z')
  })

  it('an unknown dynamic name has no value (so it is reported missing)', () => {
    expect(dynamicValue('$yesterday', NOW)).toBeUndefined()
    expect(dynamicValue('$today-1y', NOW)).toBeUndefined()
    expect(substituteText('{{$tomorrow}}', {}, NOW).missing).toEqual(['$tomorrow'])
  })
})

describe('environment files', () => {
  it('refuse secret-looking variable names', () => {
    for (const name of ['password', 'apiKey', 'api_key', 'clientSecret', 'accessToken', 'RETS_PWD', 'authHeader']) {
      expect(variableNameProblem(name), name).toMatch(/looks like a secret/)
    }
    for (const name of ['city', 'since', 'minPrice', 'status', 'office.id'])
      expect(variableNameProblem(name)).toBeUndefined()
    const parsed = environmentFileSchema.safeParse({ environments: { prod: { city: 'x', password: 'y' } } })
    expect(parsed.success).toBe(false)
  })

  it('are strict: nothing but the active name and the environments', () => {
    expect(environmentFileSchema.safeParse({ environments: {}, secrets: {} }).success).toBe(false)
    expect(environmentFileSchema.parse({ active: 'prod', environments: { prod: { city: 'x' } } }).active).toBe('prod')
  })
})
