// Item 5 (issue 17): photos:export recorded its destination as an opened folder before checking it was one, so
// app:openFolder could be pointed at a program (Electron's shell.openPath launches it). Only folders the export
// made are recorded, and the path must still be a folder when it is opened.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DesktopShell } from '../../src-main/handlers/app-handlers'
import { settle, startHarness, type Harness } from '../support/workbench-harness'

const opened: string[] = []
const desktop: DesktopShell = {
  pickPath: async () => null,
  openFolder: async (folder) => {
    opened.push(folder)
    return true
  }
}
let h: Harness
beforeAll(async () => {
  h = await startHarness({ listings: 20, desktop })
  await h.call('session:connect', { profileId: 'demo-rets' })
})
afterAll(() => h.close())

async function exportTo(destination: string): Promise<void> {
  const key = [...h.workbench.demo!.server.ctx.data.listings()].find((l) => l.PhotosCount > 0)!.ListingKey
  const { jobId } = await h.call('photos:export', {
    profileId: 'demo-rets',
    request: { destination, listingKeys: [key], types: ['Photo'] }
  })
  await settle(h, jobId)
}

describe('app:openFolder after photos:export', () => {
  it('never opens a destination that is a program', async () => {
    const program = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-open-')), 'launch-me.sh')
    writeFileSync(program, '#!/bin/sh\necho pwned\n')
    chmodSync(program, 0o755)
    await exportTo(program)
    expect(await h.call('app:openFolder', { path: program })).toEqual({ opened: false })
    expect(opened).toEqual([])
  })

  it('opens the folder an export wrote, but not once it has been replaced by a file', async () => {
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-open-')), 'photos')
    await exportTo(folder)
    expect(await h.call('app:openFolder', { path: folder })).toEqual({ opened: true })
    rmSync(folder, { recursive: true })
    writeFileSync(folder, 'now a file')
    expect(await h.call('app:openFolder', { path: folder })).toEqual({ opened: false })
    expect(opened).toEqual([folder])
  })
})
