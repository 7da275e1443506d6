// The Demo MLS Spark listings search. A search's ordered matching keys are kept per server, role, _filter and
// _orderby, so paging through them with _skiptoken or _page costs one filter pass per search instead of one per page
// (a replication pass over 5,000 listings at 25 a page was 200 full scans); the Spark-shaped rows the filters run on
// are built once per role. Every admin mutation or catalogue change moves the data version and drops it all. Large
// mode (rows generated on the fly, up to millions) is never cached: it scans per request as before.
import { recordFromObject, type FieldResolver } from '../../domain/query-languages'
import { evaluateSparkQL, type SparkNode } from '../../domain/query-languages/sparkql'
import type { DemoContext, DemoRole } from '../demo-context'
import { compareJsonValues } from '../web-api/sort-values'
import { standardFieldsOf } from './spark-records'

interface SparkRow {
  key: string
  fields: Record<string, unknown>
}

/** The matches of one search, in result order. */
export interface SparkSearch {
  readonly keys: readonly string[]
  /**
   * Where the page after a _skiptoken starts. In ListingKey order that is the first key after the token, so a token
   * whose listing has since gone still places; under an _orderby it is after the token's own row (undefined if none).
   */
  startAfter(token: string): number | undefined
}

export interface SparkSearchQuery {
  role: DemoRole
  /** the _filter text (the cache key) and its parsed form */
  filterText: string
  filter: SparkNode | undefined
  orderby: string | undefined
  resolve: FieldResolver
}

/** Searches kept per server: enough for a few sync targets and query tabs paging at once. */
const MAX_SEARCHES = 32

class SparkSearchCache {
  private version = ''
  private readonly rows = new Map<DemoRole, SparkRow[]>()
  private readonly searches = new Map<string, SparkSearch>()

  constructor(private readonly ctx: DemoContext) {}

  search(q: SparkSearchQuery): SparkSearch {
    // mutations stamp a strictly newer ModificationTimestamp; removals also change the count; addField the version
    const data = this.ctx.data
    const version = `${data.lastModified()}|${data.count()}|${data.metadataVersion()}`
    if (version !== this.version) {
      this.version = version
      this.rows.clear()
      this.searches.clear()
    }
    const id = `${q.role}\n${q.filterText}\n${q.orderby ?? ''}`
    const hit = this.searches.get(id)
    if (hit) {
      // most recently used last, so the oldest is the one evicted
      this.searches.delete(id)
      this.searches.set(id, hit)
      return hit
    }
    const found = matchingKeys(this.roleRows(q.role), q)
    if (this.searches.size >= MAX_SEARCHES) this.searches.delete(this.searches.keys().next().value!)
    this.searches.set(id, found)
    return found
  }

  private roleRows(role: DemoRole): SparkRow[] {
    let rows = this.rows.get(role)
    if (!rows) {
      rows = Array.from(this.ctx.data.listings(), (l) => ({
        key: l.ListingKey,
        fields: standardFieldsOf(this.ctx, l, role)
      }))
      rows.sort((a, b) => byKey(a.key, b.key))
      this.rows.set(role, rows)
    }
    return rows
  }
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function orderComparator(spec: string): (a: SparkRow, b: SparkRow) => number {
  const keys = list(spec).map((item) => ({ desc: item.startsWith('-'), field: item.replace(/^[-+]/, '') }))
  return (a, b) => {
    for (const k of keys) {
      const c = compareJsonValues(a.fields[k.field], b.fields[k.field])
      if (c !== 0) return k.desc ? -c : c
    }
    return byKey(a.key, b.key)
  }
}

/** Filter (masked values invisible to it: they are the mask) and sort; without _orderby, ListingKey order. */
function matchingKeys(rows: Iterable<SparkRow>, q: SparkSearchQuery): SparkSearch {
  const matches: SparkRow[] = []
  for (const row of rows) {
    if (!q.filter || evaluateSparkQL(q.filter, recordFromObject(row.fields), q.resolve)) matches.push(row)
  }
  matches.sort(q.orderby ? orderComparator(q.orderby) : (a, b) => byKey(a.key, b.key))
  const keys = matches.map((m) => m.key)
  if (!q.orderby) return { keys, startAfter: (token) => firstAfter(keys, token) }
  let position: Map<string, number> | undefined
  return {
    keys,
    startAfter(token) {
      position ??= new Map(keys.map((k, i) => [k, i]))
      const at = position.get(token)
      return at === undefined ? undefined : at + 1
    }
  }
}

/** Binary search: the index of the first key greater than `token` in sorted keys. */
function firstAfter(keys: readonly string[], token: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid]! <= token) lo = mid + 1
    else hi = mid
  }
  return lo
}

const caches = new WeakMap<DemoContext, SparkSearchCache>()

/** The matches of a /v1/listings search, from the cache when the data has not changed since it was made. */
export function sparkSearch(ctx: DemoContext, q: SparkSearchQuery): SparkSearch {
  if (ctx.options.large) {
    const rows = (function* () {
      for (const l of ctx.data.listings()) yield { key: l.ListingKey, fields: standardFieldsOf(ctx, l, q.role) }
    })()
    return matchingKeys(rows, q)
  }
  let cache = caches.get(ctx)
  if (!cache) {
    cache = new SparkSearchCache(ctx)
    caches.set(ctx, cache)
  }
  return cache.search(q)
}
