// `npm run demo-mls` as a user runs it: the banner names every endpoint and the demo OAuth client, and each URL it
// prints answers over real HTTP with what the banner says. The README's Demo MLS section names the same things.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/paths'
import { TestRetsClient } from '../../support/demo-rets-client'

let child: ChildProcess
let banner = ''

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'demo-mls/demo-mls-cli.ts', '--port', '0', '--listings', '60'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  banner = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8')
      if (out.includes('Ctrl+C')) resolve(out)
    })
    child.once('exit', (code) => reject(new Error(`demo-mls exited (${code}): ${out}`)))
  })
}, 60_000)
afterAll(() => {
  child.kill('SIGTERM')
})

/** The URL printed on the banner line starting with `label`. */
function urlOf(label: string): string {
  const line = banner.split('\n').find((l) => l.trim().startsWith(label))
  const url = /https?:\/\/\S+/.exec(line ?? '')?.[0]
  if (!url) throw new Error(`no "${label}" line with a URL in:\n${banner}`)
  return url
}

describe('npm run demo-mls', () => {
  it('prints every endpoint and the demo OAuth client, and each URL answers', async () => {
    expect(banner).toMatch(/OAuth clients[^\n]*\n\s+workbench \/ workbench-secret\s/)

    const login = await fetch(urlOf('RETS'))
    expect(login.status).toBe(401)
    expect(login.headers.get('www-authenticate')).toMatch(/^Digest /)

    const tokenUrl = urlOf('OAuth2 token URL')
    const grant = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=workbench&client_secret=workbench-secret'
    })
    expect(grant.status).toBe(200)
    const bearer = { Authorization: `Bearer ${((await grant.json()) as { access_token: string }).access_token}` }

    const service = await fetch(urlOf('RESO Web API'), { headers: bearer })
    expect(service.status).toBe(200)
    expect(((await service.json()) as { value: Array<{ name: string }> }).value.map((s) => s.name)).toContain(
      'Property'
    )
    const metadata = await fetch(`${urlOf('RESO Web API')}/$metadata`, { headers: bearer })
    expect(await metadata.text()).toContain('<edmx:Edmx')

    const spark = await fetch(`${urlOf('Spark API')}/listings?_limit=1`, {
      headers: { ...bearer, 'X-SparkApi-User-Agent': 'DemoTest' }
    })
    expect(spark.status).toBe(200)
    expect(((await spark.json()) as { D: { Success: boolean } }).D.Success).toBe(true)

    const idx = await fetch(urlOf('IDX API'))
    expect(idx.status).toBe(401)

    const keyPage = new URL(urlOf('Listing Activity key page'))
    const rets = new TestRetsClient(keyPage.origin, { username: 'demo', password: 'demo-pass' })
    const apiPage = await rets.request(keyPage.pathname)
    expect(apiPage.status).toBe(200)
    expect(apiPage.text).toContain('Listing Activity API')
    const tracking = urlOf('Listing Activity tracking')
    expect(tracking).toMatch(/\/tracking\/v1\/listings\/views$/)
    const views = await fetch(`${tracking}/no-such-key/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml' },
      body: '<ViewTracking/>'
    })
    expect(views.status).toBe(403)
  })

  it('the README names the same endpoints and the OAuth client', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## First start: the Demo MLS'))
    for (const text of [
      '/rets/Login',
      '/Reso/OData',
      '/oauth/token',
      '/v1/listings',
      '/idx/Login.svc/Login',
      '/tracking/v1/listings/views',
      '/rets/API',
      'workbench-secret',
      'demo-pass'
    ])
      expect(section, text).toContain(text)
  })
})
