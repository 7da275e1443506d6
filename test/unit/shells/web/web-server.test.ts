import http from 'node:http'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startWebApp, type WebApp } from '../../../../src-main/shells/web/start-web'
import { SLOW_QUERY, slowDemoListings } from '../../../support/slow-demo-job'

let app: WebApp
let port: number
let token: string

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-static-'))
  mkdirSync(path.join(staticDir, 'assets'))
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(path.join(staticDir, 'assets', 'a.js'), 'console.log(1)')
  writeFileSync(path.join(os.tmpdir(), 'mlswb-outside.txt'), 'outside')
  app = await startWebApp({ staticDir, userDataDir: mkdtempSync(path.join(os.tmpdir(), 'mlswb-ud-')) })
  port = app.server.port
  token = app.server.token
})
afterAll(() => app.close())

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

function request(opts: {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        setHost: !opts.headers?.Host
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

const invoke = (channel: string, args: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: {
      'Content-Type': 'application/json',
      'X-MLSWB-Token': token,
      Origin: `http://127.0.0.1:${port}`,
      ...headers
    },
    body: JSON.stringify(args)
  })

describe('web mode', () => {
  it('answers a contract channel with the right token, Host and Origin', async () => {
    const res = await invoke('app:info', {})
    expect(res.status).toBe(200)
    const env = JSON.parse(res.body)
    expect(env.ok).toBe(true)
    expect(env.value).toMatchObject({ name: 'MLS Workbench', mode: 'web' })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('refuses a missing or wrong token', async () => {
    expect((await invoke('app:info', {}, { 'X-MLSWB-Token': '' })).status).toBe(401)
    // the last character changed (a token that happens to end in x must not be "changed" into itself)
    const wrong = token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x')
    expect((await invoke('app:info', {}, { 'X-MLSWB-Token': wrong })).status).toBe(401)
    expect((await request({ path: `${app.server.assetPrefix}assets/a.js` })).status).toBe(401)
    expect((await request({ path: '/?token=nope' })).status).toBe(401)
  })

  it('refuses a foreign Origin', async () => {
    const res = await invoke('app:info', {}, { Origin: 'http://evil.example' })
    expect(res.status).toBe(403)
    expect((await invoke('app:info', {}, { Origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await invoke('app:info', {}, { Host: `evil.example:${port}` })
    expect(res.status).toBe(421)
    expect((await invoke('app:info', {}, { Host: `localhost:${port}` })).status).toBe(200)
  })

  it('refuses unknown channels and bad arguments with the error shape', async () => {
    const unknown = JSON.parse((await invoke('fs:read', { path: '/etc/passwd' })).body)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } })
    const bad = JSON.parse((await invoke('app:ping', { message: ['x'] })).body)
    expect(bad).toMatchObject({ ok: false, error: { code: 'IPC_BAD_ARGS' } })
  })

  it('serves the index with the token in the URL and hands it on by a strict cookie on the asset prefix', async () => {
    const prefix = app.server.assetPrefix
    expect((await request({ path: `/?token=${token}` })).headers.location).toBe(`${prefix}?token=${token}`)
    const res = await request({ path: `${prefix}?token=${token}` })
    expect(res.status).toBe(200)
    expect(res.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/)
    const cookie = res.headers['set-cookie']![0]!.split(';')[0]!
    expect((await request({ path: `${prefix}assets/a.js`, headers: { Cookie: cookie } })).status).toBe(200)
    // files exist only under the prefix, and the cookie never opens the API
    expect((await request({ path: '/assets/a.js', headers: { Cookie: cookie } })).status).toBe(404)
    expect((await invoke('app:info', {}, { 'X-MLSWB-Token': '', Cookie: cookie })).status).toBe(401)
  })

  it('never serves files outside the renderer folder', async () => {
    const headers = { 'X-MLSWB-Token': token }
    for (const p of ['../mlswb-outside.txt', '%2e%2e/mlswb-outside.txt', 'assets/..%2f..%2fmlswb-outside.txt']) {
      const res = await request({ path: `${app.server.assetPrefix}${p}`, headers })
      expect(res.status).toBe(404)
      expect(res.body).not.toContain('outside')
    }
  })

  it('streams job progress over the event socket and cancels the job', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/events?token=${token}`, { origin: `http://127.0.0.1:${port}` })
    const events: { event: string; payload: { jobId: string; state: string; done: number } }[] = []
    let jobId = ''
    let onEvent = (): void => undefined
    const progressed = new Promise<void>((resolve) => {
      onEvent = () => {
        if (events.some((e) => e.event === 'job:progress' && e.payload.jobId === jobId && e.payload.done > 0)) resolve()
      }
    })
    ws.on('message', (d) => {
      events.push(JSON.parse(String(d)))
      onEvent()
    })
    await new Promise((r) => ws.once('open', r))
    await slowDemoListings(app.workbench.demo!.server.url, 50)
    try {
      expect(JSON.parse((await invoke('session:connect', { profileId: SLOW_QUERY.profileId })).body).ok).toBe(true)
      const { value } = JSON.parse((await invoke('query:run', SLOW_QUERY)).body)
      jobId = value.jobId
      onEvent()
      await progressed
      const cancel = JSON.parse((await invoke('job:cancel', { jobId })).body)
      expect(cancel).toEqual({ ok: true, value: { cancelled: true } })
      await app.workbench.jobs.settled(jobId)
    } finally {
      await slowDemoListings(app.workbench.demo!.server.url, 0)
    }
    await new Promise((r) => setTimeout(r, 50))
    ws.close()
    const mine = events.filter((e) => e.event === 'job:progress' && e.payload.jobId === jobId)
    expect(mine.some((e) => e.payload.state === 'running' && e.payload.done > 0)).toBe(true)
    expect(mine.at(-1)?.payload.state).toBe('cancelled')
  })

  it('refuses event sockets without the token or from a foreign Origin', async () => {
    const attempt = (url: string, origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, { origin })
        ws.on('open', () => {
          ws.close()
          resolve('open')
        })
        ws.on('error', (e) => resolve(e.message))
      })
    expect(await attempt(`ws://127.0.0.1:${port}/events`, `http://127.0.0.1:${port}`)).toMatch(/401/)
    expect(await attempt(`ws://127.0.0.1:${port}/events?token=${token}`, 'http://evil.example')).toMatch(/403/)
  })
})
