// Client-bound cases: the captured Demo MLS bodies (and the generated OData page) served by a replay process at
// loopback speed, so ours and each baseline are timed on their own work over the very same bytes.
import os from 'node:os'
import type { ReplayConfig } from '../servers/replay-child'
import { startServerChild, type ServerChild } from '../harness/child-runner'
import type { BenchContext } from '../harness/bench-context'
import {
  caseReport,
  guard,
  measure,
  median,
  measureInterleaved,
  rssText,
  speedups,
  target,
  type VariantSpec
} from '../harness/measure'
import type { CaseReport, VariantReport } from '../harness/report-types'
import type { DemoCaptures } from './demo-mls-plan'
import { getObjectCase } from './getobject-plan'
import { odataCase, odataInput } from './odata-plan'

// A RETS login reply with relative capability URLs and no authentication: the replay server has no users.
export const LOGIN_BODY = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<RETS ReplyCode="0" ReplyText="Operation Successful">',
  '<RETS-RESPONSE>',
  'MemberName=Bench Replay',
  'User=bench,MEMBER,1,M00001',
  'Broker=O00001',
  'MetadataVersion=01.00.00001',
  'MetadataTimestamp=2026-05-02T00:00:00Z',
  'MinMetadataTimestamp=2026-05-02T00:00:00Z',
  'Login=/rets/Login',
  'Search=/rets/Search',
  'GetObject=/rets/GetObject',
  'GetMetadata=/rets/GetMetadata',
  'Logout=/rets/Logout',
  '</RETS-RESPONSE>',
  '</RETS>',
  ''
].join('\r\n')
export const LOGOUT_BODY = '<RETS ReplyCode="0" ReplyText="Logged out"/>\r\n'

export async function runReplayPlan(ctx: BenchContext, captures: DemoCaptures): Promise<CaseReport[]> {
  const routes: ReplayConfig = {
    '/rets/Login': { contentType: 'text/xml; charset=UTF-8', text: LOGIN_BODY },
    '/rets/Logout': { contentType: 'text/xml; charset=UTF-8', text: LOGOUT_BODY }
  }
  if (ctx.want('compact') && captures.compact)
    routes['/rets/Search'] = { contentType: captures.compact.contentType, file: captures.compact.file }
  if (ctx.want('getobject') && captures.getObject)
    routes['/rets/GetObject'] = { contentType: captures.getObject.contentType, file: captures.getObject.file }
  const odata = ctx.want('odata') ? await odataInput(ctx) : undefined
  if (odata) routes['/odata/Property'] = { contentType: 'application/json; odata.metadata=minimal', file: odata.file }
  if (Object.keys(routes).length === 2) return []
  const server = await startServerChild('servers/replay-child.ts', routes)
  const reports: CaseReport[] = []
  try {
    if (routes['/rets/Search'] && captures.compactParams && captures.compact)
      reports.push(await compactCase(ctx, server, captures))
    if (routes['/rets/GetObject'] && captures.getObject)
      reports.push(await getObjectCase(ctx, server.url, captures.getObject))
    if (odata) reports.push(await odataCase(ctx, server.url, odata))
  } finally {
    await server.stop()
  }
  return reports
}

async function compactCase(ctx: BenchContext, server: ServerChild, captures: DemoCaptures): Promise<CaseReport> {
  // the replay server needs no credentials and nothing is captured again
  const { user: _user, password: _password, captureFile: _captureFile, ...demoParams } = captures.compactParams!
  const params = { ...demoParams, url: server.url }
  const reps = ctx.sizes.reps
  // ours and the floors: runs of ~0.3–0.5 s, in five interleaved rounds (as the photo case), so a burst of load
  // elsewhere slows a round of each rather than deciding the share; the baselines take seconds and run after
  const spec = (variant: string, role: VariantSpec['role'], label: string): VariantSpec => ({
    module: 'compact',
    variant,
    role,
    label,
    params,
    reps: ctx.quick ? reps : 5
  })
  const serverCpuBefore = (await server.rss()).cpuMs
  const [ours, noStore, drain, drainToFile] = (await measureInterleaved(
    [
      spec('ours', 'ours', 'RetsSession → scanner → ResultStore'),
      spec('ours-no-store', 'ours', 'diagnostic: same without the ResultStore (rows only hashed)'),
      spec('raw-drain', 'floor', 'raw HTTP GET drain (floor)'),
      spec('raw-drain-file', 'floor', 'diagnostic floor: raw HTTP GET drain → file (the write the store cannot skip)')
    ],
    ctx.log
  )) as [VariantReport, VariantReport, VariantReport, VariantReport]
  const replies = [ours, noStore, drain, drainToFile].reduce((n, v) => n + v.runs.length, 0)
  const serverCpuPerReply = ((await server.rss()).cpuMs - serverCpuBefore) / replies
  const variants: VariantReport[] = [
    ours,
    noStore,
    drain,
    drainToFile,
    await measure(
      {
        module: 'compact',
        variant: 'rets-client',
        role: 'baseline',
        label: 'npm rets-client streaming search',
        params,
        reps: Math.min(reps, 2)
      },
      ctx.log
    ),
    await measure(
      {
        module: 'compact',
        variant: 'fast-xml-parser',
        role: 'baseline',
        label: 'fast-xml-parser, whole body',
        params,
        reps
      },
      ctx.log
    )
  ]
  for (const floor of [drain, drainToFile])
    if (floor?.ok && floor.checksum !== captures.compact!.sha256) {
      floor.correct = false
      floor.correctnessNote = 'replayed bytes differ from the capture'
    }
  guard(variants, 'fast-xml-parser', ctx.sizes.compactRows)
  speedups(variants)
  const rc = variants.find((v) => v.variant === 'rets-client')
  const firstAfterByte = Number(ours.extra?.firstRowAfterFirstByteMs ?? NaN)
  const bytes = captures.compact!.bytes
  for (const v of variants)
    if (v.ok && !v.bytes) v.mbPerS = Math.round((bytes / 1048576 / (v.medianMs / 1000)) * 10) / 10
  return caseReport(
    'compact',
    'COMPACT search, client-bound (replayed Demo MLS body)',
    `${ctx.sizes.compactRows.toLocaleString('en')} rows, ${(bytes / 1048576).toFixed(1)} MB`,
    variants,
    [
      target(
        '≥ 3× rets-client throughput',
        `${rc?.oursSpeedup ?? '?'}×${rc?.correct === false ? ' (rets-client output wrong)' : ''}; without the store ${noStore?.ok && rc?.ok ? Math.round((rc.medianMs / noStore.medianMs) * 100) / 100 : '?'}×`,
        (rc?.oursSpeedup ?? 0) >= 3
      ),
      target(
        '≥ 65 % of the raw GET drain (#23)',
        `${drain?.oursSpeedup !== undefined ? Math.round(drain.oursSpeedup * 100) : '?'} %`,
        (drain?.oursSpeedup ?? 0) >= 0.65
      ),
      target(
        'diagnostic: share of the drain → file floor',
        `${drainToFile?.oursSpeedup !== undefined ? Math.round(drainToFile.oursSpeedup * 100) : '?'} %`,
        (drainToFile?.oursSpeedup ?? 0) >= 0.65
      ),
      target('peak RSS < 150 MB', rssText(ours), ours.peakRssMb < 150),
      target('first row < 50 ms after first byte', `${firstAfterByte} ms`, firstAfterByte < 50)
    ],
    twoCoreNotes({ ours, drain, drainToFile }, serverCpuPerReply)
  )
}

/** median user and system CPU ms of a variant's runs (its variant records them: cpuSince) */
function medianCpu(v: VariantReport): { user: number; sys: number } {
  const of = (key: string): number => median(v.runs.map((r) => Number(r.output?.extra?.[key] ?? NaN)))
  return { user: of('cpuUserMs'), sys: of('cpuSysMs') }
}

/**
 * The account of the machine's cores: client and replay server share them, so no run can end before their CPU
 * together, spread over every core, is spent. What that bound allows against the drain says how far a goal is
 * from ours (ours' own CPU) and from any client that stores the rows (the drain → file floor's CPU).
 */
function twoCoreNotes(
  v: { ours: VariantReport; drain: VariantReport; drainToFile: VariantReport },
  serverCpuPerReply: number
): string[] {
  if (!v.ours.ok || !v.drain.ok || !v.drainToFile.ok) return []
  const cores = os.availableParallelism()
  const server = Math.round(serverCpuPerReply)
  const cpu = { ours: medianCpu(v.ours), drain: medianCpu(v.drain), file: medianCpu(v.drainToFile) }
  const bound = (c: { user: number; sys: number }): number => Math.round((c.user + c.sys + server) / cores)
  const share = (c: { user: number; sys: number }): number => Math.round((v.drain.medianMs / bound(c)) * 100)
  const text = (c: { user: number; sys: number }): string => `${c.user} / ${c.sys}`
  return [
    `CPU per run, median ms (user / system; system is the kernel's socket and file work, the thread pool's writes included): ours ${text(cpu.ours)}, raw drain ${text(cpu.drain)}, drain → file ${text(cpu.file)}; the replay server ${server} per reply.`,
    `On ${cores} cores no run ends before (client + server CPU) / ${cores}: ours ≥ ${bound(cpu.ours)} ms (at best ${share(cpu.ours)} % of the drain's median), drain → file ≥ ${bound(cpu.file)} ms (${share(cpu.file)} %: what a client that stores the rows could reach if its parsing cost nothing).`
  ]
}
