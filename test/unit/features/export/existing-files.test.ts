import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ExistingFiles } from '../../../../src-main/features/export/photos/existing-files'

describe('the destination as the export found it', () => {
  it('knows foreign files in any case, removes only stale .part files, creates missing folders', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'existing-'))
    mkdirSync(path.join(root, 'L1'))
    writeFileSync(path.join(root, 'L1', 'Mine.JPG'), 'user file')
    writeFileSync(path.join(root, 'L1', '2.jpg.part'), 'crashed run')
    const existing = new ExistingFiles()
    expect(existing.has(path.join(root, 'L1', 'mine.jpg'))).toBe(true)
    expect(existing.has(path.join(root, 'L1', '1.jpg'))).toBe(false)

    existing.prepare(path.join(root, 'L1', '2.jpg'), path.join(root, 'L1', '2.jpg.part'))
    expect(existsSync(path.join(root, 'L1', '2.jpg.part'))).toBe(false)
    expect(existsSync(path.join(root, 'L1', 'Mine.JPG'))).toBe(true)

    existing.prepare(path.join(root, 'L2', 'a', '1.jpg'), path.join(root, 'L2', 'a', '1.jpg.part'))
    expect(existsSync(path.join(root, 'L2', 'a'))).toBe(true)
    expect(existing.has(path.join(root, 'L2', 'a', '1.jpg'))).toBe(false)
  })
})
