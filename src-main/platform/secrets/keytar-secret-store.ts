// The OS keychain through keytar (macOS Keychain, Windows Credential Vault, libsecret / Secret Service on Linux).
// keytar is an optionalDependency: a machine without libsecret still installs, so it is loaded at run time, and a
// keytar that loads is not yet a keychain that works — on Linux without a running Secret Service every call fails
// (or, with D-Bus activation, can hang for the D-Bus timeout). probeKeychain() answers that before we rely on it.
import { randomBytes } from 'node:crypto'
import { AppError } from '../../../contract/app-error'
import {
  assertSecretKey,
  parseSecretAccount,
  secretAccount,
  type SecretStore,
  type SecretStoreInfo
} from './secret-store'

export const KEYCHAIN_SERVICE = 'MLS Workbench'

/** The part of keytar's API we use. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

export type KeytarLoad = { ok: true; keytar: KeytarLike } | { ok: false; reason: string }

function isKeytarLike(value: unknown): value is KeytarLike {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'].every((k) => typeof v[k] === 'function')
}

/** Loads keytar if it is installed and its native module matches this runtime. */
export async function loadKeytar(): Promise<KeytarLoad> {
  // A variable specifier keeps TypeScript and the bundler from requiring the optional package at build time.
  const specifier = 'keytar'
  try {
    const mod: unknown = await import(specifier)
    const candidate = (mod as { default?: unknown }).default ?? mod
    if (isKeytarLike(candidate)) return { ok: true, keytar: candidate }
    return { ok: false, reason: 'the keytar module does not have the expected functions' }
  } catch (err) {
    return { ok: false, reason: `keytar could not be loaded (${firstLine(err)})` }
  }
}

export type ProbeResult = { ok: true } | { ok: false; reason: string; timedOut: boolean }

/** Writes, reads back and deletes a throw-away entry. Its account starts with '.', which no profile id can. */
export async function probeKeychain(keytar: KeytarLike, timeoutMs = 5000): Promise<ProbeResult> {
  const account = `.probe/${randomBytes(6).toString('hex')}`
  const value = randomBytes(12).toString('hex')
  const attempt = async (): Promise<ProbeResult> => {
    await keytar.setPassword(KEYCHAIN_SERVICE, account, value)
    const back = await keytar.getPassword(KEYCHAIN_SERVICE, account)
    await keytar.deletePassword(KEYCHAIN_SERVICE, account)
    return back === value
      ? { ok: true }
      : { ok: false, reason: 'the keychain did not return the value just stored', timedOut: false }
  }
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `the keychain did not answer within ${timeoutMs / 1000} s`, timedOut: true }),
      timeoutMs
    )
    timer.unref()
  })
  try {
    return await Promise.race([attempt(), timeout])
  } catch (err) {
    return { ok: false, reason: `the keychain is not available (${firstLine(err)})`, timedOut: false }
  } finally {
    clearTimeout(timer)
  }
}

export class KeytarSecretStore implements SecretStore {
  constructor(
    private readonly keytar: KeytarLike,
    private readonly service = KEYCHAIN_SERVICE
  ) {}

  async get(profileId: string, name: string): Promise<string | undefined> {
    assertSecretKey(profileId, name)
    const value = await this.call('read', () => this.keytar.getPassword(this.service, secretAccount(profileId, name)))
    return value ?? undefined
  }

  async set(profileId: string, name: string, value: string): Promise<void> {
    assertSecretKey(profileId, name)
    await this.call('save', () => this.keytar.setPassword(this.service, secretAccount(profileId, name), value))
  }

  async delete(profileId: string, name: string): Promise<boolean> {
    assertSecretKey(profileId, name)
    return this.call('delete', () => this.keytar.deletePassword(this.service, secretAccount(profileId, name)))
  }

  async list(profileId: string): Promise<string[]> {
    assertSecretKey(profileId)
    const all = await this.call('list', () => this.keytar.findCredentials(this.service))
    return all
      .map((c) => parseSecretAccount(c.account))
      .filter((a): a is { profileId: string; name: string } => a?.profileId === profileId)
      .map((a) => a.name)
      .sort()
  }

  async deleteAll(profileId: string): Promise<void> {
    for (const name of await this.list(profileId)) await this.delete(profileId, name)
  }

  info(): SecretStoreInfo {
    return {
      kind: 'keychain',
      persistent: true,
      summary: `Secrets are stored in the system keychain (service "${this.service}").`
    }
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (err) {
      // keychains can lock or go away after start-up (session ends, user cancels an unlock prompt)
      throw new AppError({
        code: 'SECRET_KEYCHAIN_FAILED',
        message: `Could not ${what} a secret in the system keychain.`,
        detail: firstLine(err),
        hint: 'Unlock the keychain (or log in to the desktop session again) and retry.'
      })
    }
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  return text.split('\n')[0] ?? text
}
