import { describe, expect, it } from 'vitest'
import { normalizeIdxTimestamp, retsDateTime } from '../../../../src-main/features/idx/idx-timestamps'

describe('IDX LastUpdated shapes (IDX API documentation)', () => {
  it.each([
    ['Tue, 07 Jun 2011 04:20:24 GMT ', '2011-06-07T04:20:24Z'], // the seed's details sample, trailing space
    ['THU,03 DEC 2026 01:55:46 GMT', '2026-12-03T01:55:46Z'], // the seed's master-list sample
    ['24/09/2026 10:05:23 AM', '2026-09-24T10:05:23Z'], // the seed's COMPACT master list: day first
    ['24/09/2026 12:05:23 AM', '2026-09-24T00:05:23Z'],
    ['24/09/2026 12:05:23 PM', '2026-09-24T12:05:23Z'],
    ['01/02/2026 11:00:00 PM', '2026-02-01T23:00:00Z'],
    ['2026-09-24T10:05:23Z', '2026-09-24T10:05:23Z'],
    ['2026-09-24T10:05:23.750+02:00', '2026-09-24T08:05:23Z'],
    ['2026-09-24T10:05:23', '2026-09-24T10:05:23Z'],
    ['2026-09-24', '2026-09-24T00:00:00Z']
  ])('%s → %s', (raw, iso) => {
    expect(normalizeIdxTimestamp(raw)).toBe(iso)
  })

  it.each(['', 'yesterday', '31/02/2026 10:00:00 AM', '24/13/2026 10:00:00 AM', '24/09/2026 13:00:00 PM'])(
    'refuses %j',
    (raw) => {
      expect(normalizeIdxTimestamp(raw)).toBeUndefined()
    }
  )

  it('writes a RETSDateTime for (LastUpdated=…) in UTC whole seconds', () => {
    expect(retsDateTime(new Date('2026-03-04T05:06:07.891Z'))).toBe('2026-03-04T05:06:07Z')
    expect(() => retsDateTime('nope')).toThrow(RangeError)
  })
})
