import { readFileSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServerChild } from '../harness/child-runner'
import { LOGIN_BODY, LOGOUT_BODY } from '../plans/replay-plan'
import { photoRunsDir } from '../harness/file-set'
import { ManifestWriter } from '../../src-main/features/export/photos/export-manifest'
import { ResumeIndex } from '../../src-main/features/export/photos/resume-index'
import { variants } from '../cases/get-object-case'

const t = (): number => performance.now()
const marks: string[] = []
let t0 = 0
const wrap = <T extends object>(obj: T, name: keyof T & string): void => {
  const orig = (obj as any)[name]
  ;(obj as any)[name] = async function (...args: unknown[]) {
    const s = t()
    try { return await orig.apply(this, args) } finally { marks.push(`${name} at ${(s - t0).toFixed(0)} took ${(t() - s).toFixed(1)} ms`) }
  }
}
async function main(): Promise<void> {
  const cap = JSON.parse(readFileSync('/tmp/photo-runs/capture.json', 'utf8'))
  const server = await startServerChild('servers/replay-child.ts', {
    '/rets/Login': { contentType: 'text/xml; charset=UTF-8', text: LOGIN_BODY },
    '/rets/Logout': { contentType: 'text/xml; charset=UTF-8', text: LOGOUT_BODY },
    '/rets/GetObject': { contentType: cap.contentType, file: cap.file }
  })
  wrap(ManifestWriter, 'compact')
  wrap(ManifestWriter.prototype, 'flush')
  wrap(ManifestWriter.prototype, 'close')
  wrap(ResumeIndex.prototype, 'markListingsDone')
  const outDir = photoRunsDir(mkdtempSync(path.join(os.tmpdir(), 'photo-ph-')))
  for (let i = 0; i < 3; i++) {
    marks.length = 0
    t0 = t()
    const out = await variants[process.env.V ?? 'ours-engine']!({ url: server.url, type: 'HiRes', ids: cap.ids, outDir } as any)
    console.log(Math.round(out.timedMs ?? 0), JSON.stringify(out.extra), '\n  ' + marks.join('\n  '))
  }
  await server.stop()
}
void main()
