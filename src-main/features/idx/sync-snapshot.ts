// The local store the IDX sync compares against (step 3 of the IDX API sync): one plain JSON file per profile in a
// folder the caller chooses, holding per SearchType the ID → LastUpdated of every record synced. Plain JSON so users
// can read, diff or delete it; written atomically (temp + rename) so a crash leaves the old file or the new one.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../contract/app-error'
import { PROFILE_ID_PATTERN } from '../../../contract/profile-schema'
import { writeFileAtomic } from '../../platform/files/atomic-write'

export const SNAPSHOT_FORMAT = 'mlswb-idx-snapshot/1'

export interface SnapshotSection {
  syncedAt: string
  count: number
  /** id → LastUpdated as a UTC instant (or the server's text when it had no known date shape) */
  records: Record<string, string>
}

export interface SnapshotFile {
  format: typeof SNAPSHOT_FORMAT
  profileId: string
  searchTypes: Record<string, SnapshotSection>
}

export class IdxSnapshotStore {
  /** one write at a time per profile: two SearchTypes synced at once must not drop each other's section */
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(readonly dir: string) {}

  file(profileId: string): string {
    if (!PROFILE_ID_PATTERN.test(profileId)) {
      throw new AppError({ code: 'SNAPSHOT_BAD_PROFILE', message: `"${profileId}" is not a profile id.` })
    }
    return path.join(this.dir, `${profileId}.json`)
  }

  async read(profileId: string): Promise<SnapshotFile> {
    const file = this.file(profileId)
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return { format: SNAPSHOT_FORMAT, profileId, searchTypes: {} }
      throw err
    }
    const unreadable = (why: string): AppError =>
      new AppError({
        code: 'SNAPSHOT_UNREADABLE',
        message: `The IDX snapshot ${file} cannot be read: ${why}.`,
        hint: 'Delete the file to start over; the next apply writes a fresh one.'
      })
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (err) {
      throw unreadable(err instanceof Error ? err.message : String(err))
    }
    if (!isSnapshotFile(parsed)) throw unreadable(`it is not a ${SNAPSHOT_FORMAT} file`)
    return parsed
  }

  /** The stored records of one SearchType (empty when never synced). */
  async section(profileId: string, searchType: string): Promise<SnapshotSection | undefined> {
    return (await this.read(profileId)).searchTypes[searchType]
  }

  async writeSection(profileId: string, searchType: string, records: ReadonlyMap<string, string>): Promise<string> {
    const previous = this.queues.get(profileId) ?? Promise.resolve()
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const current = await this.read(profileId)
        current.searchTypes[searchType] = {
          syncedAt: new Date().toISOString(),
          count: records.size,
          records: Object.fromEntries(records)
        }
        const file = this.file(profileId)
        await writeFileAtomic(file, `${JSON.stringify(current, null, 1)}\n`)
        return file
      })
    this.queues.set(profileId, next)
    try {
      return await next
    } finally {
      if (this.queues.get(profileId) === next) this.queues.delete(profileId)
    }
  }
}

function isSnapshotFile(value: unknown): value is SnapshotFile {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<SnapshotFile>
  if (v.format !== SNAPSHOT_FORMAT || typeof v.profileId !== 'string') return false
  if (typeof v.searchTypes !== 'object' || v.searchTypes === null) return false
  return Object.values(v.searchTypes).every(
    (s) =>
      typeof s === 'object' &&
      s !== null &&
      typeof s.syncedAt === 'string' &&
      typeof s.records === 'object' &&
      s.records !== null &&
      Object.values(s.records).every((t) => typeof t === 'string')
  )
}
