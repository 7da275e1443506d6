// The first fill of a new copy: written without fsync (rollback journal, synchronous=OFF) only while the file holds
// nothing else, back to WAL + NORMAL (and flushed) before anything reads the fill; a fill cut off by a kill goes on,
// one cut off by a system restart is checked at the next open and, damaged, set aside with a notice.
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../../src-main/features/sync/sqlite-store'
import { masterDiffShape, thing } from '../../../support/master-diff-case'

const dir = mkdtempSync(path.join(tmpdir(), 'first-fill-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function journalMode(store: SqliteStore): Promise<unknown> {
  return (await store.query('PRAGMA journal_mode', 1)).rows[0]?.[0]
}

/** A store file whose first fill was cut off after `rows` committed records (the marker left, as by a crash). */
async function cutOffFill(file: string, rows: number): Promise<void> {
  const store = new SqliteStore(file)
  const info = await store.ensureTable(masterDiffShape)
  const run = await store.startRun('Thing', undefined)
  const records = Array.from({ length: rows }, (_, i) => thing(`k${i}`.padEnd(400, 'x'), '2026-01-01T00:00:00Z'))
  await store.applyBatch(info, run, records, 'page-1')
  expect(existsSync(`${file}.first-fill`)).toBe(true)
  // close() would end the fill: the process dies instead, leaving the marker (only the connection is dropped)
  ;(store as unknown as { db: { close(): void } }).db.close()
}

describe('the first fill of a SQLite copy', () => {
  it('runs without fsync only while the file holds just this target, and ends durable before it is read', async () => {
    const file = path.join(dir, 'fill.sqlite')
    const store = new SqliteStore(file)
    const info = await store.ensureTable(masterDiffShape)
    expect(existsSync(`${file}.first-fill`)).toBe(true)
    expect(await journalMode(store)).toBe('truncate')
    const run = await store.startRun('Thing', undefined)
    await store.applyBatch(info, run, [thing('a', '2026-01-01T00:00:00Z')], 'x')
    // the reconcile pass (a worker's connection builds the indexes): the fill is over
    const diff = await store.masterDiff(info)
    expect(await journalMode(store)).toBe('wal')
    expect(existsSync(`${file}.first-fill`)).toBe(false)
    await diff.close()
    await store.finishRun(run, 'done')
    // another target of the same file is not a first fill: the file holds a copy already
    await store.ensureTable({ ...masterDiffShape, target: 'Other' })
    expect(await journalMode(store)).toBe('wal')
    expect(existsSync(`${file}.first-fill`)).toBe(false)
    await store.close()
  })

  it('a run that ends without a comparison (cancelled) ends the fill too', async () => {
    const file = path.join(dir, 'cancelled.sqlite')
    const store = new SqliteStore(file)
    const info = await store.ensureTable(masterDiffShape)
    const run = await store.startRun('Thing', undefined)
    await store.applyBatch(info, run, [thing('a', '2026-01-01T00:00:00Z')], 'x')
    await store.finishRun(run, 'cancelled')
    expect(await journalMode(store)).toBe('wal')
    expect(existsSync(`${file}.first-fill`)).toBe(false)
    await store.close()
  })

  it('a fill cut off by a kill resumes: the batches it committed stay, the marker goes', async () => {
    const file = path.join(dir, 'killed.sqlite')
    await cutOffFill(file, 50)
    const store = new SqliteStore(file)
    expect(store.takeNotice()).toBeUndefined()
    expect(existsSync(`${file}.first-fill`)).toBe(false)
    expect((await store.query('SELECT count(*) FROM Thing', 1)).rows).toEqual([[50]])
    expect(await store.unfinishedRun('Thing')).toMatchObject({ cursor: 'page-1' })
    await store.close()
  })

  it('a fill cut off by a system restart is checked: a sound file is kept', async () => {
    const file = path.join(dir, 'restarted.sqlite')
    await cutOffFill(file, 50)
    writeFileSync(`${file}.first-fill`, '0\n') // the marker of a boot long gone
    const store = new SqliteStore(file)
    expect(store.takeNotice()).toBeUndefined()
    expect(existsSync(`${file}.first-fill`)).toBe(false)
    expect((await store.query('SELECT count(*) FROM Thing', 1)).rows).toEqual([[50]])
    await store.close()
  })

  it('a damaged file left by a fill cut off by a system restart is set aside, and a new copy starts with a notice saying so', async () => {
    const file = path.join(dir, 'damaged.sqlite')
    await cutOffFill(file, 200)
    // what a power cut can leave: pages of the table that never reached the disk (here: zeros over a B-tree page)
    const size = statSync(file).size
    expect(size).toBeGreaterThan(4 * 16384)
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(16384, 0x5a), 0, 16384, 2 * 16384)
    closeSync(fd)
    writeFileSync(`${file}.first-fill`, '0\n')
    const store = new SqliteStore(file)
    const notice = store.takeNotice()
    expect(notice).toMatch(
      /first fill was cut off .* damaged \(Tree \d+ page \d+: .*\)\. It was set aside as damaged\.sqlite\.damaged-/
    )
    expect(store.takeNotice()).toBeUndefined() // said once
    // (with its rollback journal beside it)
    const aside = readdirSync(dir).filter((f) => f.startsWith('damaged.sqlite.damaged-') && !f.endsWith('-journal'))
    expect(aside).toHaveLength(1)
    expect(statSync(path.join(dir, aside[0]!)).size).toBe(size)
    // the new copy is empty and fills again
    const info = await store.ensureTable(masterDiffShape)
    expect((await store.query('SELECT count(*) FROM Thing', 1)).rows).toEqual([[0]])
    expect(await store.unfinishedRun('Thing')).toBeUndefined()
    const run = await store.startRun('Thing', undefined)
    await store.applyBatch(info, run, [thing('a', '2026-01-01T00:00:00Z')], 'x')
    await store.finishRun(run, 'done')
    await store.close()
  })

  it('sets aside a file that is no database at all, but never one it only could not read (a lock)', async () => {
    const file = path.join(dir, 'garbage.sqlite')
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x41))
    writeFileSync(`${file}.first-fill`, '0\n')
    const store = new SqliteStore(file)
    expect(store.takeNotice()).toMatch(/damaged \(file is not a database\)/)
    await store.close()

    const locked = path.join(dir, 'locked.sqlite')
    await cutOffFill(locked, 10)
    writeFileSync(`${locked}.first-fill`, '0\n')
    const other = new Database(locked)
    other.pragma('locking_mode = EXCLUSIVE')
    other.exec('BEGIN EXCLUSIVE')
    // SQLITE_BUSY once the busy timeout (5 s) runs out: the file stays where it is, marker and all
    expect(() => new SqliteStore(locked)).toThrow(/locked/)
    other.exec('COMMIT')
    other.close()
    expect(readdirSync(dir).filter((f) => f.startsWith('locked.sqlite.damaged'))).toEqual([])
    expect(existsSync(`${locked}.first-fill`)).toBe(true)
    const store2 = new SqliteStore(locked)
    expect((await store2.query('SELECT count(*) FROM Thing', 1)).rows).toEqual([[10]])
    await store2.close()
  }, 20_000)
})
