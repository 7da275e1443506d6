// Small settings files written on shutdown paths, where async work may not finish: same temp + rename rule.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'
import { tempPathFor } from './atomic-write'

export function writeFileAtomicSync(file: string, data: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const tmp = tempPathFor(file)
  try {
    const fd = openSync(tmp, 'w', 0o600)
    try {
      writeSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, file)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
}

/** Flushes a file's (or folder's) written pages to disk, whichever descriptor or connection wrote them. */
export function fsyncPathSync(target: string, flags: 'r' | 'r+' = 'r'): void {
  const fd = openSync(target, flags)
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Persists the folder's entries (a new or renamed file) where the system allows; Windows cannot open a folder. */
export function syncFolderSync(folder: string): void {
  try {
    fsyncPathSync(folder)
  } catch {
    // best effort (see above)
  }
}
