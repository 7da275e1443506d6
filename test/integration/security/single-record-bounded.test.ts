// Issue 17 item 7 (unbounded reads): a hostile server's Search reply is one 100 MB COMPACT record. Before, the
// scanner re-joined the unfinished record with every chunk (quadratic: minutes of CPU, the event loop stalled) and
// held all of it. Now one record is capped (16 MB by default, limits.maxRecordMb): the search stops with an error
// that names the request, and the client's peak RSS stays < 250 MB. The client runs in a child process so its peak
// RSS is its own (the test runner's memory is not counted).
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSingleRecordServer, type SingleRecordServer } from '../../support/single-record-server'

const run = promisify(execFile)
const client = path.join(import.meta.dirname, 'support', 'single-record-client.ts')

let server: SingleRecordServer
beforeAll(async () => {
  server = await startSingleRecordServer(100 * 1048576)
})
afterAll(() => server.close())

async function search(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', client, server.baseUrl, ...args], {
    timeout: 240_000
  })
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>
}

describe('a 100 MB single COMPACT record from a hostile server', () => {
  it('is refused at the record cap with an error naming the request, peak RSS < 250 MB', async () => {
    const out = await search()
    expect(out.code).toBe('REPLY_ELEMENT_TOO_LARGE')
    expect(out.message).toMatch(/larger than 16 MB/)
    expect(out.message).toMatch(/^Running Search of Property:A failed: One record of the reply is larger than 16 MB/)
    // the request once (it used to be retold twice: "… Request: GET url (GET url)")
    expect(out.message).toContain(`(GET ${server.baseUrl}/rets/Search?`)
    expect(String(out.message).split('Search?SearchType=')).toHaveLength(2)
    expect(out.peakRssMb).toBeLessThan(250)
  }, 250_000)

  it('a cap raised to 128 MB (the setting) reads the whole record', async () => {
    const out = await search('128')
    expect(out.code).toBeUndefined()
    expect(out.rows).toBe(1)
  }, 250_000)
})
