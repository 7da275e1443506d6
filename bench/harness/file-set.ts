// Photo files written by a GetObject variant: one name scheme for every variant, and a checksum over the set.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
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
 * written back (recently_deleted() in fs/ext4/ialloc.c) — one buffer lookup each. Every run deletes its ~1,000
 * photos after the check, all in the same group, so each next run's creates cost more: 0.02 ms a file at first,
 * ~0.7 ms after a dozen runs (perf: recently_deleted + find_get_block_common ≈ 60 % of the kernel time). The
 * top-directory flag (chattr +T) has ext4 spread the subfolders over groups: each run writes into a group nobody
 * just emptied, as a user's export folder. Elsewhere (tmpfs, no chattr) the flag is simply not set.
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
