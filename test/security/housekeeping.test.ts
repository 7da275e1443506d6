// Item 10 (issue 17): crash leftovers (atomic-write temp files beside exports, mlswb-spill-* folders in the system
// temp folder) are removed at the next start, and the raw log's bodies have a byte cap that drops the oldest first
// and says so. (Test connection's HTTP step through the profile's proxy is covered by
// test/integration/workbench/connection-test.test.ts.)
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createWorkbench } from '../../src-main/app/workbench'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { WireLog } from '../../src-main/platform/http/wire-log'
import { startHostileServer, type HostileServer } from './support/hostile-server'

const DEAD_PID = 2 ** 22 + 11
let server: HostileServer | undefined
afterAll(() => server?.close())

describe('housekeeping', () => {
  it('removes what a crashed run left: export temp files and spill folders', async () => {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-house-'))
    const exportDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-export-'))
    const tempFile = path.join(exportDir, '.results.csv.0123456789ab.tmp')
    writeFileSync(tempFile, 'half an export')
    const userFile = path.join(exportDir, 'results.csv')
    writeFileSync(userFile, 'kept')
    // what the crashed run (a pid that no longer runs) had noted while writing
    mkdirSync(path.join(userDataDir, 'pending-temp-files'), { recursive: true })
    writeFileSync(path.join(userDataDir, 'pending-temp-files', `${DEAD_PID}-aaaaaaaaaaaa`), tempFile)
    const spill = mkdtempSync(path.join(os.tmpdir(), 'mlswb-spill-'))
    writeFileSync(path.join(spill, 'owner.pid'), String(DEAD_PID))
    writeFileSync(path.join(spill, 'rows.bin'), Buffer.alloc(1024))

    const wb = await createWorkbench({
      mode: 'web',
      version: 't',
      userDataDir,
      openExternal: async () => false,
      demo: false
    })
    try {
      expect(existsSync(tempFile)).toBe(false)
      expect(existsSync(spill)).toBe(false)
      expect(existsSync(userFile)).toBe(true)
      expect(existsSync(wb.spillDir)).toBe(true)
    } finally {
      await wb.close()
    }
  })

  it('the raw log keeps at most its byte cap of bodies, dropping the oldest first and saying so', async () => {
    server = await startHostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(Buffer.alloc(600 * 1024, 1))
    })
    const wireLog = new WireLog({
      maxBodyBytes: 1024 * 1024,
      spillDir: mkdtempSync(path.join(os.tmpdir(), 'mlswb-wl-'))
    })
    const http = new HttpClient({ wireLog })
    for (let i = 0; i < 3; i++) await (await http.request({ url: `${server.origin}/big/${i}` })).buffer()
    const [first, second, third] = wireLog.list()
    expect(first!.bodyDropped).toMatch(/Dropped to keep the raw log under 1 MB/)
    expect(second!.bodyDropped).toBeDefined()
    expect(third!.bodyDropped).toBeUndefined()
    expect((await wireLog.readBody(first!.id, 0, 10)).length).toBe(0)
    expect((await wireLog.readBody(third!.id, 0, 10)).length).toBe(10)
    http.close()
  })
})
