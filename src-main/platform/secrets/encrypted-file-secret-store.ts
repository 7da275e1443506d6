// Secrets encrypted by Electron's safeStorage, kept in one file in the user-data folder — the fallback when keytar is
// missing or the keychain does not answer. safeStorage is injected (services never import electron). On Linux its
// 'basic_text' backend "encrypts" with a hard-coded key, which would be a password file in all but name (the
// Beekeeper #943 mistake), so it is refused and the chooser falls through to memory.
import { readFile } from 'node:fs/promises'
import { AppError } from '../../../contract/app-error'
import { writeFileAtomic } from '../files/atomic-write'
import { assertSecretKey, type SecretStore, type SecretStoreInfo } from './secret-store'

/** The slice of Electron's safeStorage we need; `backend` is safeStorage.getSelectedStorageBackend() on Linux and
 * a platform name ('keychain', 'dpapi') elsewhere. */
export interface SafeStorageLike {
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  backend: string
}

export const WEAK_SAFE_STORAGE_BACKEND = 'basic_text'

interface SecretsFile {
  version: 1
  backend: string
  /** profileId → secret name → base64 ciphertext */
  secrets: Record<string, Record<string, string>>
}

export class EncryptedFileSecretStore implements SecretStore {
  private data: SecretsFile | undefined
  /** writes are serialised so two quick set() calls cannot lose one another's update */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly safeStorage: SafeStorageLike,
    readonly filePath: string
  ) {
    if (safeStorage.backend === WEAK_SAFE_STORAGE_BACKEND) {
      throw new AppError({
        code: 'SECRET_WEAK_ENCRYPTION',
        message: 'Electron safeStorage only offers plain-text storage (basic_text) on this system.',
        hint: 'Install and unlock a keyring (GNOME Keyring or KWallet) so secrets can be encrypted.'
      })
    }
  }

  /** Reads (and checks) the file now rather than on first use; the chooser calls this before trusting the store. */
  async load(): Promise<void> {
    await this.file()
  }

  async get(profileId: string, name: string): Promise<string | undefined> {
    assertSecretKey(profileId, name)
    const sealed = (await this.file()).secrets[profileId]?.[name]
    if (sealed === undefined) return undefined
    try {
      return this.safeStorage.decryptString(Buffer.from(sealed, 'base64'))
    } catch (err) {
      throw new AppError({
        code: 'SECRET_DECRYPT_FAILED',
        message: `The stored ${name} of this profile can no longer be decrypted.`,
        detail: err instanceof Error ? err.message : String(err),
        hint: 'The system keyring may have been reset; enter the secret again.'
      })
    }
  }

  async set(profileId: string, name: string, value: string): Promise<void> {
    assertSecretKey(profileId, name)
    const sealed = this.safeStorage.encryptString(value).toString('base64')
    await this.mutate((file) => {
      file.secrets[profileId] = { ...file.secrets[profileId], [name]: sealed }
      return true
    })
  }

  async delete(profileId: string, name: string): Promise<boolean> {
    assertSecretKey(profileId, name)
    return this.mutate((file) => {
      const forProfile = file.secrets[profileId]
      if (!forProfile || !(name in forProfile)) return false
      delete forProfile[name]
      if (Object.keys(forProfile).length === 0) delete file.secrets[profileId]
      return true
    })
  }

  async list(profileId: string): Promise<string[]> {
    assertSecretKey(profileId)
    return Object.keys((await this.file()).secrets[profileId] ?? {}).sort()
  }

  async deleteAll(profileId: string): Promise<void> {
    assertSecretKey(profileId)
    await this.mutate((file) => {
      if (!(profileId in file.secrets)) return false
      delete file.secrets[profileId]
      return true
    })
  }

  info(): SecretStoreInfo {
    return {
      kind: 'safeStorage',
      persistent: true,
      summary: `Secrets are encrypted with the system keyring (${this.safeStorage.backend}) and kept in ${this.filePath}.`
    }
  }

  private mutate(change: (file: SecretsFile) => boolean): Promise<boolean> {
    const run = this.queue.then(async () => {
      const file = await this.file()
      if (!change(file)) return false
      file.backend = this.safeStorage.backend
      // 0600: ciphertext only, but nobody else needs to read it
      await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })
      return true
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private async file(): Promise<SecretsFile> {
    if (this.data) return this.data
    let text: string
    try {
      text = await readFile(this.filePath, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      this.data = { version: 1, backend: this.safeStorage.backend, secrets: {} }
      return this.data
    }
    this.data = parseSecretsFile(text, this.filePath)
    return this.data
  }
}

function parseSecretsFile(text: string, filePath: string): SecretsFile {
  const corrupt = (why: string): AppError =>
    new AppError({
      code: 'SECRET_FILE_CORRUPT',
      message: `The encrypted secrets file is damaged (${why}).`,
      detail: filePath,
      hint: 'Move the file away and enter the secrets again.'
    })
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw corrupt('not JSON')
  }
  const file = parsed as Partial<SecretsFile>
  if (file.version !== 1 || typeof file.secrets !== 'object' || file.secrets === null) throw corrupt('unknown layout')
  for (const forProfile of Object.values(file.secrets)) {
    if (typeof forProfile !== 'object' || forProfile === null) throw corrupt('unknown layout')
    if (Object.values(forProfile).some((v) => typeof v !== 'string')) throw corrupt('unknown layout')
  }
  return { version: 1, backend: typeof file.backend === 'string' ? file.backend : 'unknown', secrets: file.secrets }
}
