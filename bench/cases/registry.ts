// Case name → its variants, imported lazily so a worker loads only the code of the case it runs (its start RSS
// stays small and comparable).
import type { VariantFn } from '../harness/protocol'

export interface CaseModule {
  variants: Record<string, VariantFn>
  /** loads a baseline's library before the clock starts (and before the start RSS is taken) */
  preload?: Record<string, () => Promise<unknown>>
}

const loaders: Record<string, () => Promise<CaseModule>> = {
  compact: () => import('./compact-search'),
  getobject: () => import('./get-object-case'),
  odata: () => import('./odata-page-case'),
  'standard-xml': () => import('./standard-xml'),
  metadata: () => import('./rets-metadata'),
  edmx: () => import('./edmx'),
  'result-store': () => import('./result-store-paging'),
  'single-record': () => import('./single-record'),
  'huge-token': () => import('./huge-token'),
  completion: () => import('./completion-latency'),
  conformance: () => import('./conformance-case'),
  sync: () => import('./sync-case'),
  tree: () => import('./metadata-tree')
}

export async function loadCase(caseName: string): Promise<CaseModule> {
  const load = loaders[caseName]
  if (!load) throw new Error(`unknown case ${caseName}`)
  return load()
}
