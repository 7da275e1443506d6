// scratch: variants alternated in ONE process (warm), N rounds; medians of wall and CPU
import { readFileSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServerChild } from '../harness/child-runner'
import { LOGIN_BODY, LOGOUT_BODY } from '../plans/replay-plan'
import { photoRunsDir } from '../harness/file-set'
import { variants } from '../cases/get-object-case'

async function main(): Promise<void> {
  const cap = JSON.parse(readFileSync('/tmp/photo-runs/capture.json', 'utf8'))
  const server = await startServerChild('servers/replay-child.ts', {
    '/rets/Login': { contentType: 'text/xml; charset=UTF-8', text: LOGIN_BODY },
    '/rets/Logout': { contentType: 'text/xml; charset=UTF-8', text: LOGOUT_BODY },
    '/rets/GetObject': { contentType: cap.contentType, file: cap.file }
  })
  const outDir = photoRunsDir(mkdtempSync(path.join(os.tmpdir(), 'photo-ab-')))
  const names = (process.env.V ?? 'ours-engine,files-floor').split(',')
  const res: Record<string, Array<{ ms: number; cpu: number }>> = {}
  const params = { url: server.url, type: 'HiRes', ids: cap.ids, outDir } as never
  for (let i = 0; i < Number(process.env.N ?? 6); i++)
    for (const v of i % 2 ? [...names].reverse() : names) {
      const out = await variants[v]!(params)
      const e = out.extra as { cpuUserMs: number; cpuSysMs: number }
      ;(res[v] ??= []).push({ ms: out.timedMs!, cpu: e.cpuUserMs + e.cpuSysMs })
    }
  const med = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!
  const base = names[names.length - 1]!
  for (const v of names) {
    const ms = med(res[v]!.map((r) => r.ms))
    console.log(`${v.padEnd(12)} median ${ms.toFixed(0)} ms  cpu ${med(res[v]!.map((r) => r.cpu))} ms  [${res[v]!.map((r) => r.ms.toFixed(0)).join(' ')}]  vs ${base}: ${(med(res[base]!.map((r) => r.ms)) / ms).toFixed(2)}`)
  }
  await server.stop()
}
void main()
