// The unfinished element a streaming scanner carries from one chunk to the next. Short ones (a row cut by a chunk
// boundary) stay a view of the chunk; once an element outgrows LONG_ELEMENT it moves into storage that grows by
// doubling, so a record of n bytes costs O(n) copies instead of one re-join per chunk (a hostile 100 MB single record
// took 6.7 min that way). `resume` remembers how far the scanner already searched inside it, so the searches stay
// linear too. Bounded: an element over `max` bytes is refused.
import { AppError } from '../../../../contract/app-error'
import { byteSize } from '../../../platform/http/read-capped'

/** Offsets inside the pending element (from its first byte) before which the scanner's searches found nothing. */
export interface Resume {
  /** the `<` that ends a plain `<DATA>` row */
  lt: number
  /** the `>` that ends a start tag */
  gt: number
  /** the `</NAME` that ends a record found by the generic path */
  close: number
  /** byte classes (compact-row-decoder) of a plain row's content before `lt` */
  flags: number
  /** the element is not a plain `<DATA>…</DATA>` row (the fast path gave up on it once) */
  notPlain: boolean
}

export const NO_RESUME: Readonly<Resume> = Object.freeze({ lt: 0, gt: 0, close: 0, flags: 0, notPlain: false })

const LONG_ELEMENT = 64 * 1024
const PRESIZE_AT = 1024 * 1024
const EMPTY = Buffer.alloc(0)

export class ElementTooLargeError extends AppError {
  constructor(readonly limit: number) {
    super({
      code: 'REPLY_ELEMENT_TOO_LARGE',
      message: `One record of the reply is larger than ${byteSize(limit)}, the limit for a single record.`,
      hint: 'The server sent a record that never ends or is far larger than any real listing; check the query or raise the limit in the settings.'
    })
  }
}

export class ElementBuffer {
  private storage: Buffer = EMPTY
  private len = 0
  /** the bytes live in `storage` (growing) rather than as a view of the last chunk */
  long = false
  resume: Resume = NO_RESUME

  constructor(readonly max: number) {}

  get length(): number {
    return this.len
  }

  get bytes(): Buffer {
    return this.storage.subarray(0, this.len)
  }

  /** Carries `view` (the unfinished tail of the scanned buffer) over; `resume` is relative to its first byte. */
  keep(view: Buffer, resume: Resume): void {
    this.resume = resume
    if (this.long && view.buffer === this.storage.buffer && view.byteOffset === this.storage.byteOffset) {
      this.len = view.length // the same element, still growing in place
      return
    }
    this.long = false
    this.storage = view
    this.len = view.length
    if (view.length >= LONG_ELEMENT) this.grow(0)
  }

  /**
   * Appends a chunk to the pending element; returns the whole element. `bound`: the most the element can still
   * become (the reply's remaining length, when known), so a huge one takes its storage at once (see grow).
   */
  append(chunk: Buffer, bound?: number): Buffer {
    if (this.len + chunk.length > this.max) throw new ElementTooLargeError(this.max)
    if (!this.long || this.len + chunk.length > this.storage.length) this.grow(chunk.length, bound)
    chunk.copy(this.storage, this.len)
    this.len += chunk.length
    return this.storage.subarray(0, this.len)
  }

  clear(): void {
    this.storage = EMPTY
    this.len = 0
    this.long = false
    this.resume = NO_RESUME
  }

  private grow(extra: number, bound?: number): void {
    const need = this.len + extra
    // Past PRESIZE_AT an element is a rare, huge record: when the reply's length bounds it, one buffer of that size
    // instead of doubling on — whose last copy (32 MB of a 50 MB record) stalled the event loop for ~50 ms.
    // (a bound the element already reached was wrong — a reply longer than it said: double as before)
    const doubled = Math.max(need * 2, 4 * LONG_ELEMENT)
    const target = bound !== undefined && need >= PRESIZE_AT && bound > need ? bound : doubled
    const size = Math.min(target, Math.max(need, this.max))
    const next = Buffer.allocUnsafe(size)
    this.storage.copy(next, 0, 0, this.len)
    this.storage = next
    this.long = true
  }
}
