// scratch: interleaved getobject variants against one replay server (not committed)
import { mkdtempSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FULL, type BenchContext } from '../harness/bench-context'
import { runDemoMlsPlan } from '../plans/demo-mls-plan'
import { runVariant, startServerChild } from '../harness/child-runner'
import { photoRunsDir } from '../harness/file-set'
import { LOGIN_BODY, LOGOUT_BODY } from '../plans/replay-plan'

const saved = '/tmp/photo-runs/capture.json'
async function main(): Promise<void> {
  let cap: any
  if (existsSync(saved)) cap = JSON.parse(readFileSync(saved, 'utf8'))
  else {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'photo-drive-'))
    const ctx: BenchContext = { quick: false, sizes: FULL, tmp, want: (n) => n === 'getobject', named: () => false, log: (l) => process.stderr.write(l + '\n') }
    const demo = await runDemoMlsPlan(ctx)
    cap = demo.captures.getObject!
    copyFileSync(cap.file, '/tmp/photo-runs/objects.bin')
    cap.file = '/tmp/photo-runs/objects.bin'
    writeFileSync(saved, JSON.stringify(cap))
  }
  const server = await startServerChild('servers/replay-child.ts', {
    '/rets/Login': { contentType: 'text/xml; charset=UTF-8', text: LOGIN_BODY },
    '/rets/Logout': { contentType: 'text/xml; charset=UTF-8', text: LOGOUT_BODY },
    '/rets/GetObject': { contentType: cap.contentType, file: cap.file }
  })
  const outDir = process.env.PLAIN ? mkdtempSync(path.join(os.tmpdir(), 'photo-out-')) : photoRunsDir(mkdtempSync(path.join(os.tmpdir(), 'photo-out-')))
  const params = { url: server.url, type: 'HiRes', ids: cap.ids, outDir }
  const names = (process.env.V ?? 'ours-engine,files-floor,stream-copy').split(',')
  const reps = Number(process.env.N ?? 3)
  const times: Record<string, number[]> = {}
  for (let i = 0; i < reps; i++)
    for (const v of names) {
      const m = await runVariant({ caseName: 'getobject', variant: v, params }, 300_000)
      ;(times[v] ??= []).push(Math.round(m.ms))
      console.log(v, m.ok ? Math.round(m.ms) : m.error, JSON.stringify(m.output?.extra ?? {}), m.output?.checksum?.slice(0, 8))
    }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!
  for (const v of names) console.log('median', v, med(times[v]!), times[v]!.join(' '))
  const base = med(times[names[names.length - 1]!]!)
  for (const v of names) console.log('ratio', v, 'vs', names[names.length - 1], (base / med(times[v]!)).toFixed(2))
  await server.stop()
}
void main()
