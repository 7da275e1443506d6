// Photo files written by a GetObject variant: one name scheme for every variant, and a checksum over the set.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { readdir, readFile, truncate } from 'node:fs/promises'
import path from 'node:path'
import { fileSetChecksum } from './row-checksum'

export function photoFileName(contentId: string | undefined, objectId: string | undefined): string {
  return `${contentId ?? 'unknown'}-${objectId ?? '0'}.jpg`
}

export async function dirChecksum(dir: string): Promise<{ files: number; bytes: number; checksum: string }> {
  const names = await readdir(dir)
  const entries = []
  let bytes = 0
  for (const name of names) {
    const data = await readFile(path.join(dir, name))
    bytes += data.length
    entries.push({ name, sha256: createHash('sha256').update(data).digest('hex') })
  }
  return { files: names.length, bytes, checksum: fileSetChecksum(entries) }
}

/**
 * The folder the photo variants' run folders go in. On ext4 without a journal (this VM's root) a new inode is
 * searched past every inode of its block group deleted in the last 5 s — 300 s while the inode table is not yet
 * written back (recently_deleted() in fs/ext4/ialloc.c) — one buffer lookup each. Deleting each run's ~1,000 photos
 * after its check made every next run's creates cost more: 0.02 ms a file at first, ~0.7 ms after a dozen runs
 * (perf: recently_deleted + find_get_block_common ≈ 60 % of the kernel time), up to ~0.9 s of system time a run for
 * the many-file variants and none for stream-copy. So a run's files are emptied, not deleted (emptyRunDir): their
 * inodes stay taken until the bench's temporary folder goes at the end. The top-directory flag (chattr +T) also has
 * ext4 spread the run folders over groups, away from inodes an earlier bench run freed. Elsewhere (tmpfs, no
 * chattr) the flag is simply not set.
 */
export function photoRunsDir(base: string): string {
  const dir = path.join(base, 'photo-runs')
  mkdirSync(dir, { recursive: true })
  try {
    execFileSync('chattr', ['+T', dir], { stdio: 'ignore' })
  } catch {
    // not ext4, or no chattr: nothing to spread
  }
  return dir
}

/** Frees a checked run's bytes (and their page cache) but keeps its inodes (see photoRunsDir). */
export async function emptyRunDir(dir: string): Promise<void> {
  for (const name of await readdir(dir)) await truncate(path.join(dir, name), 0)
}
