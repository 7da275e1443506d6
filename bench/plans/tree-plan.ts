// Case "tree" (issue 23 item 6): Connect → the metadata tree's first level drawn, in chromium against web mode, for
// a RETS and a RESO profile, each against the app's own Demo MLS and against the large dump: the RETS one grown by
// plans/large-metadata.ts (the whole dump as the METADATA-SYSTEM reply, the worst a server sends), and a generated
// one-line EDMX of the same size for RESO ($metadata is one document). Both served by a replay child.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { findChromium, rendererBuilt } from '../../test/e2e/support/prerequisites'
import type { BenchContext } from '../harness/bench-context'
import { startServerChild } from '../harness/child-runner'
import { caseReport, measure, target } from '../harness/measure'
import type { CaseReport, VariantReport } from '../harness/report-types'
import { buildEdmx } from '../inputs/edmx-document'
import type { ReplayConfig } from '../servers/replay-child'
import type { TreeParams } from '../cases/metadata-tree'
import type { DemoCaptures } from './demo-mls-plan'
import { writeLargeMetadata, writeMetadataByType } from './large-metadata'
import { LOGIN_BODY, LOGOUT_BODY } from './replay-plan'

const MB = 1048576
/** what RetsMetadataLoader.loadRoot asks for */
const ROOT_TYPES = ['SYSTEM', 'RESOURCE', 'CLASS', 'OBJECT', 'LOOKUP', 'FOREIGNKEYS']
/** targets (ms): the Demo MLS's tree is a few small replies, so it is the app's own start-up cost; the large dump is
 * mostly parsing 50 MB (the metadata case: ~1–2 s alone) plus drawing */
const DEMO_TARGET_MS = 2000
const LARGE_TARGET_MS = 6000

/** Why the case cannot run here, or undefined. */
export function treeSkipReason(ctx: BenchContext): string | undefined {
  if (ctx.quick && !ctx.named('tree'))
    return 'not part of --quick (it needs `npm run build` and chromium); run it with --quick --case tree'
  if (!findChromium()) return 'chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)'
  if (!rendererBuilt()) return 'no renderer build in out/renderer: run `npm run build` first'
  return undefined
}

export async function runTreePlan(ctx: BenchContext, captures: DemoCaptures): Promise<CaseReport[]> {
  if (!ctx.want('tree')) return []
  const skip = treeSkipReason(ctx) ?? (captures.metadata ? undefined : 'no metadata capture from the Demo MLS')
  if (skip) {
    ctx.log(`tree: skipped — ${skip}`)
    return []
  }
  const cap = captures.metadata!
  const big = writeLargeMetadata(cap.file, path.join(ctx.tmp, 'metadata-large.xml'), ctx.sizes.metadataLarge)
  const byType = writeMetadataByType(big.file, path.join(ctx.tmp, 'tree-metadata'), ROOT_TYPES)
  const edmx = buildEdmx(big.bytes)
  const edmxFile = path.join(ctx.tmp, 'tree-large.edmx')
  writeFileSync(edmxFile, edmx.text)
  const routes: ReplayConfig = {
    '/rets/Login': { contentType: 'text/xml; charset=UTF-8', text: LOGIN_BODY },
    '/rets/Logout': { contentType: 'text/xml; charset=UTF-8', text: LOGOUT_BODY },
    '/reso/odata/$metadata': { contentType: 'application/xml', file: edmxFile }
  }
  for (const type of ROOT_TYPES)
    routes[`/rets/GetMetadata?Type=METADATA-${type}`] = { contentType: cap.contentType, file: byType[type]! }
  const server = await startServerChild('servers/replay-child.ts', routes)
  const variants: VariantReport[] = []
  try {
    const timeoutMs = 60_000
    const runs: Array<[string, string, TreeParams]> = [
      [
        'rets-demo',
        'RETS, the Demo MLS (digest login, lazy tree: SYSTEM … LOOKUP)',
        { kind: 'rets', expectResource: 'Property', timeoutMs }
      ],
      [
        'reso-demo',
        'RESO Web API, the Demo MLS (OAuth token, then $metadata)',
        { kind: 'reso', expectResource: 'Property', timeoutMs }
      ],
      [
        'rets-large',
        `RETS, ${(big.bytes / MB).toFixed(1)} MB dump as the METADATA-SYSTEM reply (${big.fields.toLocaleString('en')} fields)`,
        { kind: 'rets', serverUrl: server.url, expectResource: 'Property', timeoutMs }
      ],
      [
        'reso-large',
        `RESO, ${(edmx.text.length / MB).toFixed(1)} MB one-line $metadata (${edmx.counts.properties.toLocaleString('en')} properties)`,
        { kind: 'reso', serverUrl: server.url, expectResource: 'Entity0', timeoutMs }
      ]
    ]
    for (const [variant, label, params] of runs) {
      const v = await measure(
        { module: 'tree', variant: 'ours', role: 'ours', label, params, reps: ctx.sizes.reps, timeoutMs: 120_000 },
        ctx.log
      )
      v.variant = variant
      // the variant itself throws when the tree does not show the expected resource
      v.correct = v.ok
      variants.push(v)
    }
  } finally {
    await server.stop()
  }
  const ms = (name: string): number => variants.find((v) => v.variant === name)?.medianMs ?? NaN
  const check = (name: string, limit: number): ReturnType<typeof target> =>
    target(`${name}: tree drawn < ${limit / 1000} s`, `${Math.round(ms(name))} ms (median)`, ms(name) < limit)
  return [
    caseReport(
      'tree',
      'Connect → metadata tree (first level) drawn, chromium against web mode',
      `Demo MLS; ${(big.bytes / MB).toFixed(1)} MB RETS dump / ${(edmx.text.length / MB).toFixed(1)} MB EDMX`,
      variants,
      [
        check('rets-demo', DEMO_TARGET_MS),
        check('reso-demo', DEMO_TARGET_MS),
        check('rets-large', LARGE_TARGET_MS),
        check('reso-large', LARGE_TARGET_MS)
      ],
      [
        'Timed in the page: the click on the profile (Connect) → the first resource row in the DOM → the next frame painted. Each run is a fresh app and browser (no metadata snapshot); peak RSS is the worker: the app main side (web mode) and Playwright, not chromium.'
      ]
    )
  ]
}
