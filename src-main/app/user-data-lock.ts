// One writer per user-data folder. Web mode, the CLI and the desktop app can all open the same folder; two of them
// saving profiles or saved queries at once lost saves. The first instance creates `instance.lock` exclusively (its
// pid, mode and start time inside); a later one finds it, and opens the folder read-only, saying who holds it. A
// lock left by a process that no longer runs (a crash, kill -9) is taken over.
import { hostname } from 'node:os'
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import path from 'node:path'
import { AppError } from '../../contract/app-error'

export const LOCK_FILE = 'instance.lock'

interface LockHolder {
  pid: number
  mode: string
  host: string
  startedAt: string
}

export interface UserDataLock {
  /** set when another running instance holds the folder: saves are refused with this explanation */
  readOnlyReason: string | undefined
  /** Throws USER_DATA_READ_ONLY when this instance does not hold the lock. */
  assertWritable(): void
  release(): void
}

export function acquireUserDataLock(dir: string, mode: string): UserDataLock {
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, LOCK_FILE)
  const me: LockHolder = { pid: process.pid, mode, host: hostname(), startedAt: new Date().toISOString() }
  let holder: LockHolder | undefined
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644)
      writeSync(fd, `${JSON.stringify(me)}\n`)
      closeSync(fd)
      holder = undefined
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      holder = readHolder(file)
      if (holder && isRunning(holder)) break
      rmSync(file, { force: true }) // stale: its process is gone
    }
  }
  const readOnlyReason = holder
    ? `The user-data folder ${dir} is in use by another MLS Workbench (${holder.mode}, process ${holder.pid}, ` +
      `since ${holder.startedAt}); this one is read-only.`
    : undefined
  let released = false
  return {
    readOnlyReason,
    assertWritable() {
      if (!readOnlyReason) return
      throw new AppError({
        code: 'USER_DATA_READ_ONLY',
        message: readOnlyReason,
        hint: 'Save from the other instance, or close it and restart this one.'
      })
    },
    release() {
      if (released || readOnlyReason) return
      released = true
      // only remove the lock while it is still ours
      if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true })
    }
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>
    if (typeof parsed.pid !== 'number') return undefined
    return {
      pid: parsed.pid,
      mode: String(parsed.mode ?? 'unknown'),
      host: String(parsed.host ?? ''),
      startedAt: String(parsed.startedAt ?? '')
    }
  } catch {
    return undefined
  }
}

/** Another host's lock (a shared network folder) cannot be checked: it is trusted as running. */
function isRunning(holder: LockHolder): boolean {
  if (holder.host && holder.host !== hostname()) return true
  if (holder.pid === process.pid) return true
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
