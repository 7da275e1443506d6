import { describe, expect, it } from 'vitest'
import {
  createRegistry,
  mergeHandlers,
  type HandlerTable,
  type PartialHandlerTable
} from '../../../src-main/handlers/handler-registry'
import { appHandlers } from '../../../src-main/handlers/app-handlers'
import { jobHandlers } from '../../../src-main/handlers/job-handlers'
import { JobManager } from '../../../src-main/platform/jobs/job-manager'
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../../src-main/platform/redaction/redactor'
import type { AppInfo } from '../../../contract/app-channels'

const info: AppInfo = {
  name: 'MLS Workbench',
  version: '0.0.0',
  platform: 'linux',
  mode: 'web',
  keychain: { kind: 'memory', persistent: false, summary: 'test' },
  userDataDir: '/tmp/x',
  demoMlsUrl: null,
  nativeDialogs: false
}

function registry(overrides: PartialHandlerTable = {}) {
  const base = {
    ...appHandlers({ info: () => info, openExternal: async () => true, outputFolders: new Set() }),
    ...jobHandlers(new JobManager(() => undefined))
  }
  // only the channels these tests call; the full table is checked by mergeHandlers in the workbench tests
  return createRegistry({ ...base, ...overrides } as HandlerTable)
}
const ctx = { transport: 'web' as const }

describe('handler registry', () => {
  it('answers a contract channel with validated args', async () => {
    const res = await registry().dispatch('app:ping', { message: 'hi' }, ctx)
    expect(res.ok).toBe(true)
    if (res.ok) expect((res.value as { pong: string }).pong).toBe('hi')
  })

  it('refuses a channel that is not in the contract', async () => {
    for (const channel of ['fs:read', 'app:info2', '__proto__', 'constructor', 42, null]) {
      const res = await registry().dispatch(channel, {}, ctx)
      expect(res).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } })
    }
  })

  it('refuses wrong argument types with the error shape', async () => {
    const res = await registry().dispatch('app:ping', { message: 42 }, ctx)
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'IPC_BAD_ARGS', message: 'Invalid arguments for app:ping.' }
    })
    if (!res.ok) expect(res.error.detail).toContain('message')
  })

  it('refuses unknown extra keys (strict schemas)', async () => {
    const res = await registry().dispatch('app:ping', { message: 'x', path: '/etc/passwd' }, ctx)
    expect(res).toMatchObject({ ok: false, error: { code: 'IPC_BAD_ARGS' } })
  })

  it('turns a thrown AppError into the serialisable shape, redacting secrets', async () => {
    redactor.addSecret('s3cr3t-pa55')
    const r = registry({
      'app:ping': () => {
        throw new AppError({ code: 'RETS_20036', message: 'Login failed for s3cr3t-pa55', hint: 'Check the password.' })
      }
    })
    const res = await r.dispatch('app:ping', { message: 'x' }, ctx)
    expect(res).toEqual({
      ok: false,
      error: { code: 'RETS_20036', message: 'Login failed for [redacted]', hint: 'Check the password.' }
    })
  })

  it('refuses non-http links in app:openExternal', async () => {
    const res = await registry().dispatch('app:openExternal', { url: 'file:///etc/passwd' }, ctx)
    expect(res).toMatchObject({ ok: false, error: { code: 'LINK_REFUSED' } })
    const ok = await registry().dispatch('app:openExternal', { url: 'https://www.reso.org/' }, ctx)
    expect(ok).toEqual({ ok: true, value: { opened: true } })
  })

  it('mergeHandlers rejects duplicates and missing channels', () => {
    const a = appHandlers({ info: () => info, openExternal: async () => true, outputFolders: new Set() })
    expect(() => mergeHandlers(a)).toThrow(/without a handler: job:list/)
    expect(() => mergeHandlers(a, a)).toThrow(/registered twice/)
  })
})
