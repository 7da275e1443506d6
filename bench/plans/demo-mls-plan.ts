// Everything that needs the Demo MLS (large mode, in its own process): the end-to-end COMPACT search (server-bound,
// for the RSS and first-row acceptance of issues 4 and 5), the captures the replay cases use afterwards, and the
// server's own figures per reply (case "demo-mls").
import os from 'node:os'
import path from 'node:path'
import { listingKeyOf } from '../../demo-mls/data/listing-generator'
import type { CompactParams } from '../cases/compact-search'
import { startServerChild, type ServerChild } from '../harness/child-runner'
import { COMPACT_SELECT, type BenchContext } from '../harness/bench-context'
import { demoServerReport, type DemoServerFigures, type ServedReply } from './demo-mls-server-report'
import { basicHeader, drainGet } from '../harness/http-drain'
import { caseReport, measure, rssText, target } from '../harness/measure'
import type { CaseReport, VariantReport } from '../harness/report-types'

export interface Capture {
  file: string
  contentType: string
  bytes: number
  sha256: string
}

export interface DemoCaptures {
  compact?: Capture
  compactParams?: CompactParams
  standardXml?: Capture
  metadata?: Capture
  getObject?: Capture & { ids: Record<string, string> }
}

const DEMO_AUTH = { user: 'demo', password: 'demo-pass' }

export async function runDemoMlsPlan(
  ctx: BenchContext
): Promise<{ report?: CaseReport; serverReport?: CaseReport; captures: DemoCaptures }> {
  const captures: DemoCaptures = {}
  const serverCase = ctx.want('demo-mls')
  const needCompact = ctx.want('compact-e2e') || ctx.want('compact') || serverCase
  const want = (name: string): boolean => serverCase || ctx.want(name)
  if (
    !needCompact &&
    !want('standard-xml') &&
    !want('metadata') &&
    !want('completion') &&
    !want('tree') &&
    !want('getobject')
  )
    return { captures }
  const { sizes } = ctx
  ctx.log(`Demo MLS: large mode, ${sizes.listings} listings`)
  const server = await startServerChild('servers/demo-mls-child.ts', {
    large: true,
    listings: sizes.listings,
    maxRows: sizes.compactRows + 1000,
    // Basic keeps the raw-drain floor a single plain GET; gzip off so every variant reads the same bytes
    auth: 'basic',
    gzip: false,
    action: false,
    // real listing photos are hundreds of KB: the Demo MLS pads its small JPEGs (still valid) to that size
    photoBytes: sizes.photoBytes
  })
  const idle = await server.rss()
  const figures: DemoServerFigures = { idleRssMb: idle.rssMb }
  let searchPeakRssMb = NaN
  let compactCpuMs = 0
  const auth = { Authorization: basicHeader(DEMO_AUTH.user, DEMO_AUTH.password) }
  const variants: VariantReport[] = []
  let report: CaseReport | undefined
  try {
    const params: CompactParams = {
      url: server.url,
      ...DEMO_AUTH,
      resource: 'Property',
      cls: 'A',
      query: '(LIST_1=0+)',
      select: COMPACT_SELECT,
      limit: sizes.compactRows,
      storeDir: ctx.tmp
    }
    if (needCompact) {
      const file = path.join(ctx.tmp, 'compact.xml')
      const cpuBefore = (await server.rss()).cpuMs
      const drain = await measure(
        {
          module: 'compact',
          variant: 'raw-drain',
          role: 'floor',
          label: 'raw HTTP GET drain → file (Demo MLS)',
          params: { ...params, captureFile: file },
          reps: 1
        },
        ctx.log
      )
      variants.push(drain)
      compactCpuMs = (await server.rss()).cpuMs - cpuBefore
      figures.loadAverage = Math.round(os.loadavg()[0]! * 10) / 10
      const run = drain.runs[0]
      if (drain.ok && run?.output) {
        captures.compact = {
          file,
          contentType: String(run.output.extra?.contentType ?? 'text/xml'),
          bytes: run.output.bytes,
          sha256: run.output.checksum ?? ''
        }
        captures.compactParams = params
      }
    }
    if (ctx.want('compact-e2e')) {
      variants.unshift(
        await measure(
          {
            module: 'compact',
            variant: 'ours',
            role: 'ours',
            label: 'RetsSession → scanner → ResultStore (Demo MLS)',
            params,
            reps: sizes.e2eReps
          },
          ctx.log
        )
      )
    }
    searchPeakRssMb = (await server.rss()).peakRssMb
    const drained = variants.find((v) => v.variant === 'raw-drain')
    if (drained?.ok && drained.bytes)
      figures.compact = {
        label: `COMPACT search, ${sizes.compactRows.toLocaleString('en')} rows (raw drain, median)`,
        bytes: drained.bytes,
        ms: drained.medianMs,
        ...(compactCpuMs > 0 ? { cpuMs: compactCpuMs } : {}),
        peakRssMb: searchPeakRssMb
      }
    const base = `${server.url}/rets`
    if (want('standard-xml')) {
      const q = new URLSearchParams({
        SearchType: 'Property',
        Class: 'A',
        QueryType: 'DMQL2',
        Query: '(LIST_1=0+)',
        Format: 'STANDARD-XML',
        Limit: String(sizes.standardXmlRows),
        Count: '1'
      })
      const served = await serve(
        server,
        `STANDARD-XML search, ${sizes.standardXmlRows.toLocaleString('en')} rows`,
        () => capture(`${base}/Search?${q}`, path.join(ctx.tmp, 'standard.xml'), auth)
      )
      captures.standardXml = served.capture
      figures.standardXml = served.reply
    }
    if (want('metadata') || want('completion') || want('tree')) {
      const q = new URLSearchParams({ Type: 'METADATA-SYSTEM', ID: '*', Format: 'STANDARD-XML' })
      const served = await serve(server, 'GetMetadata, the whole dump (STANDARD-XML)', () =>
        capture(`${base}/GetMetadata?${q}`, path.join(ctx.tmp, 'metadata.xml'), auth)
      )
      captures.metadata = served.capture
      figures.metadata = served.reply
    }
    if (want('getobject')) {
      const ids: Record<string, string> = {}
      for (let i = 0; i < sizes.photoListings; i++) ids[listingKeyOf(i)] = '*'
      const id = Object.keys(ids)
        .map((k) => `${k}:*`)
        .join(',')
      const q = new URLSearchParams({ Resource: 'Property', Type: 'HiRes', ID: id, Location: '0' })
      const served = await serve(
        server,
        `GetObject multipart, ${sizes.photoListings} listings × every HiRes photo`,
        () => capture(`${base}/GetObject?${q}`, path.join(ctx.tmp, 'objects.bin'), auth)
      )
      captures.getObject = { ...served.capture, ids }
      figures.photos = served.reply
    }
  } finally {
    const { peakRssMb } = await server.stop()
    ctx.log(`Demo MLS peak RSS ${peakRssMb} MB`)
    if (ctx.want('compact-e2e'))
      report = e2eReport(ctx, variants, { idle: idle.rssMb, search: searchPeakRssMb, session: peakRssMb })
  }
  const serverReport = serverCase ? demoServerReport(ctx, figures) : undefined
  return { ...(report ? { report } : {}), ...(serverReport ? { serverReport } : {}), captures }
}

/** Captures one reply with the server's peak RSS started over, so the peak is this reply's. */
async function serve(
  server: ServerChild,
  label: string,
  fetchReply: () => Promise<Capture>
): Promise<{ capture: Capture; reply: ServedReply }> {
  await server.resetPeak()
  const cpuBefore = (await server.rss()).cpuMs
  const started = performance.now()
  const cap = await fetchReply()
  const ms = performance.now() - started
  const { peakRssMb, cpuMs } = await server.rss()
  return { capture: cap, reply: { label, bytes: cap.bytes, ms, peakRssMb, cpuMs: cpuMs - cpuBefore } }
}

async function capture(url: string, file: string, headers: Record<string, string>): Promise<Capture> {
  const r = await drainGet(url, { headers, toFile: file })
  if (r.status !== 200) throw new Error(`capture ${url}: HTTP ${r.status}`)
  return { file, contentType: r.contentType, bytes: r.bytes, sha256: r.sha256 }
}

interface ServerRss {
  /** RSS right after start (node + tsx + Demo MLS code) */
  idle: number
  /** peak once the COMPACT searches are done */
  search: number
  /** peak over the whole session (also the STANDARD-XML, metadata and photo captures) */
  session: number
}

function e2eReport(ctx: BenchContext, variants: VariantReport[], server: ServerRss): CaseReport {
  const serverPeakRssMb = server.search
  const ours = variants.find((v) => v.variant === 'ours')
  const drain = variants.find((v) => v.variant === 'raw-drain')
  variants.push({
    variant: 'demo-mls-server',
    role: 'server',
    label: 'Demo MLS server process (large mode), peak during the COMPACT searches',
    runs: [],
    ok: true,
    minMs: 0,
    medianMs: 0,
    peakRssMb: serverPeakRssMb,
    startRssMb: server.idle,
    extra: { idleRssMb: server.idle, searchPeakRssMb: server.search, sessionPeakRssMb: server.session }
  })
  if (ours && drain?.ok && ours.ok)
    ours.extra = { ...ours.extra, percentOfFloor: Math.round((drain.medianMs / ours.medianMs) * 100) }
  if (drain?.ok && ours?.ok) drain.oursSpeedup = Math.round((drain.medianMs / ours.medianMs) * 100) / 100
  const rows = ctx.sizes.compactRows
  if (ours) {
    ours.correct = ours.ok && ours.rows === rows && ours.correct !== false
    if (!ours.correct) ours.correctnessNote = `${ours.rows ?? 0} rows, expected ${rows}`
  }
  const firstAfterByte = Number(ours?.extra?.firstRowAfterFirstByteMs ?? NaN)
  const mainPeak = ours?.peakRssMb ?? NaN
  const targets = [
    target('main process peak RSS < 250 MB (issue 5)', rssText(ours), mainPeak < 250),
    target('peak RSS < 150 MB (issue 10)', rssText(ours), mainPeak < 150),
    target(
      'first row before the body ends (issue 5)',
      `first row at ${ours?.extra?.firstRowMs} ms, body ended at ${ours?.extra?.bodyEndMs} ms`,
      ours?.extra?.firstRowBeforeBodyEnd === true
    ),
    target('first row < 50 ms after first byte (issue 10)', `${firstAfterByte} ms`, firstAfterByte < 50),
    target(
      'Demo MLS large mode serves it under 200 MB RSS (issue 4)',
      `${serverPeakRssMb} MB (idle ${server.idle} MB; whole session incl. photo and STANDARD-XML captures ${server.session} MB)`,
      serverPeakRssMb < 200
    )
  ]
  return caseReport(
    'compact-e2e',
    'COMPACT search end to end against the Demo MLS (server-bound)',
    `${rows.toLocaleString('en')} rows, ${mb(drain?.bytes)} MB body`,
    variants,
    targets,
    [
      'The Demo MLS generates rows on the fly (its rate: the demo-mls case), so every client here runs at the server\'s pace; throughput ratios are measured in the "compact" case against a replay of the same body.'
    ]
  )
}

function mb(bytes: number | undefined): string {
  return bytes ? (bytes / 1048576).toFixed(1) : '?'
}
