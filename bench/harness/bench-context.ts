// Sizes for the full run and for --quick, and what every plan gets: temp dir, repetitions, log, case filter.

export interface BenchSizes {
  /** rows of the COMPACT search */
  compactRows: number
  /** Demo MLS listings (class A is ~70 % of them, so this covers compactRows) */
  listings: number
  /** rows of the STANDARD-XML search capture (~1.5 KB each) */
  standardXmlRows: number
  /** listings whose HiRes photos one GetObject fetches (~4 photos each) */
  photoListings: number
  /** the Demo MLS pads each photo to this size (real photos are hundreds of KB; its own JPEGs are ~4–10 KB) */
  photoBytes: number
  /** size of the generated OData page */
  odataMb: number
  /** size of the generated single-line EDMX and how often it is parsed */
  edmxBytes: number
  edmxRepeat: number
  /** how often the Demo MLS metadata dump is parsed in one run */
  metadataRepeat: number
  /** the dump grown to real-MLS size (plans/large-metadata.ts): Property classes × fields, lookups × values */
  metadataLarge: { classes: number; fieldsPerClass: number; lookups: number; valuesPerLookup: number }
  storeRows: number
  storePageReads: number
  reps: number
  /** repetitions of the slow end-to-end runs against the Demo MLS (server-bound) */
  e2eReps: number
  /** Demo MLS listings for the sync case (class A, the one synced, is ~70 % of them) */
  syncListings: number
}

export const FULL: BenchSizes = {
  compactRows: 1_000_000,
  listings: 1_450_000,
  standardXmlRows: 33_000,
  photoListings: 240,
  photoBytes: 300_000,
  odataMb: 150,
  edmxBytes: 2_000_000,
  edmxRepeat: 10,
  metadataRepeat: 20,
  // ~50 MB, the size issue 10 names
  metadataLarge: { classes: 200, fieldsPerClass: 350, lookups: 400, valuesPerLookup: 50 },
  storeRows: 1_000_000,
  storePageReads: 2000,
  reps: 3,
  e2eReps: 2,
  syncListings: 1_450_000
}

export const QUICK: BenchSizes = {
  compactRows: 20_000,
  listings: 30_000,
  standardXmlRows: 1500,
  photoListings: 8,
  photoBytes: 300_000,
  odataMb: 3,
  edmxBytes: 300_000,
  edmxRepeat: 3,
  metadataRepeat: 2,
  metadataLarge: { classes: 4, fieldsPerClass: 300, lookups: 10, valuesPerLookup: 40 },
  storeRows: 50_000,
  storePageReads: 300,
  reps: 2,
  e2eReps: 1,
  syncListings: 30_000
}

export interface BenchContext {
  quick: boolean
  sizes: BenchSizes
  /** scratch dir for captures, generated inputs, result stores and photo files */
  tmp: string
  want(caseName: string): boolean
  /** the case was named with --case (cases left out of --quick run then too) */
  named(caseName: string): boolean
  log(line: string): void
}

/** The columns of the COMPACT search: ~150 bytes a row, so 1M rows ≈ 150 MB as the issue asks. */
export const COMPACT_SELECT =
  'LIST_1,LIST_105,LIST_15,LIST_22,LIST_10,LIST_31,LIST_34,LIST_35,LIST_39,LIST_43,LIST_66,LIST_67,LIST_48,LIST_87'

export const CASE_NAMES = [
  'compact-e2e',
  'demo-mls',
  'compact',
  'standard-xml',
  'metadata',
  'getobject',
  'odata',
  'edmx',
  'result-store',
  'single-record',
  'huge-token',
  'completion',
  'conformance',
  'sync',
  'tree'
] as const
