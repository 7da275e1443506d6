// What a previous run left in the destination, for resuming. An object counts as complete only when its manifest
// row says written/skipped AND the file is there with the same size (and SHA-256, unless `verify: 'size'`): the
// manifest alone is not trusted, since a user may have edited or deleted files. Files are checked per batch just
// before it runs, not all up front, so a resumed 50 000-photo export starts at once.
//
// A small journal (.photo-export-state.jsonl) records listings whose objects were all handled; those listings are
// not requested again at all — for RETS multipart `*` requests that is the only way to know nothing is left.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { appendFile, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileSystemError } from './export-file-errors'
import { collisionKey } from './file-name-safety'
import { objectIdentity, readManifestRows } from './export-manifest'
import type { ManifestRow } from './photo-export-types'
import type { ObjectIdSelection } from '../../../../contract/photo-channels'

export const STATE_FILE = '.photo-export-state.jsonl'

interface DoneEntry {
  resource: string
  type: string
  listing: string
  ids: string
}

export function selectionText(ids: ObjectIdSelection): string {
  return Array.isArray(ids) ? ids.join(':') : ids
}

const listingKeyOf = (resource: string, type: string, listing: string): string =>
  JSON.stringify([resource, type, listing])

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export class ResumeIndex {
  /** latest row per object identity */
  private readonly rows = new Map<string, ManifestRow>()
  /** listing identity → rows of that listing */
  private readonly byListing = new Map<string, ManifestRow[]>()
  private readonly done = new Set<string>()
  private readonly verified = new Set<string>()
  /** collision keys of every file a previous run wrote: ours to overwrite */
  readonly ownedFiles = new Set<string>()

  private constructor(
    readonly destination: string,
    private readonly verifyHash: boolean,
    private readonly enabled: boolean
  ) {}

  static async load(destination: string, options: { resume: boolean; verify: 'hash' | 'size' }): Promise<ResumeIndex> {
    const index = new ResumeIndex(destination, options.verify === 'hash', options.resume)
    for (const row of await readManifestRows(destination)) {
      if (row.file) index.ownedFiles.add(collisionKey(row.file))
      index.rows.set(objectIdentity(row), row)
    }
    for (const row of index.rows.values()) {
      const key = listingKeyOf(row.resource, row.type, row.listing)
      const list = index.byListing.get(key) ?? []
      list.push(row)
      index.byListing.set(key, list)
    }
    if (options.resume) {
      const text = await readFile(path.join(destination, STATE_FILE), 'utf8').catch(() => '')
      for (const line of text.split('\n')) {
        try {
          const e = JSON.parse(line) as DoneEntry
          if (typeof e.listing === 'string') index.done.add(JSON.stringify([e.resource, e.type, e.listing, e.ids]))
        } catch {
          // torn or blank line
        }
      }
    }
    return index
  }

  /** Checks the files of these listings against their rows (call before the batch runs). */
  async verifyListings(resource: string, type: string, listings: string[]): Promise<void> {
    if (!this.enabled) return
    for (const listing of listings) {
      for (const row of this.byListing.get(listingKeyOf(resource, type, listing)) ?? []) {
        if ((row.status === 'written' || row.status === 'skipped') && (await this.fileMatches(row))) {
          this.verified.add(objectIdentity(row))
        }
      }
    }
  }

  /** The row of an object a previous run completed and whose file checked out, if any. */
  completed(id: Pick<ManifestRow, 'resource' | 'type' | 'listing' | 'objectId'>): ManifestRow | undefined {
    const identity = objectIdentity(id)
    return this.verified.has(identity) ? this.rows.get(identity) : undefined
  }

  /**
   * The rows of a listing a previous run finished with the same id selection, when every file still checks out
   * (and, unless `retryFailed`, failures included: a missing photo stays missing). undefined → fetch it again.
   */
  finishedListing(
    resource: string,
    type: string,
    listing: string,
    ids: ObjectIdSelection,
    retryFailed: boolean
  ): ManifestRow[] | undefined {
    if (!this.enabled || !this.done.has(JSON.stringify([resource, type, listing, selectionText(ids)]))) return undefined
    const rows = this.byListing.get(listingKeyOf(resource, type, listing)) ?? []
    for (const row of rows) {
      if (row.status === 'failed') {
        if (retryFailed) return undefined
      } else if (!this.verified.has(objectIdentity(row))) return undefined
    }
    return rows
  }

  /** An object this run completed: a re-request of its listing (single-part fallback) must not write it twice. */
  remember(row: ManifestRow): void {
    const identity = objectIdentity(row)
    this.rows.set(identity, row)
    this.verified.add(identity)
  }

  async markListingsDone(resource: string, type: string, listings: string[], ids: ObjectIdSelection): Promise<void> {
    if (listings.length === 0) return
    const lines = listings
      .map((listing) => JSON.stringify({ resource, type, listing, ids: selectionText(ids) }))
      .join('\n')
    const file = path.join(this.destination, STATE_FILE)
    await appendFile(file, `${lines}\n`).catch((err: unknown) => {
      throw fileSystemError(err, file)
    })
  }

  private async fileMatches(row: ManifestRow): Promise<boolean> {
    const file = path.join(this.destination, ...row.file.split('/'))
    try {
      const s = await stat(file)
      if (!s.isFile() || s.size !== row.bytes) return false
      return !this.verifyHash || (await sha256File(file)) === row.sha256
    } catch {
      return false
    }
  }
}
