// Crash leftovers: an atomic write's temp file (`.<name>.<hex>.tmp` beside an export) stays behind when the process
// dies mid-write (kill -9, power loss). Each temp file is noted in a journal folder in the user data while it
// exists — one tiny file per write, named by the writer's pid — and the next start removes the temp files of
// writers that no longer run.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** what tempPathFor makes: only such names are ever removed by the sweep */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/

let journalDir: string | undefined

/** Starts journaling temp files into `dir` (the workbench's user-data folder); undefined stops. */
export function useTempJournal(dir: string | undefined): void {
  journalDir = dir
  if (dir) mkdirSync(dir, { recursive: true })
}

/** Notes a temp file; returns the note to remove once the file is renamed or deleted. */
export function noteTempFile(tempFile: string): string | undefined {
  if (!journalDir) return undefined
  const note = path.join(journalDir, `${process.pid}-${randomBytes(6).toString('hex')}`)
  try {
    writeFileSync(note, tempFile)
    return note
  } catch {
    return undefined // journaling is housekeeping: it never fails a write
  }
}

export function forgetTempFile(note: string | undefined): void {
  if (note) rmSync(note, { force: true })
}

/** Removes the temp files of writers that are gone; returns how many were removed. */
export function sweepTempJournal(dir: string): number {
  let removed = 0
  let names: string[] = []
  try {
    names = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of names) {
    const pid = Number(name.split('-')[0])
    if (pid === process.pid || isRunning(pid)) continue
    const note = path.join(dir, name)
    try {
      const tempFile = readFileSync(note, 'utf8')
      if (path.isAbsolute(tempFile) && TEMP_NAME.test(path.basename(tempFile))) {
        rmSync(tempFile, { force: true })
        removed++
      }
    } catch {
      // unreadable note: drop it below
    }
    rmSync(note, { force: true })
  }
  return removed
}

export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
