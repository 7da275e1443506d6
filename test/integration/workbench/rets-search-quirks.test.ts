// Search replies that differ from what was asked (issue #16 item 2) and Offset ignored, through the whole
// workbench against the Demo MLS playing those servers: the rows are the same as a well-behaved server's, and the
// result says once what happened.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { QuerySpec } from '../../../contract/query-channels'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'
import type { QuirkName } from '../../../demo-mls/quirks/quirk-catalogue'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
  await h.call('session:connect', { profileId: 'demo-rets' })
})
afterAll(() => h.close())
afterEach(() => quirks([]))

function quirks(names: QuirkName[]): void {
  h.workbench.demo!.server.ctx.setQuirks(names)
}

const base = {
  kind: 'dmql',
  resource: 'Property',
  class: 'A',
  query: '(LIST_15=|OV61GOJ13C0)',
  count: 1,
  standardNames: false,
  fetchAll: true,
  select: ['LIST_1', 'LIST_15', 'LIST_22']
} as const

async function run(spec: Partial<Extract<QuerySpec, { kind: 'dmql' }>>) {
  const { jobId, resultId } = await h.call('query:run', {
    profileId: 'demo-rets',
    spec: { ...base, ...spec } as QuerySpec
  })
  const state = await settle(h, jobId)
  const summary = await h.call('results:summary', { resultId })
  const page = await h.call('results:page', { resultId, offset: 0, limit: 1000 })
  return { state, summary, rows: page.rows }
}

describe('RETS search replies read as what they are', () => {
  it('rets-compact-for-standard-xml: a COMPACT answer to a STANDARD-XML search gives the same rows, said once', async () => {
    const expected = await run({ format: 'STANDARD-XML' })
    expect(expected.rows.length).toBeGreaterThan(0)
    // the COMPACT reply carries lookup codes, as COMPACT does
    const compact = await run({ format: 'COMPACT' })
    quirks(['rets-compact-for-standard-xml'])
    const got = await run({ format: 'STANDARD-XML' })
    expect(got.state).toBe('done')
    expect(got.summary.total).toBe(expected.summary.total)
    expect(got.summary.serverCount).toBe(got.summary.total)
    expect(got.rows).toEqual(compact.rows)
    const notes = got.summary.warnings.filter((w) => w.includes('answered in COMPACT'))
    expect(notes).toEqual(['Asked for STANDARD-XML; the server answered in COMPACT — read as COMPACT.'])
  })

  it('rets-compact-decoded-refused: COMPACT plus local decoding gives what COMPACT-DECODED would have', async () => {
    const expected = await run({ format: 'COMPACT-DECODED' })
    quirks(['rets-compact-decoded-refused'])
    for (let i = 0; i < 2; i++) {
      // the second search goes straight to COMPACT: the server's refusal is remembered
      const got = await run({ format: 'COMPACT-DECODED' })
      expect(got.state).toBe('done')
      expect(got.rows).toEqual(expected.rows)
      const notes = got.summary.warnings.filter((w) => w.includes('refused COMPACT-DECODED'))
      expect(notes).toHaveLength(1)
      expect(notes[0]).toMatch(/^The server refused COMPACT-DECODED \(20206 Invalid Format.*\): searched in COMPACT/)
    }
  })

  it('rets-offset-ignored: paging stops with a warning when a page repeats, no row twice', async () => {
    const options = h.workbench.demo!.server.ctx.options
    const cap = options.maxRows
    options.maxRows = 20
    try {
      quirks(['rets-offset-ignored'])
      const got = await run({ format: 'COMPACT', query: '(LIST_22=0+)' })
      expect(got.state).toBe('done')
      expect(got.rows).toHaveLength(20)
      expect(new Set(got.rows.map((r) => r[0])).size).toBe(20)
      expect(got.summary.warnings.join('\n')).toMatch(/the server seems to ignore Offset\. Stopped after 20 rows/)
      expect(got.summary.maxRowsReached).toBe(true)
    } finally {
      options.maxRows = cap
    }
  })

  it('a search failure names the request and what the server said', async () => {
    const got = await run({ format: 'COMPACT', query: '(LIST_15=' })
    expect(got.state).toBe('failed')
    const job = h.workbench.jobs.list().at(-1)!
    expect(job.error?.message).toMatch(
      /^Running Search of Property:A failed: 20206 .*\(GET http:\/\/127\.0\.0\.1:\d+\/rets\/Search\?/
    )
  })
})
