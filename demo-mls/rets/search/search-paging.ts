// Limit / Offset / Count over a lazily iterated row source, shared by RETS Search and the IDX API. Offset is
// 1-based (RETS 1.7.2 §7.4.8); the server cap applies whatever Limit says; rows are handed out one at a time.

export interface PageSpec {
  /** 1-based */
  offset: number
  /** rows wanted (already clamped to the server cap) */
  limit: number
  cap: number
  /**
   * Names the result set (query, class, data version): a page that ends where the next request of the same set
   * starts is kept open, so paging through a million rows does not re-test every row before each Offset.
   */
  resumeKey?: string
}

export interface PageCursor<R> {
  /** first row of the page, or undefined when the page is empty */
  first: R | undefined
  /** the remaining rows of the page, then `more` tells whether rows exist past it */
  rest(): Generator<R, void, void>
  /** valid after rest() is exhausted */
  more(): boolean
}

export function* matching<R>(rows: Iterable<R>, test: (row: R) => boolean): Generator<R, void, void> {
  for (const row of rows) if (test(row)) yield row
}

export function countMatching<R>(rows: Iterable<R>, test: (row: R) => boolean): number {
  let n = 0
  for (const row of rows) if (test(row)) n++
  return n
}

/** A result set left open after a page, positioned at 1-based `offset` (whose row was already read: `next`). */
interface OpenSet {
  key: string
  offset: number
  it: Iterator<unknown, void, void>
  next: IteratorResult<unknown, void>
  at: number
}

// What a database's index (or a server-side cursor) gives a real MLS: the next page of a result set starts where
// the last one ended. A few sets, briefly: clients page one query at a time.
const OPEN_SETS_MAX = 4
const OPEN_SET_TTL_MS = 120_000
const openSets: OpenSet[] = []

function takeOpenSet(key: string, offset: number): OpenSet | undefined {
  const now = Date.now()
  for (let i = openSets.length - 1; i >= 0; i--) {
    const set = openSets[i] as OpenSet
    if (now - set.at > OPEN_SET_TTL_MS) openSets.splice(i, 1)
    else if (set.key === key && set.offset === offset) return openSets.splice(i, 1)[0]
  }
  return undefined
}

function keepOpenSet(set: OpenSet): void {
  openSets.push(set)
  if (openSets.length > OPEN_SETS_MAX) openSets.shift()
}

export function openPage<R>(rows: Iterable<R>, test: (row: R) => boolean, spec: PageSpec): PageCursor<R> {
  const kept = spec.resumeKey === undefined ? undefined : takeOpenSet(spec.resumeKey, spec.offset)
  let it: Iterator<R, void, void>
  let head: IteratorResult<R, void>
  if (kept) {
    it = kept.it as Iterator<R, void, void>
    head = kept.next as IteratorResult<R, void>
  } else {
    it = matching(rows, test)
    for (let skip = 1; skip < spec.offset; skip++) if (it.next().done) break
    head = spec.limit > 0 ? it.next() : { done: true, value: undefined }
  }
  if (spec.limit <= 0) head = { done: true, value: undefined }
  let hasMore = false
  const first = head.done ? undefined : head.value
  return {
    first,
    *rest() {
      if (first === undefined) return
      let n = 1
      for (; n < spec.limit; n++) {
        const next = it.next()
        if (next.done) return
        yield next.value
      }
      const after = it.next()
      hasMore = !after.done
      if (hasMore && spec.resumeKey !== undefined) {
        keepOpenSet({ key: spec.resumeKey, offset: spec.offset + n, it, next: after, at: Date.now() })
      }
    },
    more: () => hasMore
  }
}

export function parseLimit(raw: string | null, cap: number): number | 'invalid' {
  if (raw === null || raw === '' || raw.toUpperCase() === 'NONE') return cap
  if (!/^\d+$/.test(raw)) return 'invalid'
  return Math.min(Number(raw), cap)
}

export function parseOffset(raw: string | null): number | 'invalid' {
  if (raw === null || raw === '') return 1
  if (!/^\d+$/.test(raw)) return 'invalid'
  return Math.max(1, Number(raw))
}
