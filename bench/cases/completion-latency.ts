// Case "completion" (issue 23 item 6): query-editor completion with the ~50 MB metadata dump loaded (70k fields
// in one context, the worst case a tab can meet). Times the language services the Monaco providers call per
// keystroke (dmqlComplete / odataComplete on the app's metadata model), not Monaco's own list rendering: p50/p95
// over repeated requests at the positions a user types at — a fresh field, a partial name, after an operator.
import { readFile } from 'node:fs/promises'
import { dmqlComplete } from '../../domain/query-languages/dmql/dmql-editor'
import type { EditorContext } from '../../domain/query-languages/editor/editor-types'
import { odataComplete } from '../../domain/query-languages/odata/odata-editor'
import type { FieldMeta, LookupValue } from '../../domain/metadata/metadata-model'
import { readMetadataBlocks } from '../../src-main/protocols/rets/metadata/metadata-reader'
import { applyBlocks, emptyRetsModel } from '../../src-main/protocols/rets/metadata/metadata-model-builder'
import { percentile } from '../harness/measure'
import type { VariantFn } from '../harness/protocol'

export interface CompletionParams {
  file: string
  contentType: string
  requests: number
}

async function context(p: CompletionParams): Promise<EditorContext> {
  const body = await readFile(p.file)
  const read = await readMetadataBlocks(
    (async function* () {
      yield body
    })(),
    p.contentType,
    'STANDARD-XML'
  )
  const model = emptyRetsModel()
  applyBlocks(model, read.blocks)
  const fields: FieldMeta[] = []
  const lookups = new Map<string, LookupValue[]>()
  for (const r of model.resources) {
    for (const c of r.classes) fields.push(...(c.fields ?? []))
    for (const l of r.lookups) if (l.values) lookups.set(l.name, l.values)
  }
  return { fields, lookupValues: (name) => lookups.get(name) }
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as CompletionParams
  const ctx = await context(p)
  const withLookup = ctx.fields.find((f) => f.lookupName && ctx.lookupValues?.(f.lookupName)?.length)
  const name = withLookup?.systemName ?? ctx.fields[0]?.systemName ?? 'X'
  // what a user types: a new condition, a partial field name, a value after `=`; DMQL and OData $filter
  const cases: Array<() => number> = [
    () => dmqlComplete('(', 1, ctx).items.length,
    () => dmqlComplete(`(${name.slice(0, 4)}`, 5, ctx).items.length,
    () => dmqlComplete(`(${name}=`, name.length + 2, ctx).items.length,
    () => odataComplete('', 0, ctx).items.length,
    () => odataComplete(`${name.slice(0, 4)}`, 4, ctx).items.length,
    () => odataComplete(`${name} eq `, name.length + 4, ctx).items.length
  ]
  const times: number[] = []
  let items = 0
  const started = performance.now()
  for (let i = 0; i < p.requests; i++) {
    const t = performance.now()
    items += cases[i % cases.length]!()
    times.push(performance.now() - t)
  }
  const timedMs = performance.now() - started
  const r2 = (n: number): number => Math.round(n * 100) / 100
  return {
    rows: p.requests,
    bytes: 0,
    timedMs,
    extra: {
      fields: ctx.fields.length,
      p50Ms: r2(percentile(times, 50)),
      p95Ms: r2(percentile(times, 95)),
      maxMs: r2(Math.max(...times)),
      itemsPerRequest: Math.round(items / p.requests)
    }
  }
}

export const variants = { ours }
