// Case "conformance": Data Dictionary conformance against a ~2 MB one-line reference EDMX (~1,600 properties,
// ~220 enums): parse it (readEdmx → model) and check a local model as large as the reference whose names are a
// third exact, a third near misses (so every one goes through the fuzzy variation search) and a third local.
// Issue 21's target: under a second for parse + check.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { checkConformance } from '../../domain/metadata/conformance/conformance-check'
import type { MetadataModel } from '../../domain/metadata/metadata-model'
import { readEdmx } from '../../src-main/protocols/odata/edmx-reader'
import { edmxToModel } from '../../src-main/protocols/odata/edmx-to-model'
import type { VariantFn } from '../harness/protocol'

export interface ConformanceParams {
  file: string
}

/** The local side: the reference's resources with each third of the names kept, bent, or replaced. */
export function localModelFrom(reference: MetadataModel): MetadataModel {
  return {
    source: 'reso',
    system: { id: 'local', attrs: {} },
    resources: reference.resources.map((r) => ({
      ...r,
      classes: r.classes.map((c) => ({
        ...c,
        fields: (c.fields ?? []).map(({ standardName: _dropped, ...f }, i) => {
          const name = i % 3 === 0 ? f.systemName : i % 3 === 1 ? `${f.systemName.toLowerCase()}x` : `Local${i}Zq`
          return { ...f, systemName: name }
        })
      }))
    })),
    warnings: []
  }
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as ConformanceParams
  const body = await readFile(p.file)
  const probe = edmxToModel(await readEdmx(body))
  const local = localModelFrom(probe)
  const started = performance.now()
  const reference = edmxToModel(await readEdmx(body))
  const report = checkConformance(local, reference)
  const timedMs = performance.now() - started
  const sum = (pick: (r: (typeof report.resources)[number]) => number): number =>
    report.resources.reduce((n, r) => n + pick(r), 0)
  const counts = {
    present: sum((r) => r.present.length),
    variations: sum((r) => r.variations.length),
    localFields: sum((r) => r.localFields.length),
    properties: report.reference.fields
  }
  return {
    rows: counts.properties,
    bytes: body.length,
    checksum: createHash('sha256').update(JSON.stringify(counts)).digest('hex'),
    timedMs,
    extra: counts
  }
}

export const variants: Record<string, VariantFn> = { ours }
