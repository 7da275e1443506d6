// scratch: the engine (or the files floor) N times in one process, no checksum, for profiles and CPU
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServerChild } from '../harness/child-runner'
import { LOGIN_BODY, LOGOUT_BODY } from '../plans/replay-plan'
import { photoRunsDir } from '../harness/file-set'
import { exportPhotos } from '../../src-main/features/export/photos/photo-export-engine'
import { RetsObjectSource } from '../../src-main/features/export/photos/sources/rets-object-source'
import { ourRetsSession } from '../harness/our-rets'

async function main(): Promise<void> {
  const cap = JSON.parse(readFileSync('/tmp/photo-runs/capture.json', 'utf8'))
  const server = await startServerChild('servers/replay-child.ts', {
    '/rets/Login': { contentType: 'text/xml; charset=UTF-8', text: LOGIN_BODY },
    '/rets/Logout': { contentType: 'text/xml; charset=UTF-8', text: LOGOUT_BODY },
    '/rets/GetObject': { contentType: cap.contentType, file: cap.file }
  })
  const outDir = photoRunsDir(mkdtempSync(path.join(os.tmpdir(), 'photo-loop-')))
  const keys = Object.keys(cap.ids)
  const times: number[] = []
  for (let i = 0; i < Number(process.env.N ?? 5); i++) {
    const dir = path.join(outDir, `r${i}`)
    const session = ourRetsSession(server.url)
    await session.login()
    const c = process.cpuUsage()
    const t = performance.now()
    await exportPhotos(
      { destination: dir, listingKeys: keys, types: ['HiRes'], objectIds: '*', namingPattern: '{ListingKey}-{ObjectId}.{ext}', batchSize: keys.length, resume: false },
      new RetsObjectSource(session, { resource: 'Property', mode: 'multipart' })
    )
    const ms = performance.now() - t
    const u = process.cpuUsage(c)
    times.push(ms)
    console.log(`run ${i}: ${ms.toFixed(0)} ms, user ${(u.user / 1000).toFixed(0)} sys ${(u.system / 1000).toFixed(0)}`)
    session.http.close()
    rmSync(dir, { recursive: true })
  }
  await server.stop()
}
void main()
