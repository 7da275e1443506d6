// What a crashed run leaves behind, removed at the next start: its spill folder in the system temp folder (bodies
// and result rows, possibly GBs) and the temp files of atomic writes it had open (noted in the temp journal).
// Folders and files of instances that still run are never touched: each spill folder names its owner's pid.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isRunning, sweepTempJournal } from '../platform/files/temp-journal'

export const SPILL_PREFIX = 'mlswb-spill-'
const OWNER_FILE = 'owner.pid'
/** a spill folder without an owner file (older versions, or one being created right now) must be this old */
const UNOWNED_GRACE_MS = 24 * 60 * 60 * 1000

export function markSpillOwner(spillDir: string): void {
  writeFileSync(path.join(spillDir, OWNER_FILE), String(process.pid))
}

export interface LeftoversRemoved {
  spillFolders: number
  tempFiles: number
}

export function removeCrashLeftovers(journalDir: string, tmpDir = os.tmpdir(), now = Date.now()): LeftoversRemoved {
  const removed: LeftoversRemoved = { spillFolders: 0, tempFiles: sweepTempJournal(journalDir) }
  let names: string[] = []
  try {
    names = readdirSync(tmpDir).filter((n) => n.startsWith(SPILL_PREFIX))
  } catch {
    return removed
  }
  for (const name of names) {
    const dir = path.join(tmpDir, name)
    try {
      const owner = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8'))
      if (isRunning(owner)) continue
    } catch {
      const info = statSync(dir, { throwIfNoEntry: false })
      if (!info?.isDirectory() || now - info.mtimeMs < UNOWNED_GRACE_MS) continue
    }
    rmSync(dir, { recursive: true, force: true })
    removed.spillFolders++
  }
  return removed
}
