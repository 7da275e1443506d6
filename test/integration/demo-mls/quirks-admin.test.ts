// Quirks switch real-server variations on and off: at start, through the admin API, and parsed from the CLI's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { QUIRK_NAMES, parseQuirkList } from '../../../demo-mls/quirks/quirk-catalogue'

let mls: DemoMls

beforeAll(async () => {
  mls = await startDemoMls({ listings: 10, quirks: ['reso-no-lookup'] })
})
afterAll(async () => {
  await mls.close()
})

const quirksPost = (body: unknown) => fetch(`${mls.url}/admin/quirks`, { method: 'POST', body: JSON.stringify(body) })

describe('Demo MLS quirks', () => {
  it('starts with the quirks it was given and lists every known one', async () => {
    const reply = (await (await fetch(`${mls.url}/admin/quirks`)).json()) as {
      active: string[]
      known: Array<{ name: string; description: string }>
    }
    expect(reply.active).toEqual(['reso-no-lookup'])
    expect(reply.known.map((k) => k.name)).toEqual(QUIRK_NAMES)
    expect(mls.ctx.quirk('reso-no-lookup')).toBe(true)
  })

  it('replaces the active set through the admin API, with patterns', async () => {
    const res = await quirksPost({ quirks: 'rets-*' })
    expect(res.status).toBe(200)
    const active = ((await res.json()) as { active: string[] }).active
    expect(active.length).toBeGreaterThan(3)
    expect(active.every((n) => n.startsWith('rets-'))).toBe(true)
    expect(mls.ctx.quirk('reso-no-lookup')).toBe(false)
    expect((await quirksPost({ quirks: [] })).status).toBe(200)
    expect(QUIRK_NAMES.some((n) => mls.ctx.quirk(n))).toBe(false)
  })

  it('refuses an unknown name and says which ones exist', async () => {
    const res = await quirksPost({ quirks: ['rets-no-such-thing'] })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toMatch(/Unknown quirk "rets-no-such-thing"; known: rets-/)
    expect(() => parseQuirkList('nothing-*')).toThrow(/No quirk matches/)
    expect(parseQuirkList('all')).toEqual(QUIRK_NAMES)
  })
})
