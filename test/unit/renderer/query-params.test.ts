import { describe, expect, it } from 'vitest'
import {
  buildQuerySpec,
  defaultParams,
  editorLanguageFor,
  metadataTarget,
  queryKindFor,
  starterDmqlQuery,
  type DmqlParams,
  type ODataParams,
  type SparkParams
} from '../../../src-renderer/features/query/query-params'
import { querySpecSchema } from '../../../contract/query-channels'
import { addHistory, loadHistory, HISTORY_LIMIT } from '../../../src-renderer/features/query/query-history'
import { field, sampleSummary } from './fake-api'

describe('query tab parameters → QuerySpec', () => {
  it('builds a DMQL spec with only the options the user filled in', () => {
    const p: DmqlParams = {
      ...(defaultParams('dmql') as DmqlParams),
      resource: 'Property',
      class: 'RES',
      select: ['ListPrice', ' City ', 'ListPrice', ''],
      limit: '50',
      offset: ''
    }
    const r = buildQuerySpec(p, '  (ListPrice=100000+)\n')
    expect(r).toEqual({
      ok: true,
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'RES',
        query: '(ListPrice=100000+)',
        format: 'COMPACT-DECODED',
        select: ['ListPrice', 'City'],
        limit: 50,
        count: 1,
        standardNames: false,
        fetchAll: false
      }
    })
    // what the renderer builds is what main's strict schema accepts
    if (r.ok) expect(querySpecSchema.parse(r.spec)).toEqual(r.spec)
  })

  it('refuses a DMQL spec without resource, class, query or with bad numbers', () => {
    const p: DmqlParams = { ...(defaultParams('dmql') as DmqlParams), limit: 'ten', offset: '0' }
    const r = buildQuerySpec(p, '   ')
    expect(r).toEqual({
      ok: false,
      errors: [
        'Pick a resource.',
        'Pick a class.',
        'Write a DMQL query, e.g. (ListPrice=0+).',
        'Limit must be a whole number ≥ 1.',
        'Offset must be a whole number ≥ 1.'
      ]
    })
  })

  it('builds an OData spec: empty $filter is left out, $skip may be 0', () => {
    const p: ODataParams = {
      ...(defaultParams('odata') as ODataParams),
      resource: 'Property',
      top: '10',
      skip: '0',
      orderby: ' ListPrice desc ',
      expand: 'Media',
      count: false,
      select: ['ListingKey']
    }
    const r = buildQuerySpec(p, '')
    expect(r).toEqual({
      ok: true,
      spec: {
        kind: 'odata',
        resource: 'Property',
        select: ['ListingKey'],
        top: 10,
        skip: 0,
        orderby: 'ListPrice desc',
        expand: 'Media',
        count: false,
        fetchAll: false
      }
    })
    if (r.ok) expect(querySpecSchema.parse(r.spec)).toEqual(r.spec)
    expect(buildQuerySpec({ ...p, resource: '' }, "City eq 'X'")).toEqual({
      ok: false,
      errors: ['Pick a resource (entity set).']
    })
  })

  it('builds a Spark spec with _filter, _limit and page', () => {
    const p: SparkParams = {
      ...(defaultParams('spark') as SparkParams),
      limit: '25',
      page: '3',
      expand: 'Photos',
      fetchAll: true
    }
    const r = buildQuerySpec(p, "City Eq 'Fargo'")
    expect(r).toEqual({
      ok: true,
      spec: { kind: 'spark', filter: "City Eq 'Fargo'", expand: 'Photos', limit: 25, page: 3, fetchAll: true }
    })
    if (r.ok) expect(querySpecSchema.parse(r.spec)).toEqual(r.spec)
  })

  it('builds a starter DMQL query from the class metadata', () => {
    const price = field('LIST_22', { dataType: 'Decimal', standardName: 'ListPrice' })
    expect(starterDmqlQuery([field('LIST_1'), field('LIST_5', { dataType: 'Int' }), price])).toBe('(LIST_22=0+)')
    expect(
      starterDmqlQuery([
        field('A'),
        field('N', { dataType: 'Int', searchable: false }),
        field('B', { dataType: 'Small' })
      ])
    ).toBe('(B=0+)')
    expect(starterDmqlQuery([field('A'), field('D', { dataType: 'DateTime' })])).toBe('(D=1900-01-01+)')
    expect(starterDmqlQuery([field('A')])).toBe('')
  })

  it('maps profile kinds to query languages and editor languages', () => {
    expect(['rets', 'idx', 'reso', 'spark', 'activity'].map((k) => queryKindFor(k as never))).toEqual([
      'dmql',
      'dmql',
      'odata',
      'spark',
      undefined
    ])
    expect(editorLanguageFor('spark')).toBe('sparkql')
    expect(editorLanguageFor('dmql')).toBe('dmql')
  })

  it('finds the resource/class whose fields feed completion', () => {
    const s = sampleSummary()
    expect(metadataTarget({ ...(defaultParams('dmql') as DmqlParams), resource: 'Property', class: 'LND' }, s)).toEqual(
      { resource: 'Property', cls: 'LND' }
    )
    expect(
      metadataTarget({ ...(defaultParams('dmql') as DmqlParams), resource: 'Property', class: 'NOPE' }, s)
    ).toBeUndefined()
    expect(metadataTarget({ ...(defaultParams('odata') as ODataParams), resource: 'Agent' }, s)).toEqual({
      resource: 'Agent',
      cls: 'Agent'
    })
    expect(metadataTarget(defaultParams('spark'), s)).toEqual({ resource: 'Property', cls: 'RES' })
  })
})

describe('query history', () => {
  it('keeps the last 50 per profile, newest first, without duplicates', () => {
    localStorage.clear()
    const params = defaultParams('dmql')
    for (let i = 0; i < 60; i++) addHistory('p1', { at: `t${i}`, text: `(A=${i})`, params })
    addHistory('p1', { at: 'again', text: '(A=55)', params })
    const h = loadHistory('p1')
    expect(h.length).toBe(HISTORY_LIMIT)
    expect(h[0]).toMatchObject({ at: 'again', text: '(A=55)' })
    expect(h.filter((e) => e.text === '(A=55)').length).toBe(1)
    expect(loadHistory('p2')).toEqual([])
    localStorage.setItem('mlswb.history.bad', '{not json')
    expect(loadHistory('bad')).toEqual([])
  })
})
