// `mlswb photos` stopped with Ctrl+C (SIGINT) keeps the files it wrote and its manifest, exits 130, and the same
// command run again resumes: what was complete is skipped, the rest is fetched. The Demo MLS runs in the test with
// a delay per request, so the interrupt lands mid-export.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { CLI_EXIT, photosOutputSchema } from '../../../contract/cli-output'
import { addRetsProfile, cli, jsonOf, newUserData, startCli } from './cli-harness'

let mls: DemoMls
beforeAll(async () => {
  mls = await startDemoMls({ port: 0, listings: 120 })
})
afterAll(async () => {
  await mls.close()
})

const env = { MLSWB_SECRET_PHOTO_MLS_PASSWORD: 'demo-pass', MLSWB_SECRET_PHOTO_MLS_UA_PASSWORD: 'demo-ua-pass' }

async function waitFor(check: () => boolean, ms = 60_000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 100))
  }
}

// each test starts several CLI processes (node + tsx + a Demo MLS): far slower than one call on a loaded machine
describe('CLI photo export', { timeout: 240_000 }, () => {
  it('Ctrl+C keeps the partial export (exit 130); running it again resumes', async () => {
    const userData = newUserData()
    const id = await addRetsProfile(userData, mls.url, 'Photo MLS')
    const keys = [...mls.ctx.data.listings()]
      .filter((l) => l.PhotosCount >= 1)
      .slice(0, 40)
      .map((l) => l.ListingKey)
    const out = path.join(userData, 'photos')
    const args = ['photos', id, '--out', out, '--keys', keys.join(','), '--batch', '1', '--json']

    mls.ctx.faults.slowMs = 150
    const first = startCli(args, { userData, demo: false, env })
    const listingDirs = (): string[] => (existsSync(out) ? readdirSync(out).filter((n) => !n.includes('.')) : [])
    await waitFor(() => listingDirs().length >= 3)
    first.child.kill('SIGINT')
    const stopped = await first.done
    mls.ctx.faults.slowMs = 0
    expect(stopped.code, stopped.err).toBe(CLI_EXIT.cancelled)
    const partial = jsonOf(photosOutputSchema, stopped)
    expect(partial.cancelled).toBe(true)
    expect(partial.written).toBeGreaterThan(0)
    expect(partial.listings).toBe(keys.length)
    expect(existsSync(partial.manifestCsv)).toBe(true)
    expect(stopped.err).toMatch(/run again to resume/i)

    const second = await cli(args, { userData, demo: false, env })
    expect(second.code, second.err).toBe(0)
    const rest = jsonOf(photosOutputSchema, second)
    expect(rest.cancelled).toBe(false)
    expect(rest.skipped).toBeGreaterThanOrEqual(partial.written)
    expect(listingDirs().length).toBe(keys.length)
  })
})
