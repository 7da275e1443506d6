// Rows of a result live in main; the grid asks for pages of 200 as the user scrolls. Pages are cached with an LRU
// bound so scrolling through 1,000,000 rows keeps memory flat, and a page is never requested twice at once.
import { pagesCovering } from '../../ui/virtual-window'

export interface PageReply {
  offset: number
  rows: string[][]
  total: number
  complete: boolean
}
export type PageFetcher = (offset: number, limit: number) => Promise<PageReply>

export interface ResultPagesOptions {
  pageSize?: number
  /** pages kept in memory (LRU); 250 × 200 = 50,000 rows */
  maxPages?: number
  onChange?: () => void
  onError?: (err: unknown) => void
}

export class ResultPages {
  readonly pageSize: number
  private readonly maxPages: number
  private readonly pages = new Map<number, string[][]>()
  private readonly inFlight = new Map<number, Promise<void>>()
  total = 0
  complete = false

  constructor(
    private readonly fetcher: PageFetcher,
    private readonly options: ResultPagesOptions = {}
  ) {
    this.pageSize = options.pageSize ?? 200
    this.maxPages = options.maxPages ?? 250
  }

  row(index: number): string[] | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize]
  }

  isLoaded(page: number): boolean {
    return this.pages.has(page)
  }

  /** Main reports more rows while a job runs: a short last page must be fetched again to see its new rows. */
  setTotal(total: number, complete: boolean): void {
    if (total !== this.total) {
      for (const [p, rows] of this.pages) if (rows.length < this.pageSize) this.pages.delete(p)
    }
    this.total = total
    this.complete = complete
  }

  /** Loads the pages covering rows [start, end) plus `prefetch` pages after them. */
  async ensure(start: number, end: number, prefetch = 1): Promise<void> {
    const last = Math.min(this.total, end + prefetch * this.pageSize)
    const wanted = pagesCovering(Math.max(0, start), last, this.pageSize)
    await Promise.all(wanted.map((p) => this.load(p)))
  }

  private load(page: number): Promise<void> {
    const cached = this.pages.get(page)
    if (cached) {
      // touch for LRU order
      this.pages.delete(page)
      this.pages.set(page, cached)
      return Promise.resolve()
    }
    const pending = this.inFlight.get(page)
    if (pending) return pending
    const p = this.fetcher(page * this.pageSize, this.pageSize)
      .then((reply) => {
        this.pages.set(page, reply.rows)
        while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!)
        this.total = Math.max(this.total, reply.total)
        this.complete = reply.complete
        this.options.onChange?.()
      })
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => this.inFlight.delete(page))
    this.inFlight.set(page, p)
    return p
  }

  /** Every row currently in memory with its absolute index, in index order (for sort/filter over loaded pages). */
  loadedRows(): { index: number; row: string[] }[] {
    const out: { index: number; row: string[] }[] = []
    for (const p of [...this.pages.keys()].sort((a, b) => a - b)) {
      const rows = this.pages.get(p)!
      for (let k = 0; k < rows.length; k++) out.push({ index: p * this.pageSize + k, row: rows[k]! })
    }
    return out
  }

  get loadedCount(): number {
    let n = 0
    for (const rows of this.pages.values()) n += rows.length
    return n
  }
}
