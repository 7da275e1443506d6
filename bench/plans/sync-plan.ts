// Case "sync" (issue 22): initial sync of class A of the Demo MLS in large mode into SQLite, as a share of the plain
// COMPACT search of the same rows measured in the same run; peak RSS; then 1 % of the listings changed through the
// admin API and an incremental sync, whose cost should follow the change, not the table.
import path from 'node:path'
import { startServerChild } from '../harness/child-runner'
import type { BenchContext } from '../harness/bench-context'
import { caseReport, measure, rssText, target } from '../harness/measure'
import type { CaseReport } from '../harness/report-types'
import type { SyncParams } from '../cases/sync-case'
import { listingKeyOf } from '../../demo-mls/data/listing-generator'

export async function runSyncPlan(ctx: BenchContext): Promise<CaseReport | undefined> {
  if (!ctx.want('sync')) return undefined
  const listings = ctx.sizes.syncListings
  ctx.log(`sync: Demo MLS large mode, ${listings} listings`)
  const server = await startServerChild('servers/demo-mls-child.ts', { large: true, listings, maxRows: 1_000_000 })
  try {
    const params: SyncParams = {
      url: server.url,
      cls: 'A',
      pageSize: 20_000,
      dbFile: path.join(ctx.tmp, 'sync.sqlite')
    }
    const timeoutMs = 3_600_000
    const plain = await measure(
      {
        module: 'sync',
        variant: 'plain-search',
        role: 'baseline',
        label: 'plain COMPACT search, same pages, no store',
        params,
        reps: 1,
        timeoutMs
      },
      ctx.log
    )
    const initial = await measure(
      {
        module: 'sync',
        variant: 'initial',
        role: 'ours',
        label: 'initial sync → SQLite (empty store)',
        params,
        reps: 1,
        timeoutMs
      },
      ctx.log
    )
    const changed = Math.round(listings / 100)
    for (let i = 0; i < changed; i++) {
      const key = listingKeyOf(i * 100)
      await fetch(`${server.url}/admin/listings/${key}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ListPrice: 100_000 + i })
      })
    }
    const incremental = await measure(
      {
        module: 'sync',
        variant: 'incremental',
        role: 'ours',
        label: `incremental sync after ${changed} listings changed (1 %)`,
        params,
        reps: 1,
        timeoutMs
      },
      ctx.log
    )
    const share = plain.ok && initial.ok ? Math.round((plain.medianMs / initial.medianMs) * 100) : NaN
    const rows = initial.rows ?? 0
    const incRows = incremental.rows ?? 0
    return caseReport(
      'sync',
      'Sync engine: RETS → SQLite against the Demo MLS (large mode)',
      `${rows.toLocaleString('en')} rows of class A; ${changed.toLocaleString('en')} listings changed`,
      [initial, incremental, plain],
      [
        target('initial sync ≥ 60 % of the plain COMPACT search rate (issue 22)', `${share} %`, share >= 60),
        target('peak RSS < 200 MB (issue 22)', rssText(initial), initial.ok && initial.peakRssMb < 200),
        target(
          'incremental proportional to the change, not the table (issue 22)',
          `${incRows.toLocaleString('en')} records read by the changes pass, ${Math.round(incremental.medianMs)} ms vs ${Math.round(initial.medianMs)} ms initial`,
          incremental.ok && incRows < rows / 10
        )
      ],
      [
        'The incremental run also reads the master list (keys and timestamps of every row) to find deletes: that part follows the table size.'
      ]
    )
  } finally {
    await server.stop()
  }
}
