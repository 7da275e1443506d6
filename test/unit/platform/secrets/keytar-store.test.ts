// The real OS keychain. Runs when a Secret Service answers (CI runs the suite under scripts/with-keyring.sh); is
// skipped with the reason shown otherwise — unless MLSWB_REQUIRE_KEYCHAIN=1, where a missing keychain is a failure,
// so a broken keyring set-up cannot pass as "skipped".
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it, type TestContext } from 'vitest'
import {
  KeytarSecretStore,
  loadKeytar,
  probeKeychain,
  type KeytarLike
} from '../../../../src-main/platform/secrets/keytar-secret-store'
import { openSecretStore } from '../../../../src-main/platform/secrets/open-secret-store'
import { redactor } from '../../../../src-main/platform/redaction/redactor'

const required = process.env.MLSWB_REQUIRE_KEYCHAIN === '1'
const loaded = await loadKeytar()
const probe = loaded.ok ? await probeKeychain(loaded.keytar) : loaded
const keytar: KeytarLike | undefined = loaded.ok && probe.ok ? loaded.keytar : undefined
const unavailable = probe.ok ? undefined : probe.reason
if (unavailable && !required) {
  console.warn(
    `keytar-store.test.ts: real-keychain tests SKIPPED — ${unavailable}. Run under scripts/with-keyring.sh to include them.`
  )
}

/** The keychain, or skip (or fail, when required) with the reason. */
function realKeychain(ctx: TestContext): KeytarLike {
  if (keytar) return keytar
  if (required) throw new Error(`MLSWB_REQUIRE_KEYCHAIN=1 but no keychain: ${unavailable}`)
  ctx.skip(`no Secret Service: ${unavailable}`)
  throw new Error('unreachable')
}

// a service name of our own per run, so the test never touches real "MLS Workbench" entries
const service = `MLS Workbench test ${randomBytes(4).toString('hex')}`

afterAll(async () => {
  if (!keytar) return
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
})

describe('KeytarSecretStore against the real keychain', () => {
  it('the Secret Service answers', (ctx) => {
    realKeychain(ctx)
    expect(probe).toEqual({ ok: true })
  })

  it('set / get / list / delete / deleteAll round-trip', async (ctx) => {
    const store = new KeytarSecretStore(realKeychain(ctx), service)
    await store.set('rets-1', 'password', 'kc-password-1')
    await store.set('rets-1', 'uaPassword', 'kc-ua-password-1')
    await store.set('rets-10', 'password', 'kc-password-10')
    expect(await store.get('rets-1', 'password')).toBe('kc-password-1')
    expect(await store.get('rets-1', 'uaPassword')).toBe('kc-ua-password-1')
    expect(await store.get('rets-1', 'apiKey')).toBeUndefined()
    // "rets-10" shares a prefix with "rets-1" but is another profile
    expect(await store.list('rets-1')).toEqual(['password', 'uaPassword'])
    expect(await store.list('rets-10')).toEqual(['password'])

    await store.set('rets-1', 'password', 'kc-password-1-changed')
    expect(await store.get('rets-1', 'password')).toBe('kc-password-1-changed')

    expect(await store.delete('rets-1', 'uaPassword')).toBe(true)
    expect(await store.delete('rets-1', 'uaPassword')).toBe(false)
    expect(await store.list('rets-1')).toEqual(['password'])

    await store.deleteAll('rets-1')
    expect(await store.list('rets-1')).toEqual([])
    expect(await store.get('rets-1', 'password')).toBeUndefined()
    expect(await store.get('rets-10', 'password')).toBe('kc-password-10')
    expect(store.info()).toEqual({
      kind: 'keychain',
      persistent: true,
      summary: `Secrets are stored in the system keychain (service "${service}").`
    })
  })

  it('entries are real Secret Service items under service + `<profileId>/<name>` (read back with secret-tool)', async (ctx) => {
    const store = new KeytarSecretStore(realKeychain(ctx), service)
    await store.set('reso-7', 'clientSecret', 'kc-client-secret-7')
    const { stdout } = await promisify(execFile)('secret-tool', [
      'lookup',
      'service',
      service,
      'account',
      'reso-7/clientSecret'
    ])
    expect(stdout).toBe('kc-client-secret-7')
    await store.deleteAll('reso-7')
  })

  it('openSecretStore picks the keychain and registers values with the redactor', async (ctx) => {
    const kc = realKeychain(ctx)
    const store = await openSecretStore({ filePath: '/nonexistent/secrets.json' })
    expect(store.info()).toMatchObject({ kind: 'keychain', persistent: true })
    const profileId = `kt-${randomBytes(4).toString('hex')}`
    try {
      await store.set(profileId, 'apiKey', 'kc-api-key-for-redaction')
      expect(redactor.text('key kc-api-key-for-redaction')).toBe('key [redacted]')
      expect(await kc.getPassword('MLS Workbench', `${profileId}/apiKey`)).toBe('kc-api-key-for-redaction')
    } finally {
      await store.deleteAll(profileId)
    }
    expect(await kc.getPassword('MLS Workbench', `${profileId}/apiKey`)).toBeNull()
  })
})
