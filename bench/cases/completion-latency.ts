// Case "completion" (issue 23 item 6): query-editor completion with the ~50 MB metadata dump loaded (70k fields
// in one context, the worst case a tab can meet). Times the language services the Monaco providers call per
// keystroke (dmqlComplete / odataComplete on the app's metadata model) and, apart, those plus the provider's
// conversion into Monaco items (completion-suggestions.ts, Monaco-free) — not Monaco's own list rendering: p50/p95
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
import { pickCompletions, toSuggestions } from '../../src-renderer/monaco/languages/completion-suggestions'

/** the glue shares one replace range among all items; its shape does not matter to the timing */
const RANGE = { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 }

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
  // (the cursor at the end of the text)
  const cases: Array<[typeof dmqlComplete, string]> = [
    [dmqlComplete, '('],
    [dmqlComplete, `(${name.slice(0, 4)}`],
    [dmqlComplete, `(${name}=`],
    [odataComplete, ''],
    [odataComplete, name.slice(0, 4)],
    [odataComplete, `${name} eq `]
  ]
  // three lanes per request: the service alone, + the Monaco glue's conversion (capped to what Monaco can show),
  // + converting every item (what the glue did before the cap: the reference for the glue's share)
  const lanes = { service: [] as number[], glue: [] as number[], all: [] as number[] }
  let items = 0
  let converted = 0
  const started = performance.now()
  for (let i = 0; i < p.requests; i++) {
    const [complete, text] = cases[i % cases.length]!
    const offset = text.length
    const t0 = performance.now()
    const list = complete(text, offset, ctx)
    const t1 = performance.now()
    const picked = pickCompletions(list.items, text.slice(list.from, offset))
    converted += toSuggestions(picked.items, (kind) => kind, RANGE).length
    const t2 = performance.now()
    toSuggestions(list.items, (kind) => kind, RANGE)
    const t3 = performance.now()
    items += list.items.length
    lanes.service.push(t1 - t0)
    lanes.glue.push(t2 - t0)
    lanes.all.push(t1 - t0 + (t3 - t2))
  }
  const timedMs = performance.now() - started
  const r2 = (n: number): number => Math.round(n * 100) / 100
  return {
    rows: p.requests,
    bytes: 0,
    timedMs,
    extra: {
      fields: ctx.fields.length,
      p50Ms: r2(percentile(lanes.service, 50)),
      p95Ms: r2(percentile(lanes.service, 95)),
      maxMs: r2(Math.max(...lanes.service)),
      glueP50Ms: r2(percentile(lanes.glue, 50)),
      glueP95Ms: r2(percentile(lanes.glue, 95)),
      convertAllP95Ms: r2(percentile(lanes.all, 95)),
      itemsPerRequest: Math.round(items / p.requests),
      convertedPerRequest: Math.round(converted / p.requests)
    }
  }
}

export const variants = { ours }
