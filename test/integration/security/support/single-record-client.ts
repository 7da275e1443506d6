// Child process of single-record-bounded.test.ts: the app's RETS stack (RetsSession → COMPACT scanner → ResultStore)
// runs one search against the hostile server; prints what happened and the process's peak RSS as one JSON line.
import { readFileSync } from 'node:fs'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { ResultStore } from '../../../../src-main/platform/results/result-store'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { fetchAll } from '../../../../src-main/protocols/rets/search/search-runner'

const [baseUrl = '', maxRecordMb] = process.argv.slice(2)

function peakRssMb(): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024
}

async function main(): Promise<void> {
  const session = new RetsSession(
    { loginUrl: `${baseUrl}/rets/Login`, username: 'u', password: 'p', userAgent: 'T/1', retsVersion: '1.7.2' },
    new HttpClient()
  )
  const store = new ResultStore()
  const out: Record<string, unknown> = {}
  try {
    const options = maxRecordMb ? { maxRecordBytes: Number(maxRecordMb) * 1048576 } : {}
    const summary = await fetchAll(session, { resource: 'Property', class: 'A', query: '(A=*)' }, store, options)
    out.rows = summary.rows
  } catch (err) {
    out.code = (err as { code?: string }).code
    out.message = (err as Error).message
  } finally {
    store.dispose()
  }
  out.peakRssMb = Math.round(peakRssMb())
  process.stdout.write(`${JSON.stringify(out)}\n`)
}

void main()
