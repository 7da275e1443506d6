import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { watchFolder } from '../../../../src-main/platform/files/folder-watch'

describe('watching a records folder', () => {
  it('reports a burst of changes once, and nothing after it is closed', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'watch-')), 'profiles')
    let calls = 0
    const stop = watchFolder(dir, () => calls++, 50)
    for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, `p${i}.json`), '{}')
    await expect.poll(() => calls, { timeout: 3000 }).toBe(1)
    await new Promise((r) => setTimeout(r, 150))
    expect(calls).toBe(1)
    stop()
    writeFileSync(path.join(dir, 'late.json'), '{}')
    await new Promise((r) => setTimeout(r, 200))
    expect(calls).toBe(1)
  })
})
