// The session manager alone writes metadata snapshots, behind the user's back: on an MLS with 50 Property classes
// (RETS serves each class's TABLE lazily), opening one class writes the snapshot once, opening all 50 quickly writes
// it a bounded number of times, and after the flush (disconnect) the file on disk is the model in use.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { demoProfiles } from '../../../src-main/features/connections/demo-profiles'
import { createRetsConnection } from '../../../src-main/features/connections/adapters/rets-connection'
import { SessionManager } from '../../../src-main/features/connections/session-manager'
import { MetadataCache } from '../../../src-main/features/metadata/metadata-cache'
import { writeFileAtomic } from '../../../src-main/platform/files/atomic-write'
import { WireLog } from '../../../src-main/platform/http/wire-log'
import { MemorySecretStore } from '../../../src-main/platform/secrets/memory-secret-store'
import type { RetsProfile } from '../../../contract/profile-schema'

let mls: DemoMls
let dir: string
let sessions: SessionManager
let cache: MetadataCache
const writes: string[] = []
const wireLog = new WireLog()

beforeAll(async () => {
  mls = await startDemoMls({ listings: 100, extraClasses: 47 })
  const set = demoProfiles(mls.url, {
    rets: { userName: 'demo', password: 'demo-pass', uaPassword: 'demo-ua-pass', userAgent: 'MLSWorkbench/1.0' }
  })
  const profile = set.profiles.find((p) => p.kind === 'rets') as RetsProfile
  const secrets = new MemorySecretStore()
  await secrets.set(profile.id, 'password', 'demo-pass')
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-snapshot-writes-'))
  // settle time long enough that only flushes and coalesced writes happen while the test runs
  cache = new MetadataCache(dir, {
    settleMs: 5_000,
    write: async (file, text) => {
      writes.push(file)
      await writeFileAtomic(file, text)
    }
  })
  sessions = new SessionManager(() => createRetsConnection(profile, secrets, wireLog, cache), cache)
  await sessions.connect(profile.id)
})
afterAll(async () => {
  await sessions?.closeAll()
  await mls?.close()
})

const PROFILE = 'demo-rets'
const snapshotFiles = (): string[] => readdirSync(path.join(dir, PROFILE)).filter((f) => f.endsWith('.json'))

describe('metadata snapshots of a large RETS metadata', () => {
  it('the tree, then one class: one write each, into one file', async () => {
    const { model } = await sessions.model(PROFILE)
    expect(model.resources.find((r) => r.name === 'Property')!.classes).toHaveLength(50)
    await sessions.disconnect(PROFILE) // flushes
    expect(writes).toHaveLength(1)

    await sessions.connect(PROFILE)
    wireLog.clear()
    await sessions.model(PROFILE)
    // the snapshot the session manager wrote is found by the MetadataVersion the login names: no download
    expect(wireLog.list().filter((e) => e.url.includes('GetMetadata'))).toEqual([])
    await cache.flush()
    const before = writes.length
    await sessions.fields(PROFILE, 'Property', 'X7')
    await sessions.disconnect(PROFILE)
    expect(writes.length - before).toBe(1)
    expect(snapshotFiles()).toHaveLength(1)
  })

  it('all 50 classes opened at once: a bounded number of writes, and the file is the model after the flush', async () => {
    await sessions.connect(PROFILE)
    const { model } = await sessions.model(PROFILE)
    const before = writes.length
    const classes = model.resources.find((r) => r.name === 'Property')!.classes
    await Promise.all(classes.map((c) => sessions.fields(PROFILE, 'Property', c.name)))
    expect(classes.every((c) => (c.fields?.length ?? 0) > 0)).toBe(true)
    await sessions.disconnect(PROFILE)
    expect(writes.length - before).toBeGreaterThanOrEqual(1)
    expect(writes.length - before).toBeLessThanOrEqual(3)
    const [file] = snapshotFiles()
    const onDisk = JSON.parse(readFileSync(path.join(dir, PROFILE, file!), 'utf8')) as { model: unknown }
    expect(onDisk.model).toEqual(JSON.parse(JSON.stringify(model)))
  })
})
