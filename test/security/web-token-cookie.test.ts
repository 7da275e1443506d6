// Item 3 (issue 17): browsers send 127.0.0.1 cookies to every port, so a page of any local process got the web-mode
// token cookie and with it the API (it wrote a .desktop launcher through photos:export). The cookie is now scoped to
// a random asset path and never unlocks the API; exports refuse autostart/launcher folders and launcher names.
import http from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebApp, type WebApp } from '../../src-main/shells/web/start-web'
import { defusedFileName, unsafeExportReason } from '../../src-main/platform/files/export-path-guard'

let app: WebApp
beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-static-'))
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
  app = await startWebApp({ staticDir, demo: false, userDataDir: mkdtempSync(path.join(os.tmpdir(), 'mlswb-ud-')) })
})
afterAll(() => app.close())

function get(pathname: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: app.server.port, path: pathname, method, headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('web-mode token cookie', () => {
  it('is scoped to a random path and never accepted by the API', async () => {
    const index = await get(new URL(app.server.url).pathname + new URL(app.server.url).search)
    expect(index.status).toBe(200)
    const setCookie = index.headers['set-cookie']![0]!
    const cookiePath = /Path=([^;]+)/.exec(setCookie)![1]!
    expect(cookiePath).toMatch(/^\/[0-9a-f]{16,}\/$/)
    const cookie = setCookie.split(';')[0]!
    // what a page on another 127.0.0.1 port can make the browser send: the cookie, no header token
    const stolen = await get(
      '/api/invoke/app:info',
      { Cookie: cookie, 'Content-Type': 'application/json' },
      'POST',
      '{}'
    )
    expect(stolen.status).toBe(401)
  })

  it('photos:export refuses autostart and launcher folders before touching a connection', async () => {
    const destination = path.join(os.homedir(), '.config', 'autostart')
    const res = await get(
      '/api/invoke/photos:export',
      { 'X-MLSWB-Token': app.server.token, 'Content-Type': 'application/json' },
      'POST',
      JSON.stringify({
        profileId: 'demo-rets',
        request: { destination, listingKeys: ['1'], types: ['Photo'] }
      })
    )
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'EXPORT_UNSAFE_DESTINATION' } })
  })

  it('recognises rc files, launcher folders and launcher names made from server data', () => {
    const home = '/home/me'
    for (const p of ['.local/share/applications', '.bashrc', '.config/autostart/x', 'Library/LaunchAgents'])
      expect(unsafeExportReason(path.join(home, p), home)).toBeDefined()
    expect(unsafeExportReason('/home/me/Pictures/export', home)).toBeUndefined()
    expect(defusedFileName('evil.desktop', '.{ext}')).toBe('evil.desktop.bin')
    expect(defusedFileName('run.sh', '.sh')).toBe('run.sh')
    expect(defusedFileName('1.jpg', '.{ext}')).toBe('1.jpg')
  })
})
