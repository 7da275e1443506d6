// The grid keeps its sort when the panel goes Results → Raw → Results (the grid is remounted), and a failed run
// says "failed", not a green "0 rows · complete". Fetch all is not capped by the Limit box.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import ResultsGrid from '../../../src-renderer/features/results/ResultsGrid.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useResultsStore } from '../../../src-renderer/features/results/results-store'
import {
  buildQuerySpec,
  defaultParams,
  type DmqlParams,
  type ODataParams
} from '../../../src-renderer/features/query/query-params'
import type { ResultSummary } from '../../../contract/results-channels'
import { fakeApi, type FakeApi } from './fake-api'

let api: FakeApi
let pinia: Pinia
let summary: ResultSummary
const ROWS = [
  ['L1', '300'],
  ['L2', '100'],
  ['L3', '200']
]

beforeEach(() => {
  summary = {
    resultId: 'r1',
    columns: [{ name: 'ListingKey' }, { name: 'ListPrice' }],
    total: ROWS.length,
    complete: true,
    pages: 1,
    warnings: [],
    wireIds: []
  }
  api = fakeApi({
    'results:summary': () => summary,
    'results:page': ({ offset }) => ({ offset, rows: ROWS, total: ROWS.length, complete: true })
  })
  useTransport(api)
  pinia = createPinia()
  setActivePinia(pinia)
})

async function grid(resultId = 'r1') {
  useResultsStore().track({ resultId, jobId: `job-${resultId}`, profileId: 'p' })
  const w = mount(ResultsGrid, { props: { resultId }, global: { plugins: [pinia] } })
  await flushPromises()
  return w
}
const keys = (w: Awaited<ReturnType<typeof grid>>) =>
  w.findAll('[data-testid="grid-row"]').map((r) => r.findAll('.cell')[0]!.text())

describe('results grid state', () => {
  it('keeps the sort when the grid is remounted (Results → Raw → Results)', async () => {
    const w = await grid()
    await w.findAll('.th')[1]!.trigger('click')
    await flushPromises()
    expect(keys(w)).toEqual(['L2', 'L3', 'L1'])
    w.unmount()
    const again = await grid()
    expect(keys(again)).toEqual(['L2', 'L3', 'L1'])
    expect(again.findAll('.th')[1]!.find('[data-sort="asc"]').exists()).toBe(true)
  })

  it('says "failed" for a failed run, not a green "complete"', async () => {
    summary = { ...summary, total: 0 }
    const w = await grid('r2')
    api.emit('job:progress', {
      jobId: 'job-r2',
      kind: 'query',
      title: 'Search',
      unit: 'rows',
      state: 'failed',
      done: 0,
      error: { code: 'RETS_20203', message: 'Unknown Query Field' }
    })
    await flushPromises()
    const outcome = w.get('[data-testid="result-outcome"]')
    expect(outcome.text()).toBe('failed')
    expect(outcome.classes()).toContain('failed')
    expect(w.get('[data-testid="result-count"]').text()).not.toContain('complete')
  })
})

describe('column filters', () => {
  it('filter a column and say how many of the loaded rows match', async () => {
    const w = await grid('r3')
    await w.get('[data-testid="column-filters-toggle"]').trigger('click')
    await w.get('[data-testid="column-filter-ListPrice"]').setValue('00')
    expect(keys(w)).toEqual(['L1', 'L2', 'L3'])
    await w.get('[data-testid="column-filter-ListPrice"]').setValue('3')
    expect(keys(w)).toEqual(['L1'])
    expect(w.get('[data-testid="filtered-count"]').text()).toBe('1 of 3 loaded rows')
    w.unmount()
    const again = await grid('r3')
    expect(keys(again)).toEqual(['L1'])
  })
})

describe('Fetch all', () => {
  it('is not capped by the Limit / $top box', () => {
    const dmql: DmqlParams = {
      ...(defaultParams('dmql') as DmqlParams),
      resource: 'Property',
      class: 'RES',
      limit: '100',
      fetchAll: true
    }
    const r = buildQuerySpec(dmql, '(ListPrice=0+)')
    expect(r.ok && r.spec).toMatchObject({ kind: 'dmql', fetchAll: true })
    expect(r.ok && 'limit' in r.spec).toBe(false)
    const odata: ODataParams = {
      ...(defaultParams('odata') as ODataParams),
      resource: 'Property',
      top: '50',
      fetchAll: true
    }
    const o = buildQuerySpec(odata, '')
    expect(o.ok && 'top' in o.spec).toBe(false)
  })
})
