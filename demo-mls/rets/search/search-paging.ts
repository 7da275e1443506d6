// Limit / Offset / Count over a lazily iterated row source, shared by RETS Search and the IDX API. Offset is
// 1-based (RETS 1.7.2 §7.4.8); the server cap applies whatever Limit says; rows are handed out one at a time.

export interface PageSpec {
  /** 1-based */
  offset: number
  /** rows wanted (already clamped to the server cap) */
  limit: number
  cap: number
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

export function openPage<R>(rows: Iterable<R>, test: (row: R) => boolean, spec: PageSpec): PageCursor<R> {
  const it = matching(rows, test)
  for (let skip = 1; skip < spec.offset; skip++) if (it.next().done) break
  const head = spec.limit > 0 ? it.next() : { done: true as const, value: undefined }
  let hasMore = false
  const first = head.done ? undefined : head.value
  return {
    first,
    *rest() {
      if (first === undefined) return
      for (let n = 1; n < spec.limit; n++) {
        const next = it.next()
        if (next.done) return
        yield next.value
      }
      hasMore = !it.next().done
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
