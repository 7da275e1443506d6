import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CSV_HEADER,
  csvField,
  csvLine,
  latestRows,
  ManifestWriter,
  readManifestRows
} from '../../../../src-main/features/export/photos/export-manifest'
import type { ManifestRow } from '../../../../src-main/features/export/photos/photo-export-types'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const temp = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'manifest-'))
  dirs.push(d)
  return d
}

const row = (over: Partial<ManifestRow> = {}): ManifestRow => ({
  listing: 'L1',
  resource: 'Property',
  type: 'Photo',
  objectId: '1',
  file: 'L1/1.jpg',
  bytes: 10,
  sha256: 'ab',
  contentType: 'image/jpeg',
  description: '',
  sourceUrl: '',
  status: 'written',
  error: '',
  at: '2026-01-01T00:00:00.000Z',
  ...over
})

describe('manifest', () => {
  it('CSV fields are quoted only when needed', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField(12)).toBe('12')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(' edge')).toBe('" edge"')
    // spreadsheet formulas from server text are defused in the CSV
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"')
    expect(csvField('@SUM(1)')).toBe("'@SUM(1)")
    expect(csvField('-cmd')).toBe("'-cmd")
    expect(csvField('-12.5')).toBe('-12.5')
    expect(csvLine(row({ description: 'Kitchen, new' }))).toBe(
      'L1,Property,Photo,1,L1/1.jpg,10,ab,image/jpeg,"Kitchen, new",,written,,2026-01-01T00:00:00.000Z\r\n'
    )
  })

  it('appends rows to both files, header once, and reads them back skipping a torn line', async () => {
    const dir = temp()
    const w = new ManifestWriter(dir)
    w.append(row())
    w.append(row({ objectId: '2', status: 'failed', file: '', bytes: 0, error: '20403 No Object Found' }))
    await w.close()
    const again = new ManifestWriter(dir)
    again.append(row({ status: 'skipped' }))
    await again.close()
    const csv = readFileSync(path.join(dir, 'manifest.csv'), 'utf8')
    expect(csv.startsWith(CSV_HEADER)).toBe(true)
    expect(csv.split(CSV_HEADER)).toHaveLength(2)
    writeFileSync(
      path.join(dir, 'manifest.jsonl'),
      readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8') + '{"listing":"L9","obj'
    )
    const rows = await readManifestRows(dir)
    expect(rows.map((r) => [r.objectId, r.status])).toEqual([
      ['1', 'written'],
      ['2', 'failed'],
      ['1', 'skipped']
    ])
  })

  it('compaction keeps the latest row per object in first-seen order', async () => {
    const rows = [row(), row({ objectId: '2' }), row({ status: 'skipped' }), row({ type: 'HiRes' })]
    expect(latestRows(rows).map((r) => [r.objectId, r.type, r.status])).toEqual([
      ['1', 'Photo', 'skipped'],
      ['2', 'Photo', 'written'],
      ['1', 'HiRes', 'written']
    ])
    const batchFailed = row({ listing: 'L2', objectId: '*', status: 'failed', file: '', error: 'HTTP 500' })
    const stillFailed = row({ listing: 'L3', objectId: '1:2', status: 'failed', file: '', error: 'HTTP 500' })
    expect(
      latestRows([batchFailed, stillFailed, row({ listing: 'L2' })]).map((r) => [r.listing, r.objectId, r.status])
    ).toEqual([
      ['L3', '1:2', 'failed'],
      ['L2', '1', 'written']
    ])
    const dir = temp()
    const w = new ManifestWriter(dir)
    rows.forEach((r) => w.append(r))
    await w.close()
    await ManifestWriter.compact(dir)
    expect(readFileSync(path.join(dir, 'manifest.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(4)
    expect(await readManifestRows(dir)).toHaveLength(3)
  })

  it('a fresh manifest with one row per object is already compact: compacting it changes no byte', async () => {
    const read = (dir: string): string[] =>
      ['manifest.csv', 'manifest.jsonl'].map((f) => readFileSync(path.join(dir, f), 'utf8'))
    const dir = temp()
    const w = new ManifestWriter(dir)
    w.append(row({ objectId: '2', status: 'failed', file: '', error: '20403 No Object Found' }))
    await w.commit(row(), async () => undefined)
    w.append(row({ type: 'HiRes' }))
    await w.close()
    expect(w.isCompact).toBe(true)
    const before = read(dir)
    await ManifestWriter.compact(dir)
    expect(read(dir)).toEqual(before)

    // what compaction would change: an object twice, a listing-level failure, rows of an earlier run
    const twice = new ManifestWriter(temp())
    twice.append(row())
    twice.append(row({ status: 'skipped' }))
    const listingLevel = new ManifestWriter(temp())
    listingLevel.append(row({ objectId: '*', status: 'failed', file: '', error: 'HTTP 500' }))
    const resumed = new ManifestWriter(dir)
    resumed.append(row({ objectId: '3' }))
    for (const m of [twice, listingLevel, resumed]) {
      await m.close()
      expect(m.isCompact).toBe(false)
    }
  })

  it('group commit: a file is renamed only once its row is on disk; a failed rename rejects only its own commit', async () => {
    const dir = temp()
    const w = new ManifestWriter(dir)
    const onDisk = (): string[] =>
      readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as ManifestRow).objectId)
    const seen: string[][] = []
    w.append(row({ objectId: '0', status: 'failed', file: '' }))
    const commits = ['1', '2', '3'].map((id) =>
      w.commit(row({ objectId: id }), async () => {
        seen.push(onDisk())
        if (id === '2') throw new Error('rename refused')
      })
    )
    await expect(commits[0]).resolves.toBeUndefined()
    await expect(commits[1]).rejects.toThrow('rename refused')
    await expect(commits[2]).resolves.toBeUndefined()
    for (const [i, ids] of seen.entries()) expect(ids).toContain(String(i + 1))
    w.append(row({ objectId: '4', status: 'failed', file: '' }))
    await w.flush()
    expect(onDisk()).toEqual(['0', '1', '2', '3', '4'])
    await w.close()
  })
})
