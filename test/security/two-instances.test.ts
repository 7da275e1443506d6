// Item 6 (issue 17): two instances on one user-data folder (web mode and the CLI take no lock) both answered ok to
// creating a profile of the same name, with one id: one save was lost. Creates are exclusive now, and the folder is
// held by one instance; a second one is read-only and says which process holds it.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createWorkbench } from '../../src-main/app/workbench'
import { ProfileStore } from '../../src-main/features/connections/profiles'

const LOCK_FILE = 'instance.lock'
const draft = (userAgent: string) =>
  ({ kind: 'rets', name: 'Same name', loginUrl: 'https://rets.example.com/Login', userName: 'u', userAgent }) as const

describe('two instances on one user-data folder', () => {
  it('two stores creating the same name at once both keep their profile', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-two-'))
    // two processes' stores: separate queues, same folder
    const [a, b] = await Promise.all([
      new ProfileStore(dir).create(draft('A/1.0')),
      new ProfileStore(dir).create(draft('B/1.0'))
    ])
    expect(a.id).not.toBe(b.id)
    const stored = await new ProfileStore(dir).list()
    expect(stored.map((p) => p.profile.userAgent).sort()).toEqual(['A/1.0', 'B/1.0'])
  })

  it('a second workbench on the folder is read-only and names the holder', async () => {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-two-'))
    const opts = { version: 't', userDataDir, openExternal: async () => false, demo: false } as const
    const first = await createWorkbench({ ...opts, mode: 'web' })
    const second = await createWorkbench({ ...opts, mode: 'cli' })
    try {
      expect(first.userDataLock.readOnlyReason).toBeUndefined()
      const refused = await second.registry.dispatch('profiles:save', { profile: draft('B/1.0') }, { transport: 'web' })
      expect(refused).toMatchObject({ ok: false, error: { code: 'USER_DATA_READ_ONLY' } })
      expect(JSON.stringify(refused)).toContain(`process ${process.pid}`)
      const saved = await first.registry.dispatch('profiles:save', { profile: draft('A/1.0') }, { transport: 'web' })
      expect(saved.ok).toBe(true)
    } finally {
      await second.close()
      await first.close()
    }
    expect(readdirSync(userDataDir)).not.toContain(LOCK_FILE)
  })

  it('takes over a lock left by a process that no longer runs', async () => {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-two-'))
    writeFileSync(
      path.join(userDataDir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 7, mode: 'web', host: os.hostname() })
    )
    const wb = await createWorkbench({
      version: 't',
      userDataDir,
      openExternal: async () => false,
      demo: false,
      mode: 'web'
    })
    expect(wb.userDataLock.readOnlyReason).toBeUndefined()
    await wb.close()
  })
})
