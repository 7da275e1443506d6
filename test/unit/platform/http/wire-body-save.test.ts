// Saving a text body from the wire log: written redacted exactly as the raw view shows it, also where a secret
// straddles the 1 MB slices the file is written in; unsafe destinations are refused; a gone entry is undefined.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WireLog } from '../../../../src-main/platform/http/wire-log'
import { saveWireBody } from '../../../../src-main/platform/http/wire-body-reader'
import { redactor } from '../../../../src-main/platform/redaction/redactor'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

function logged(log: WireLog, contentType: string, body: Buffer): string {
  const rec = log.begin({ method: 'GET', url: 'http://h.test/token', headers: {} })
  rec.response(200, 'OK', { 'content-type': contentType })
  rec.body(body)
  rec.end()
  return rec.id
}

describe('saveWireBody', () => {
  it('text: a token across the slice edge is hidden; the rest is byte-identical', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'save-body-'))
    dirs.push(dir)
    const pair = '"access_token": "tok-SECRET-value-123"'
    const head = 'a'.repeat(1024 * 1024 - 20)
    const text = `{"pad": "${head}", ${pair}, "tail": "${'z'.repeat(5000)}"}`
    const log = new WireLog()
    const id = logged(log, 'application/json', Buffer.from(text))
    const target = path.join(dir, 'reply.json')
    const saved = (await saveWireBody(log, id, target))!
    const written = await readFile(target, 'utf8')
    expect(written).not.toContain('tok-SECRET')
    expect(written).toBe(redactor.text(text))
    expect(saved).toEqual({ path: target, bytes: Buffer.byteLength(written), redacted: true })
  })

  it('refuses a system folder and answers undefined for an entry no longer in the log', async () => {
    const log = new WireLog()
    const id = logged(log, 'text/plain', Buffer.from('hello'))
    await expect(saveWireBody(log, id, '/etc/cron.d/x')).rejects.toMatchObject({ code: 'EXPORT_UNSAFE_DESTINATION' })
    expect(await saveWireBody(log, 'w999', '/tmp/x')).toBeUndefined()
  })
})
