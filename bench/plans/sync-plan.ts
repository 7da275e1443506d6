// Case "sync" (issue 22): initial sync of class A of the Demo MLS in large mode into SQLite, as a share of the plain
// COMPACT search of the same rows measured in the same run; peak RSS; then 1 % of the listings changed through the
// admin API and an incremental sync, whose cost should follow the change, not the table.
import path from 'node:path'
import { startServerChild, type ServerChild } from '../harness/child-runner'
import type { BenchContext } from '../harness/bench-context'
import { caseReport, measure, rssText, target } from '../harness/measure'
import type { CaseReport, VariantReport } from '../harness/report-types'
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
    const serverCpu: Record<string, number | undefined> = {}
    const plain = await onServerCpu(server, serverCpu, 'plain', () =>
      measure(
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
    )
    const initial = await onServerCpu(server, serverCpu, 'initial', () =>
      measure(
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
    )
    const storeBytes = Number(initial.extra?.storeBytes ?? 0)
    const fileWrite = await measure(
      {
        module: 'sync',
        variant: 'file-write',
        role: 'floor',
        label: `diagnostic floor: the store's ${Math.round(storeBytes / 1e6)} MB written to a new file (the plain search writes none)`,
        params: { ...params, bytes: storeBytes },
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
    const withWrite =
      plain.ok && initial.ok && fileWrite.ok
        ? Math.round(((plain.medianMs + fileWrite.medianMs) / initial.medianMs) * 100)
        : NaN
    const rows = initial.rows ?? 0
    const incRows = incremental.rows ?? 0
    return caseReport(
      'sync',
      'Sync engine: RETS → SQLite against the Demo MLS (large mode)',
      `${rows.toLocaleString('en')} rows of class A; ${changed.toLocaleString('en')} listings changed`,
      [initial, incremental, plain, fileWrite],
      [
        target('initial sync ≥ 60 % of the plain COMPACT search rate (issue 22)', `${share} %`, share >= 60),
        target(
          'diagnostic: initial sync ≥ 60 % of the plain search plus writing the store once',
          `${withWrite} %`,
          withWrite >= 60
        ),
        target('peak RSS < 200 MB (issue 22)', rssText(initial), initial.ok && initial.peakRssMb < 200),
        target(
          'incremental proportional to the change, not the table (issue 22)',
          `${incRows.toLocaleString('en')} records read by the changes pass, ${Math.round(incremental.medianMs)} ms vs ${Math.round(initial.medianMs)} ms initial`,
          incremental.ok && incRows < rows / 10
        )
      ],
      [
        cpuNote(rows, plain, initial, serverCpu),
        phaseNote(initial, incremental),
        'The incremental run also reads the master list (keys and timestamps of every row) to find deletes: that part follows the table size.'
      ]
    )
  } finally {
    await server.stop()
  }
}

/** The server's CPU spent while `run` ran (the Demo MLS child reports its own), kept under `name`. */
async function onServerCpu<T>(
  server: ServerChild,
  into: Record<string, number | undefined>,
  name: string,
  run: () => Promise<T>
): Promise<T> {
  const before = (await server.rss()).cpuMs
  const out = await run()
  into[name] = (await server.rss()).cpuMs - before
  return out
}

/** Where each run's time went: the changes pass until the master list starts, the master list and what follows. */
function phaseNote(initial: VariantReport, incremental: VariantReport): string {
  const phases = (r: VariantReport): string => {
    const at = (name: string): number => Number(r.extra?.[name] ?? -1)
    const [changes, master] = [at('changesAtMs'), at('masterAtMs')]
    if (changes < 0 || master < 0) return '?'
    const s = (ms: number): string => (ms / 1000).toFixed(1)
    return `changes pass ${s(master)} s (first commit at ${s(changes)} s), master list and the rest ${s(r.medianMs - master)} s`
  }
  return `Phases — initial sync: ${phases(initial)}; incremental: ${phases(incremental)}.`
}

/**
 * Client and server CPU seconds per 1M rows, sync vs plain search: on two cores shared by both processes the time
 * ratio is capped by the sum of both CPUs; the client's ratio is what a server with CPU to spare would show.
 */
function cpuNote(
  rows: number,
  plain: VariantReport,
  initial: VariantReport,
  server: Record<string, number | undefined>
): string {
  const perM = (ms: number | undefined): string =>
    ms === undefined || !rows ? '?' : ((ms / 1000 / rows) * 1e6).toFixed(1)
  const client = (r: VariantReport): number | undefined => {
    const v = r.extra?.clientCpuMs
    return typeof v === 'number' ? v : undefined
  }
  const [pc, ic] = [client(plain), client(initial)]
  const ratio = pc && ic ? `${Math.round((pc / ic) * 100)} %` : '?'
  return (
    `CPU s per 1M rows — client: plain ${perM(pc)}, initial sync ${perM(ic)} (plain / sync ${ratio}); ` +
    `server: plain ${perM(server.plain)}, initial sync ${perM(server.initial)}.`
  )
}
