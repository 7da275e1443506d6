// Agents (RESO Member) and offices for the Demo MLS, generated from the same seed as the listings.
import type { Member, Office } from './types'
import { intBetween, pick, recordRng } from './prng'
import { isoSeconds } from './listing-generator'

const first = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Emma',
  'Frank',
  'Grace',
  'Hiro',
  'Iris',
  'José',
  'Kara',
  'Liam',
  'Mia',
  'Noah',
  'Zoë'
]
const last = ['Smith', 'Nguyen', 'García', 'Müller', 'Olsen', 'Patel', 'Brown', 'Kowalski', 'Okafor', 'Reyes', 'Lee']
const officeWords = ['Prairie', 'Summit', 'Lakeside', 'Keystone', 'Pioneer', 'Heritage', 'Blue Sky', 'Cornerstone']
const officeKinds = ['Realty', 'Real Estate', 'Properties', 'Homes', 'Group']
const officeCities = [
  ['Springfield', 'MO'],
  ['Fargo', 'ND'],
  ['Boise', 'ID'],
  ['Santa Fe', 'NM'],
  ['Madison', 'WI']
] as const

export function officeKeyOf(index: number): string {
  return `O${String(index + 1).padStart(5, '0')}`
}

export function memberKeyOf(index: number): string {
  return `M${String(index + 1).padStart(5, '0')}`
}

function phone(n: number): string {
  return `555-${String(100 + (n % 900)).padStart(3, '0')}-${String(1000 + ((n * 37) % 9000)).padStart(4, '0')}`
}

export function generateOffices(seed: number, count: number, epoch: string): Office[] {
  const epochMs = Date.parse(epoch)
  return Array.from({ length: count }, (_, i) => {
    const rng = recordRng(seed, i, 'office')
    const [city, state] = pick(rng, officeCities)
    return {
      OfficeKey: officeKeyOf(i),
      OfficeMlsId: `OF${1000 + i}`,
      OfficeName: `${pick(rng, officeWords)} ${pick(rng, officeKinds)} ${i + 1}`,
      OfficePhone: phone(i + 7),
      OfficeCity: city,
      OfficeStateOrProvince: state,
      OfficeStatus: i % 17 === 16 ? 'Inactive' : 'Active',
      ModificationTimestamp: isoSeconds(epochMs - intBetween(rng, 0, 700) * 86_400_000)
    }
  })
}

export function generateMembers(seed: number, count: number, offices: readonly Office[], epoch: string): Member[] {
  const epochMs = Date.parse(epoch)
  return Array.from({ length: count }, (_, i) => {
    const rng = recordRng(seed, i, 'member')
    const firstName = pick(rng, first)
    const lastName = pick(rng, last)
    const office = offices[i % offices.length] as Office
    return {
      MemberKey: memberKeyOf(i),
      MemberMlsId: `AG${10000 + i}`,
      MemberFirstName: firstName,
      MemberLastName: lastName,
      MemberFullName: `${firstName} ${lastName}`,
      MemberEmail: `${firstName}.${lastName}.${i + 1}@example.com`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
      MemberPreferredPhone: phone(i * 13 + 1),
      MemberStatus: i % 23 === 22 ? 'Inactive' : 'Active',
      OfficeKey: office.OfficeKey,
      ModificationTimestamp: isoSeconds(epochMs - intBetween(rng, 0, 700) * 86_400_000)
    }
  })
}
