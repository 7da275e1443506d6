// The metadata snapshot cache writes behind its callers: one write per file at a time, the newest model next, a
// flush on demand, atomic files (a crash mid-write leaves the previous snapshot), failures kept for a warning.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MetadataCache, snapshotJson } from '../../../../src-main/features/metadata/metadata-cache'
import { writeFileAtomic } from '../../../../src-main/platform/files/atomic-write'
import type { MetadataModel } from '../../../../domain/metadata/metadata-model'
import { repoRoot } from '../../../support/paths'

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'wb-snapshots-'))

function model(classes: number): MetadataModel {
  return {
    source: 'rets',
    system: { id: 'DEMO', version: '1.0', timestamp: '2026-01-01T00:00:00Z', attrs: {} },
    resources: [
      {
        name: 'Property',
        classes: Array.from({ length: classes }, (_, i) => ({ name: `C${i}`, attrs: {} })),
        lookups: [],
        objectTypes: [],
        attrs: {}
      }
    ],
    warnings: []
  }
}

/** A real atomic writer that counts its writes and can be held mid-write. */
function gatedWriter() {
  const writes: string[] = []
  let running = 0
  let maxRunning = 0
  let release: () => void = () => undefined
  let gate = Promise.resolve()
  return {
    writes,
    get maxRunning() {
      return maxRunning
    },
    hold() {
      gate = new Promise((r) => (release = r))
    },
    release: () => release(),
    write: async (file: string, text: Iterable<string>) => {
      running++
      maxRunning = Math.max(maxRunning, running)
      writes.push([...text].join(''))
      await gate
      await writeFileAtomic(file, text)
      running--
    }
  }
}

const classesIn = (text: string): number =>
  (JSON.parse(text) as { model: MetadataModel }).model.resources[0]!.classes.length

describe('MetadataCache', () => {
  it('returns at once; one write per file at a time, and what came during it is written once, newest', async () => {
    const w = gatedWriter()
    const cache = new MetadataCache(tempDir(), { settleMs: 0, write: w.write })
    const m = model(1)
    w.hold()
    expect(cache.save('p', m)).toBeUndefined()
    await new Promise((r) => setTimeout(r, 10))
    expect(w.writes).toHaveLength(1) // the first write is running (held)
    for (let i = 0; i < 20; i++) {
      m.resources[0]!.classes.push({ name: `X${i}`, attrs: {} })
      cache.save('p', m)
    }
    w.release()
    await cache.flush()
    expect(w.writes).toHaveLength(2)
    expect(w.maxRunning).toBe(1)
    expect(classesIn(w.writes[0]!)).toBe(1)
    expect(classesIn(w.writes[1]!)).toBe(21)
  })

  it('gathers saves for the settle time; flush writes at once and load/versions see what is pending', async () => {
    const w = gatedWriter()
    const dir = tempDir()
    const cache = new MetadataCache(dir, { settleMs: 60_000, write: w.write })
    const m = model(1)
    for (let i = 0; i < 50; i++) {
      m.resources[0]!.classes.push({ name: `X${i}`, attrs: {} })
      cache.save('p', m)
    }
    await new Promise((r) => setTimeout(r, 20))
    expect(w.writes).toHaveLength(0)
    expect((await cache.versions('p')).map((v) => v.version)).toEqual(['1.0@2026-01-01T00_00_00Z'])
    expect(w.writes).toHaveLength(1)
    expect((await cache.load('p'))?.model).toEqual(m)
    await cache.flush()
    expect(w.writes).toHaveLength(1)
  })

  it('keeps a failed write as a warning until a write succeeds', async () => {
    let fail = true
    const cache = new MetadataCache(tempDir(), {
      settleMs: 0,
      write: async (file, text) => {
        if (fail) throw new Error('ENOSPC: no space left on device')
        await writeFileAtomic(file, text)
      }
    })
    cache.save('p', model(1))
    await cache.flush()
    expect(cache.failure('p')).toMatch(/could not be saved for offline use \(ENOSPC/)
    fail = false
    cache.save('p', model(2))
    await cache.flush()
    expect(cache.failure('p')).toBeUndefined()
  })

  it('writes the snapshot one resource at a time, the very JSON of the whole document', () => {
    const m: MetadataModel = { ...model(2), foreignKeys: undefined, degraded: [] }
    m.resources.push({ ...m.resources[0]!, name: 'Media', standardName: 'Media "m"' })
    const parts = [...snapshotJson('2026-01-02T00:00:00Z', m)]
    expect(parts.length).toBeGreaterThanOrEqual(m.resources.length + 1)
    expect(parts.join('')).toBe(JSON.stringify({ savedAt: '2026-01-02T00:00:00Z', model: m }))
    // re-iterable: a writer may read it twice (the test writers here do)
    expect([...snapshotJson('t', m)].join('')).toBe([...snapshotJson('t', m)].join(''))
    const none = { ...m, resources: [] }
    expect([...snapshotJson('t', none)].join('')).toBe(JSON.stringify({ savedAt: 't', model: none }))
  })

  it('a crash halfway through a write leaves the previous snapshot readable', async () => {
    const dir = tempDir()
    const cache = new MetadataCache(dir, { settleMs: 0 })
    const before = model(3)
    cache.save('p', before, 'v1')
    await cache.flush()
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/snapshot-crash.ts', dir, 'p', 'v1'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000
    })
    expect(child.signal).toBe('SIGKILL')
    const files = readdirSync(path.join(dir, 'p'))
    const leftover = files.find((f) => f.endsWith('.tmp'))!
    expect(leftover).toBeDefined() // the half-written temp file the crash left behind
    expect(() => JSON.parse(readFileSync(path.join(dir, 'p', leftover), 'utf8'))).toThrow()
    expect((await new MetadataCache(dir).load('p', 'v1'))?.model).toEqual(before)
    expect((await new MetadataCache(dir).versions('p')).map((v) => v.version)).toEqual(['v1'])
  })
})
