import { describe, expect, it } from 'vitest'
import { evaluateDmql, parseDmql } from '../../../../domain/query-languages/dmql'
import { fieldResolver, recordFromObject } from '../../../../domain/query-languages'
import { fields } from './field-fixtures'

const resolve = fieldResolver(fields)
const now = new Date('2024-06-15T12:00:00Z')

const row = {
  LIST_1: 'K1',
  LIST_15: 'A',
  LIST_22: '250000.00',
  Beds: 3,
  City: 'Fargo',
  Features: 'POOL,GAR',
  PostalCode: '02134',
  ListDate: '2024-06-15',
  ModTime: '2024-06-14T23:30:00',
  Latitude: -96.75,
  Tags: ['x', 'Y'],
  Blank: '   ',
  OpenTime: '09:30:00',
  LastName: 'McDonald'
}

function matches(q: string, r: Record<string, unknown> = row, withMeta = true): boolean {
  return evaluateDmql(parseDmql(q), recordFromObject(r), withMeta ? resolve : undefined, { now })
}

describe('DMQL2 evaluator', () => {
  const table: Array<[string, boolean]> = [
    ['(Beds=3)', true],
    ['(Beds=4)', false],
    ['(Beds=3+)', true],
    ['(Beds=4+)', false],
    ['(Beds=3-)', true],
    ['(Beds=2-)', false],
    ['(Beds=2-3)', true],
    ['(Beds=4-9)', false],
    ['(LIST_22=250000)', true],
    ['(LIST_22=200000-300000)', true],
    ['(LIST_22=250000.01+)', false],
    ['(Beds=1,2,3)', true],
    ['(Beds=1,2,5+)', false],
    ['(City=fargo)', true],
    ['(City=FAR*)', true],
    ['(City=*RG*)', true],
    ['(City=F?rgo)', true],
    ['(City=F?go)', false],
    ['(City="Fargo")', true],
    ['(City="Far*")', false],
    ['(City=Moorhead,Fargo)', true],
    ['(PostalCode=02134)', true],
    ['(PostalCode=2134)', false],
    ['(PostalCode=02000-03000)', true],
    ['(Latitude=-96.8--96.7)', true],
    ['(Latitude=-96.7+)', false],
    ['(LIST_15=|A,P)', true],
    ['(LIST_15=|S,X)', false],
    ['(LIST_15=~S,X)', true],
    ['(LIST_15=~A)', false],
    ['(LIST_15=.ANY.)', true],
    ['(LIST_15=.EMPTY.)', false],
    ['(Missing=.EMPTY.)', true],
    ['(Blank=.EMPTY.)', true],
    ['(Missing=.ANY.)', false],
    ['(Missing=~A)', true],
    ['(Missing=|A,.EMPTY.)', true],
    ['(Missing=A)', false],
    ['(Features=|POOL)', true],
    ['(Features=+POOL,GAR)', true],
    ['(Features=+POOL,SPA)', false],
    ['(Features=~SPA)', true],
    ['(Features=~SPA,GAR)', false],
    ['(Features=pool)', true],
    ['(Tags=+X,y)', true],
    ['(ListDate=2024-06-15)', true],
    ['(ListDate=.TODAY.)', true],
    ['(ListDate=2024-06-16+)', false],
    ['(ListDate=2024-01-01-2024-12-31)', true],
    ['(ListDate=2024-06-15T00:00:00)', true],
    ['(ModTime=2024-06-14)', true],
    ['(ModTime=2024-06-14T23:30:00Z)', true],
    ['(ModTime=2024-06-14T23:30:00.000+01:00)', false],
    ['(ModTime=2024-06-14T22:30:00-)', false],
    ['(ModTime=2024-06-15T00:30:00+01:00-)', true],
    ['(ModTime=.NOW.-)', true],
    ['(ModTime=.TODAY.+)', false],
    ['(ModTime=.TODAY.-)', true],
    ['(Beds=3),(City=Fargo)', true],
    ['(Beds=3),(City=Moorhead)', false],
    ['(Beds=4)|(City=Fargo)', true],
    ['(Beds=4)|(City=Moorhead)', false],
    ['~(Beds=4)', true],
    ['~(Beds=3)', false],
    ['(Beds=4)|(Beds=3),~(City=Moorhead)', true],
    ['((Beds=4)|(Beds=3)),(City=Moorhead)', false],
    ['(City=Far)', false],
    ['(OpenTime=09:30:00)', true],
    ['(OpenTime=09:00:00-10:00:00)', true],
    ['(OpenTime=09:30:01+)', false],
    ['(ModTime=23:00:00+)', true],
    ['(LastName=M+)', true],
    ['(LastName=Md+)', false],
    ['(LastName=mc-)', false],
    ['(LastName=N-)', true],
    ['(Beds=three)', false]
  ]
  for (const [q, expected] of table) {
    it(`${q} → ${expected}`, () => expect(matches(q)).toBe(expected))
  }

  it('without metadata a numeric value compares numerically and lookup lists split comma-joined codes', () => {
    expect(matches('(PostalCode=2134)', row, false)).toBe(true)
    expect(matches('(Features=|GAR)', row, false)).toBe(true)
    expect(matches('(Features=GAR)', row, false)).toBe(false)
  })

  it('resolves fields by StandardName through the resolver', () => {
    const r = (f: string) => (f === 'ListPrice' ? 100 : undefined)
    expect(evaluateDmql(parseDmql('(ListPrice=50-150)'), r, resolve)).toBe(true)
    expect(resolve('ListPrice')?.systemName).toBe('LIST_22')
    expect(resolve('liststatus')).toBeUndefined()
    expect(resolve('standardstatus')?.systemName).toBe('LIST_15')
  })
})
