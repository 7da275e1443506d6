// Parent side of the "odata" case: generate the page once, then measure (see cases/odata-page.ts).
import path from 'node:path'
import type { BenchContext } from '../harness/bench-context'
import { caseReport, guard, measure, rssText, speedups, target } from '../harness/measure'
import type { CaseReport, VariantReport } from '../harness/report-types'
import { writeODataPage, type ODataPageFile } from '../inputs/odata-page-input'

export async function odataInput(ctx: BenchContext): Promise<ODataPageFile> {
  const page = await writeODataPage(path.join(ctx.tmp, 'odata-page.json'), ctx.sizes.odataMb * 1048576)
  ctx.log(`OData page: ${page.records} records, ${(page.bytes / 1048576).toFixed(1)} MB`)
  return page
}

export async function odataCase(ctx: BenchContext, url: string, page: ODataPageFile): Promise<CaseReport> {
  const params = { url, storeDir: ctx.tmp, records: page.records }
  const reps = ctx.sizes.reps
  const variants: VariantReport[] = [
    await measure(
      {
        module: 'odata',
        variant: 'ours',
        role: 'ours',
        label: 'ODataClient.run → byte lane (records as store lines, no JSON.parse) → ResultStore',
        params,
        reps
      },
      ctx.log
    ),
    await measure(
      {
        module: 'odata',
        variant: 'ours-parsed',
        role: 'ours',
        label: 'diagnostic: the parsed lane (splitODataPageBatches, JSON.parse per chunk, cellText) → ResultStore',
        params,
        reps
      },
      ctx.log
    ),
    await measure(
      { module: 'odata', variant: 'json-parse', role: 'baseline', label: 'whole body + JSON.parse', params, reps },
      ctx.log
    )
  ]
  guard(variants, 'json-parse', page.records)
  speedups(variants)
  const ours = variants[0]!
  const base = variants.find((v) => v.variant === 'json-parse')!
  if (ours.ok && ours.extra?.odataCount !== page.records) {
    ours.correct = false
    ours.correctnessNote = `@odata.count read as ${ours.extra?.odataCount}`
  }
  return caseReport(
    'odata',
    'OData page, one big JSON body (generated, served over loopback)',
    `${page.records.toLocaleString('en')} records, ${(page.bytes / 1048576).toFixed(1)} MB`,
    variants,
    [
      target('≥ 2× JSON.parse (#23)', `${base.oursSpeedup ?? '?'}×`, (base.oursSpeedup ?? 0) >= 2),
      target('≥ 70 MB/s', `${ours.mbPerS ?? '?'} MB/s`, (ours.mbPerS ?? 0) >= 70),
      target(
        'peak RSS < 150 MB (baseline for comparison)',
        `${rssText(ours)}; JSON.parse: ${base.peakRssMb} MB`,
        ours.peakRssMb < 150
      ),
      target('150 MB page under 200 MB RSS (issue 6)', rssText(ours), ours.peakRssMb < 200)
    ]
  )
}
