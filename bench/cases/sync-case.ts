// Case "sync": the sync engine's RETS source into SQLite against the Demo MLS (large mode), next to a plain COMPACT
// search of the same rows in the same run. Variants: `plain-search` (every row of the class, all columns, paged
// like the sync, into nothing), `initial` (an empty store), `incremental` (the store `initial` left, after the plan
// changed 1 % of the listings), `file-write` (diagnostic: as many bytes as the store holds, written to a new file).
// Each runs in its own child, so each peak RSS is its own.
import { closeSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { RetsMetadataLoader } from '../../src-main/protocols/rets/metadata/metadata-loader'
import { fetchAll } from '../../src-main/protocols/rets/search/search-runner'
import { RetsSource } from '../../src-main/features/sync/rets-source'
import { SqliteStore } from '../../src-main/features/sync/sqlite-store'
import { runTarget } from '../../src-main/features/sync/sync-engine'
import { ourRetsSession } from '../harness/our-rets'
import type { VariantFn } from '../harness/protocol'
import { cpuSince } from '../harness/timed-phase'

export interface SyncParams {
  url: string
  cls: string
  pageSize: number
  dbFile: string
}

const plainSearch: VariantFn = async (raw) => {
  const p = raw as unknown as SyncParams
  const session = ourRetsSession(p.url)
  await session.login()
  let rows = 0
  const cpu = process.cpuUsage()
  const started = performance.now()
  const summary = await fetchAll(
    session,
    { resource: 'Property', class: p.cls, query: '(LIST_87=1900-01-01T00:00:00+)', format: 'COMPACT' },
    {
      setColumns: () => undefined,
      append: () => void rows++,
      appendDelimited: () => void rows++,
      setInfo: () => undefined
    },
    { pageSize: p.pageSize }
  )
  const timedMs = performance.now() - started
  return { rows, bytes: summary.bytes, timedMs, extra: { clientCpuMs: cpuMsSince(cpu) } }
}

const sync: VariantFn = async (raw) => {
  const p = raw as unknown as SyncParams
  const session = ourRetsSession(p.url)
  const source = new RetsSource(session, new RetsMetadataLoader(session), {
    resource: 'Property',
    class: p.cls,
    pageSize: p.pageSize,
    keyBatch: 500
  })
  await source.shape()
  const store = new SqliteStore(p.dbFile)
  const cpu = process.cpuUsage()
  const started = performance.now()
  // when each phase began (its first progress report), to say where the time went
  const phaseAtMs: Record<string, number> = {}
  const report = await runTarget(source, store, {
    onProgress: (progress) => void (phaseAtMs[progress.phase] ??= Math.round(performance.now() - started))
  })
  const timedMs = performance.now() - started
  const clientCpuMs = cpuMsSince(cpu)
  const c = report.counts
  await store.close()
  // closed, the WAL is checkpointed into the file: its size is what the run wrote to disk at least once
  const storeBytes = statSync(p.dbFile).size
  return {
    rows: c.new + c.updated + c.unchanged,
    bytes: 0,
    timedMs,
    extra: {
      new: c.new,
      updated: c.updated,
      unchanged: c.unchanged,
      deleted: c.deleted,
      clientCpuMs,
      storeBytes,
      changesAtMs: phaseAtMs.changes ?? -1,
      masterAtMs: phaseAtMs.master ?? -1
    }
  }
}

/**
 * Diagnostic floor: `bytes` of 16 KB pages written to a new file and synced, the least the initial sync's store costs
 * beyond the plain search (which writes nothing). On a VM that hands freed memory back to its host, every new
 * page-cache page is a host fault: measured here, 1.1 GB took 3.3–6.3 s new and 0.2 s when overwritten.
 */
const fileWrite: VariantFn = async (raw) => {
  const p = raw as unknown as SyncParams & { bytes: number }
  const file = `${p.dbFile}.floor`
  const page = Buffer.alloc(16_384, 0x5a)
  const fd = openSync(file, 'w')
  const started = performance.now()
  try {
    for (let at = 0; at < p.bytes; at += page.length) writeSync(fd, page)
    fsyncSync(fd)
    return { rows: 0, bytes: p.bytes, timedMs: performance.now() - started }
  } finally {
    closeSync(fd)
    rmSync(file, { force: true })
  }
}

/** user + system CPU of this process since `from`: with the server on the same two cores, the time alone hides whose
 *  CPU a variant spends */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const { cpuUserMs, cpuSysMs } = cpuSince(from)
  return cpuUserMs + cpuSysMs
}

export const variants: Record<string, VariantFn> = {
  'plain-search': plainSearch,
  initial: sync,
  incremental: sync,
  'file-write': fileWrite
}
