// The first fill of a new copy is written without fsync. In WAL mode with synchronous=NORMAL every page is written
// twice (WAL, then checkpoint) and each checkpoint waits for the disk: ~5 s of a 1M-row initial sync here (bench
// `sync`). A rollback journal with synchronous=OFF writes each page once and never waits. A killed process loses
// nothing either way (the OS holds the writes; a hot journal rolls the open batch back), so kill -9 still resumes
// from the last committed batch. Only a system crash or power cut could damage the file, and only while it holds
// nothing but this fill: a marker file says so, with the time the system started, and an open after a restart of
// the system checks the file and sets a damaged one aside.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { uptime } from 'node:os'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { fsyncPathSync, syncFolderSync, writeFileAtomicSync } from '../../platform/files/atomic-write-sync'

type Database = BetterSqlite3.Database

/** The durable mode every other write uses (see sqlite-store.ts). */
export function useDurableMode(db: Database): void {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
}

const markerOf = (file: string): string => `${file}.first-fill`

/** When the system started (ms since the epoch; a clock step moves it, which only costs a needless check). */
const bootTime = (): number => Date.now() - uptime() * 1000
const SAME_BOOT_MS = 60_000

/** The marker's boot time is this boot's: the process died, the system did not, and the OS kept every write. */
function sameBoot(marker: string): boolean {
  const then = Number(readFileSync(marker, 'utf8'))
  return Number.isFinite(then) && Math.abs(bootTime() - then) < SAME_BOOT_MS
}

export class FirstFill {
  private active = false

  constructor(
    private readonly db: Database,
    private readonly file: string
  ) {}

  /** Fills without fsync from here on; the marker is on disk before the first unsynced page. */
  begin(): void {
    if (this.active) return
    writeFileAtomicSync(markerOf(this.file), `${Math.round(bootTime())}\n`)
    syncFolderSync(path.dirname(this.file))
    // another process holding the file in WAL mode keeps it there: this connection then only skips the syncs
    this.db.pragma('journal_mode = TRUNCATE')
    this.db.pragma('synchronous = OFF')
    this.active = true
  }

  /** Back to the durable mode, with everything the fill wrote on disk before the marker goes. */
  end(): void {
    if (!this.active) return
    this.active = false
    useDurableMode(this.db)
    fsyncPathSync(this.file, 'r+')
    rmSync(markerOf(this.file), { force: true })
  }
}

/** SQLite's codes (and extended codes) for a file that is not a sound database: only these set a file aside, never a
 *  lock, a permission or a missing driver. */
const DAMAGE_CODE = /^SQLITE_(CORRUPT|NOTADB)/

/** What is wrong with a file a cut-off fill left, or undefined; an error other than damage is thrown. */
function damageOf(db: Database, marker: string): string | undefined {
  try {
    // the first read rolls back a batch the fill left open (a hot journal); a file of another boot is read whole
    if (sameBoot(marker)) {
      db.pragma('schema_version')
      return undefined
    }
    const result = db.pragma('quick_check', { simple: true })
    return result === 'ok' ? undefined : String(result)
  } catch (err) {
    if (!DAMAGE_CODE.test(String((err as { code?: unknown }).code))) throw err
    return err instanceof Error ? err.message : String(err)
  }
}

/**
 * Opens a store file. One whose first fill was cut off (the marker is still there) by a system restart is checked
 * first: a damaged one is renamed aside and a new file opened, with a notice saying so. Otherwise the file is
 * flushed to disk (after SQLite rolled back the open batch), so the marker can go.
 */
export function openAfterFill(file: string, open: (file: string) => Database): { db: Database; notice?: string } {
  const marker = markerOf(file)
  if (!existsSync(marker)) return { db: open(file) }
  const db = open(file)
  let damage: string | undefined
  try {
    damage = damageOf(db, marker)
  } catch (err) {
    db.close()
    throw err
  }
  if (damage === undefined) {
    fsyncPathSync(file, 'r+')
    rmSync(marker, { force: true })
    return { db }
  }
  db.close()
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
  for (const suffix of ['', '-journal', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  rmSync(marker, { force: true })
  // quick_check's first finding on one line ("*** in database main *** Tree 3 page 3: …")
  const why = damage
    .replace(/\*\*\* in database \w+ \*\*\*/, '')
    .replace(/\s+/g, ' ')
    .trim()
  return {
    db: open(file),
    notice:
      `The local copy's first fill was cut off by a system crash or power loss and the file is damaged (${why}). ` +
      `It was set aside as ${path.basename(aside)}; this sync fills a new copy.`
  }
}
