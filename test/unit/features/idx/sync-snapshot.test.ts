import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { IdxSnapshotStore, SNAPSHOT_FORMAT } from '../../../../src-main/features/idx/sync-snapshot'

function store(): IdxSnapshotStore {
  return new IdxSnapshotStore(mkdtempSync(path.join(os.tmpdir(), 'mlswb-snap-unit-')))
}

describe('IdxSnapshotStore', () => {
  it('is empty before the first write and keeps one readable JSON file per profile', async () => {
    const s = store()
    expect(await s.section('p1', 'Property')).toBeUndefined()
    await Promise.all([
      s.writeSection('p1', 'Property', new Map([['A', '2026-01-01T00:00:00Z']])),
      s.writeSection('p1', 'Agent', new Map([['M1', '2026-01-02T00:00:00Z']]))
    ])
    expect(readdirSync(s.dir)).toEqual(['p1.json']) // no temp files left behind
    const file = JSON.parse(readFileSync(s.file('p1'), 'utf8'))
    expect(file.format).toBe(SNAPSHOT_FORMAT)
    expect(file.searchTypes.Property).toMatchObject({ count: 1, records: { A: '2026-01-01T00:00:00Z' } })
    expect(file.searchTypes.Agent).toMatchObject({ count: 1, records: { M1: '2026-01-02T00:00:00Z' } })
  })

  it('refuses a damaged file with a hint and ids that are not profile slugs', async () => {
    const s = store()
    writeFileSync(s.file('p2'), '{"format":"other"}')
    await expect(s.read('p2')).rejects.toMatchObject({
      code: 'SNAPSHOT_UNREADABLE',
      hint: expect.stringMatching(/Delete/)
    })
    expect(() => s.file('../etc')).toThrow(/not a profile id/)
  })
})
