// Which requested objects of each listing a run accounted for. A listing is done — journaled, never asked again on
// resume — only when every object asked for it was written, skipped as complete, or reported absent by the server.
// A reply that files objects under another id (a RETS Content-ID that matches no requested key) accounts for
// nothing: without this, such a listing looked finished although none of its photos was written.
import type { ObjectIdSelection } from '../../../../contract/photo-channels'
import type { ManifestRow } from './photo-export-types'

/** The folder (inside the destination) that keeps objects whose Content-ID matched no requested listing. */
export const UNMATCHED_FOLDER = '_unmatched-content-id'

const listingId = (type: string, listing: string): string => JSON.stringify([type, listing])

/** A failure row for a whole listing (`*`) or an id list (`1:2`), as sources write them. */
const wholeListing = (objectId: string): boolean => objectId === '*' || objectId.includes(':')

export class ListingAccounts {
  /** listing → object ids accounted for (written, skipped, or absent on the server) */
  private readonly seen = new Map<string, Set<string>>()
  /** listings with a failure worth retrying */
  private readonly retryable = new Set<string>()
  /** Content-IDs of the unmatched objects since the last `takeUnmatched` (a batch), with their counts */
  private batchUnmatched = new Map<string, number>()

  record(row: ManifestRow, missing: boolean): void {
    const id = listingId(row.type, row.listing)
    if (row.status === 'unmatched') {
      this.batchUnmatched.set(row.listing, (this.batchUnmatched.get(row.listing) ?? 0) + 1)
    } else if (row.status === 'failed' && !missing) this.retryable.add(id)
    else {
      const set = this.seen.get(id) ?? new Set<string>()
      set.add(row.objectId)
      this.seen.set(id, set)
    }
  }

  /** The unmatched Content-IDs (→ object count) seen since the last call. */
  takeUnmatched(): Map<string, number> {
    const taken = this.batchUnmatched
    this.batchUnmatched = new Map()
    return taken
  }

  hadRetryableFailure(type: string, listing: string): boolean {
    return this.retryable.has(listingId(type, listing))
  }

  /** The requested ids nothing was heard of (`*`/`0`: ['*'] when the listing got no object and no absence report). */
  unaccounted(type: string, listing: string, ids: ObjectIdSelection): string[] {
    const set = this.seen.get(listingId(type, listing))
    if (!set || set.size === 0) return Array.isArray(ids) ? ids.map(String) : [ids]
    if ([...set].some(wholeListing) || !Array.isArray(ids)) return []
    return ids.map(String).filter((n) => !set.has(n))
  }

  isDone(type: string, listing: string, ids: ObjectIdSelection): boolean {
    return !this.hadRetryableFailure(type, listing) && this.unaccounted(type, listing, ids).length === 0
  }
}
