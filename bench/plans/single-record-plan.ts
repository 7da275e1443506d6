// Case "single-record": one COMPACT record of 12.5, 25 and 50 MB (full run; --quick: 2, 4, 8 MB), replayed from a
// generated file at loopback speed. Linear time means the same ms per MB at every size (before issue 17's fix it
// grew with the size: 25 MB took 4.3 s, 100 MB 6.7 min).
import { closeSync, openSync, writeSync } from 'node:fs'
import path from 'node:path'
import { startServerChild } from '../harness/child-runner'
import type { BenchContext } from '../harness/bench-context'
import { caseReport, measure, target } from '../harness/measure'
import type { CaseReport, VariantReport } from '../harness/report-types'
import type { ReplayConfig } from '../servers/replay-child'
import { LOGIN_BODY, LOGOUT_BODY } from './replay-plan'

const MB = 1048576

function writeSingleRecord(file: string, valueBytes: number): void {
  const fd = openSync(file, 'w')
  try {
    writeSync(
      fd,
      '<RETS ReplyCode="0" ReplyText="OK">\r\n<DELIMITER value="09"/>\r\n<COLUMNS>\tA\tB\t</COLUMNS>\r\n<DATA>\t'
    )
    const chunk = Buffer.alloc(MB, 'a')
    for (let left = valueBytes; left > 0; left -= MB) writeSync(fd, chunk, 0, Math.min(MB, left))
    writeSync(fd, '\tb\t</DATA>\r\n</RETS>\r\n')
  } finally {
    closeSync(fd)
  }
}

export async function runSingleRecordPlan(ctx: BenchContext): Promise<CaseReport[]> {
  return [
    ...(ctx.want('single-record') ? [await singleRecordCase(ctx)] : []),
    ...(ctx.want('huge-token') ? [await hugeTokenCase(ctx)] : [])
  ]
}

async function singleRecordCase(ctx: BenchContext): Promise<CaseReport> {
  const sizes = ctx.quick ? [2, 4, 8] : [12.5, 25, 50]
  const variants: VariantReport[] = []
  for (const sizeMb of sizes) {
    const file = path.join(ctx.tmp, `single-record-${sizeMb}.xml`)
    const valueBytes = Math.round(sizeMb * MB)
    writeSingleRecord(file, valueBytes)
    const routes: ReplayConfig = {
      '/rets/Login': { contentType: 'text/xml; charset=UTF-8', text: LOGIN_BODY },
      '/rets/Logout': { contentType: 'text/xml; charset=UTF-8', text: LOGOUT_BODY },
      '/rets/Search': { contentType: 'text/xml; charset=UTF-8', file }
    }
    const server = await startServerChild('servers/replay-child.ts', routes)
    try {
      const params = { url: server.url, storeDir: ctx.tmp, maxRecordBytes: 64 * MB }
      const label = `${sizeMb} MB single COMPACT record: RetsSession → scanner → ResultStore (cap raised to 64 MB)`
      const v = await measure(
        { module: 'single-record', variant: 'ours', role: 'ours', label, params, reps: ctx.sizes.reps },
        ctx.log
      )
      v.variant = `ours-${sizeMb}mb`
      v.correct = v.ok && v.rows === 1 && v.extra?.valueBytes === valueBytes
      if (!v.correct) v.correctnessNote = `${v.rows ?? 0} rows, value of ${String(v.extra?.valueBytes)} bytes`
      variants.push(v)
    } finally {
      await server.stop()
    }
  }
  const msPerMb = variants.map((v, i) => v.medianMs / sizes[i]!)
  const first = msPerMb[0] ?? NaN
  const last = msPerMb[msPerMb.length - 1] ?? NaN
  const stall = Math.max(...variants.map((v) => Number(v.extra?.maxStallMs ?? NaN)))
  const largest = variants[variants.length - 1]
  const perMb = msPerMb.map((m, i) => `${sizes[i]} MB: ${m.toFixed(1)} ms/MB`).join(', ')
  return caseReport(
    'single-record',
    `${sizes[sizes.length - 1]} MB single COMPACT record (a hostile reply; issue 17 item 7)`,
    sizes.map((s) => `${s} MB`).join(' / '),
    variants,
    [
      target('linear time: ms per MB at the largest size ≤ 1.5× the smallest', perMb, last <= first * 1.5),
      target('longest event-loop stall < 100 ms', `${stall} ms`, stall < 100)
    ],
    [
      `Peak RSS of the largest: ${largest?.peakRssMb ?? '?'} MB (the default cap of 16 MB refuses such a record; test/integration/security/single-record-bounded.test.ts asserts < 250 MB at 100 MB).`
    ]
  )
}

/** A token endpoint answering 300 MB (full run; --quick: 64 MB): refused after 1 MB, with memory and stalls small. */
async function hugeTokenCase(ctx: BenchContext): Promise<CaseReport> {
  const sizeMb = ctx.quick ? 64 : 300
  const file = path.join(ctx.tmp, 'huge-token.json')
  const fd = openSync(file, 'w')
  try {
    writeSync(fd, '{"access_token":"')
    const chunk = Buffer.alloc(MB, 'a')
    for (let i = 0; i < sizeMb; i++) writeSync(fd, chunk)
    writeSync(fd, '","token_type":"Bearer"}')
  } finally {
    closeSync(fd)
  }
  const server = await startServerChild('servers/replay-child.ts', {
    '/token': { contentType: 'application/json', file }
  } satisfies ReplayConfig)
  try {
    const v = await measure(
      {
        module: 'huge-token',
        variant: 'ours',
        role: 'ours',
        label: `${sizeMb} MB token reply: HttpClient → token endpoint (1 MB cap)`,
        params: { url: server.url },
        reps: ctx.sizes.reps
      },
      ctx.log
    )
    v.correct = v.ok && v.extra?.refusedWith === 'HTTP_BODY_TOO_LARGE'
    if (!v.correct) v.correctnessNote = `ended with ${String(v.extra?.refusedWith)}`
    const stall = Number(v.extra?.maxStallMs ?? NaN)
    return caseReport(
      'huge-token',
      `${sizeMb} MB token reply (a hostile token endpoint; issue 17 item 7)`,
      `${sizeMb} MB`,
      [v],
      [
        target('refused after 1 MB, peak RSS < 250 MB', `${v.peakRssMb} MB`, v.correct && v.peakRssMb < 250),
        target('longest event-loop stall < 100 ms', `${stall} ms`, stall < 100)
      ]
    )
  } finally {
    await server.stop()
  }
}
