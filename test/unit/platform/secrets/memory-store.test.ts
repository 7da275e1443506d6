import { describe, expect, it } from 'vitest'
import { MemorySecretStore } from '../../../../src-main/platform/secrets/memory-secret-store'
import { RegisteringSecretStore } from '../../../../src-main/platform/secrets/registering-secret-store'
import { BuiltInSecretsOverlay } from '../../../../src-main/platform/secrets/built-in-secrets'
import { Redactor, redactor } from '../../../../src-main/platform/redaction/redactor'

describe('MemorySecretStore', () => {
  it('keeps values per profile; list gives sorted names only; deleteAll clears one profile', async () => {
    const store = new MemorySecretStore()
    await store.set('p1', 'uaPassword', 'ua-secret-1')
    await store.set('p1', 'password', 'pw-secret-1')
    await store.set('p2', 'password', 'pw-secret-2')
    expect(await store.get('p1', 'password')).toBe('pw-secret-1')
    expect(await store.get('p2', 'password')).toBe('pw-secret-2')
    expect(await store.get('p2', 'uaPassword')).toBeUndefined()
    expect(await store.list('p1')).toEqual(['password', 'uaPassword'])
    expect(await store.delete('p1', 'password')).toBe(true)
    expect(await store.delete('p1', 'password')).toBe(false)
    await store.deleteAll('p1')
    expect(await store.list('p1')).toEqual([])
    expect(await store.list('p2')).toEqual(['password'])
    expect(store.info()).toMatchObject({ kind: 'memory', persistent: false })
  })

  it('rejects keys that would break `<profileId>/<name>` accounts', async () => {
    const store = new MemorySecretStore()
    await expect(store.set('a/b', 'password', 'x')).rejects.toMatchObject({ code: 'SECRET_BAD_KEY' })
    await expect(store.set('p', 'pass/word', 'x')).rejects.toMatchObject({ code: 'SECRET_BAD_KEY' })
    await expect(store.get('', 'password')).rejects.toMatchObject({ code: 'SECRET_BAD_KEY' })
  })
})

describe('RegisteringSecretStore', () => {
  it('registers every value written and read with the redactor', async () => {
    const local = new Redactor()
    const inner = new MemorySecretStore()
    await inner.set('p', 'clientSecret', 'stored-before-s3cr3t')
    const store = new RegisteringSecretStore(inner, local)
    await store.set('p', 'password', 'typed-in-pa55word')
    expect(local.text('x typed-in-pa55word y')).toBe('x [redacted] y')
    expect(local.text('stored-before-s3cr3t')).toBe('stored-before-s3cr3t')
    expect(await store.get('p', 'clientSecret')).toBe('stored-before-s3cr3t')
    expect(local.text('id=stored-before-s3cr3t')).toBe('id=[redacted]')
  })

  it('uses the process-wide redactor by default', async () => {
    const store = new RegisteringSecretStore(new MemorySecretStore())
    await store.set('p', 'apiKey', 'process-wide-api-key-42')
    expect(redactor.text('GET /views/process-wide-api-key-42/')).toBe('GET /views/[redacted]/')
  })
})

describe('BuiltInSecretsOverlay', () => {
  it('answers built-in profiles from memory and passes every other profile to the real store', async () => {
    const base = new MemorySecretStore()
    const overlay = new BuiltInSecretsOverlay(base, [])
    await overlay.seed({ 'demo-rets': { password: 'demo-pass', uaPassword: 'demo-ua-pass' } })
    await overlay.set('mine', 'password', 'my-password')
    expect(await overlay.get('demo-rets', 'uaPassword')).toBe('demo-ua-pass')
    expect(await base.list('demo-rets')).toEqual([])
    expect(await base.get('mine', 'password')).toBe('my-password')
    expect(await overlay.list('demo-rets')).toEqual(['password', 'uaPassword'])
    expect(redactor.text('pw demo-ua-pass')).toBe('pw [redacted]')
  })
})
