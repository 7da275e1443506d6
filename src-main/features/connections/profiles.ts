// Connection profiles as one readable JSON file each (`<id>.json`) in the user-data profiles folder, plus built-in
// read-only profiles (the in-process Demo MLS). The file name is the id: secrets are keyed by it, so a file copied
// in git under a new name becomes a new profile rather than a second owner of the same keychain entries.
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../contract/app-error'
import { writeFileAtomic } from '../../platform/files/atomic-write'
import type { SecretStore } from '../../platform/secrets/secret-store'
import { kindFacts, LONG_LIVED_SECRETS } from '../../../contract/kinds'
import {
  PROFILE_ID_PATTERN,
  type ConnectionProfile,
  type ConnectionProfileInput
} from '../../../contract/profile-schema'
import { profileFileName, profileIdFromFileName, profileToJson, readProfileJson, slugForName } from './profile-files'
import { parseProfile } from './profile-validation'

type WithoutStoreFields<T> = T extends unknown ? Omit<T, 'id' | 'createdAt' | 'updatedAt'> : never
/** A profile as the editor sends it: no id (the store assigns one), no timestamps, defaults optional. */
export type ProfileDraft = WithoutStoreFields<ConnectionProfileInput>

export interface ListedProfile {
  profile: ConnectionProfile
  /** built-in profiles (Demo MLS) cannot be edited, renamed or deleted — duplicate them instead */
  builtIn: boolean
}

export interface InvalidProfileFile {
  file: string
  message: string
}

export interface ProfileStoreOptions {
  /** where profile secrets live; delete() removes them, duplicate() copies the long-lived ones */
  secrets?: SecretStore
  /** read-only profiles shown first; a function because the Demo MLS URL is only known once it listens */
  builtIns?: () => readonly ConnectionProfile[]
  now?: () => Date
  /** throws when another instance holds the user-data folder (saves would be lost) */
  assertWritable?: () => void
}

/** How often a create picks the next free id when another instance took the one it chose. */
const CREATE_ATTEMPTS = 5

export class ProfileStore {
  /** mutations run one at a time, so two creates cannot pick the same id */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly dir: string,
    private readonly options: ProfileStoreOptions = {}
  ) {}

  /** Every profile, built-ins first then by name, and the files that could not be read (shown, not hidden). */
  async scan(): Promise<{ profiles: ListedProfile[]; invalid: InvalidProfileFile[] }> {
    const builtIns = this.builtIns().map((profile) => ({ profile, builtIn: true }))
    const own: ListedProfile[] = []
    const invalid: InvalidProfileFile[] = []
    for (const id of await this.fileIds()) {
      if (builtIns.some((b) => b.profile.id === id)) {
        invalid.push({
          file: profileFileName(id),
          message: `"${id}" is the id of a built-in profile; rename the file.`
        })
        continue
      }
      try {
        own.push({ profile: await this.readFile(id), builtIn: false })
      } catch (err) {
        invalid.push({
          file: profileFileName(id),
          message: err instanceof AppError ? `${err.message}${err.detail ? `\n${err.detail}` : ''}` : String(err)
        })
      }
    }
    own.sort((a, b) => a.profile.name.localeCompare(b.profile.name) || a.profile.id.localeCompare(b.profile.id))
    return { profiles: [...builtIns, ...own], invalid }
  }

  async list(): Promise<ListedProfile[]> {
    return (await this.scan()).profiles
  }

  isBuiltIn(id: string): boolean {
    return this.builtIns().some((p) => p.id === id)
  }

  async get(id: string): Promise<ConnectionProfile> {
    const builtIn = this.builtIns().find((p) => p.id === id)
    return builtIn ?? this.readFile(id)
  }

  create(draft: ProfileDraft): Promise<ConnectionProfile> {
    return this.mutate(async () => {
      const now = this.now()
      return this.createExclusive(draft.name, draft.kind, (id) =>
        parseProfile({ ...draft, id, createdAt: now, updatedAt: now })
      )
    })
  }

  /** Replaces the whole profile (the editor sends every field). Changing the kind drops secrets the new kind has no use for. */
  update(id: string, draft: ProfileDraft): Promise<ConnectionProfile> {
    return this.mutate(async () => {
      const existing = await this.editable(id)
      const profile = parseProfile({ ...draft, id, createdAt: existing.createdAt, updatedAt: this.now() })
      await this.write(profile)
      if (profile.kind !== existing.kind) await this.dropSecretsNotUsedBy(profile)
      return profile
    })
  }

  /** Renames the profile; the id (file name, keychain entries) stays. */
  rename(id: string, name: string): Promise<ConnectionProfile> {
    return this.mutate(async () => {
      const existing = await this.editable(id)
      const profile = parseProfile({ ...existing, name, updatedAt: this.now() })
      await this.write(profile)
      return profile
    })
  }

  /** A new editable copy (also of a built-in). Passwords, client secrets and API keys are copied; tokens are not. */
  duplicate(id: string, name?: string): Promise<ConnectionProfile> {
    return this.mutate(async () => {
      const source = await this.get(id)
      const newName = name ?? `${source.name} (copy)`
      const now = this.now()
      const profile = await this.createExclusive(newName, source.kind, (id) =>
        parseProfile({ ...source, id, name: newName, createdAt: now, updatedAt: now })
      )
      const secrets = this.options.secrets
      if (secrets) {
        for (const secretName of kindFacts(source.kind).secrets) {
          if (!LONG_LIVED_SECRETS.includes(secretName)) continue
          const value = await secrets.get(source.id, secretName)
          if (value !== undefined) await secrets.set(profile.id, secretName, value)
        }
      }
      return profile
    })
  }

  /** Removes the profile file and every secret stored for it. */
  delete(id: string): Promise<void> {
    return this.mutate(async () => {
      await this.editable(id)
      // secrets first: if the keychain refuses, the profile is still there to retry from (no orphaned secrets)
      await this.options.secrets?.deleteAll(id)
      await rm(this.filePath(id))
    })
  }

  /** The profile as a file to share: it never contains secrets, so it is exactly what is on disk. */
  async exportProfile(id: string): Promise<string> {
    return profileToJson(await this.get(id))
  }

  async exportToFile(id: string, file: string): Promise<void> {
    await writeFileAtomic(file, await this.exportProfile(id))
  }

  /** Validates an exported profile and adds it; an id already in use (or none) gets a fresh one. */
  importProfile(text: string, source = 'The imported profile'): Promise<ConnectionProfile> {
    return this.mutate(async () => {
      const raw = readProfileJson(text, source)
      // validate as sent first, so a profile carrying secrets is refused before anything is written
      const checked = parseProfile({ ...raw, id: 'imported' }, source)
      const wanted = typeof raw.id === 'string' && PROFILE_ID_PATTERN.test(raw.id) ? raw.id : undefined
      const first = wanted && !(await this.exists(wanted)) ? wanted : undefined
      const now = this.now()
      return this.createExclusive(
        checked.name,
        checked.kind,
        (id) => parseProfile({ ...checked, id, createdAt: checked.createdAt ?? now, updatedAt: now }, source),
        first
      )
    })
  }

  async importFile(file: string): Promise<ConnectionProfile> {
    return this.importProfile(await readFile(file, 'utf8'), path.basename(file))
  }

  private builtIns(): readonly ConnectionProfile[] {
    return this.options.builtIns?.() ?? []
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString()
  }

  private filePath(id: string): string {
    return path.join(this.dir, profileFileName(id))
  }

  /**
   * Writes a new profile with create-only semantics: when another instance wrote the same id meanwhile, the next
   * free id is taken instead, so neither save is lost.
   */
  private async createExclusive(
    name: string,
    kind: string,
    build: (id: string) => ConnectionProfile,
    firstId?: string
  ): Promise<ConnectionProfile> {
    for (let attempt = 0; ; attempt++) {
      const id = attempt === 0 && firstId ? firstId : await this.freshId(name, kind)
      const profile = build(id)
      try {
        await writeFileAtomic(this.filePath(profile.id), profileToJson(profile), { exclusive: true })
        return profile
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt + 1 >= CREATE_ATTEMPTS) throw err
      }
    }
  }

  private mutate<T>(work: () => Promise<T>): Promise<T> {
    this.options.assertWritable?.()
    const run = this.queue.then(work)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async fileIds(): Promise<string[]> {
    try {
      const names = await readdir(this.dir)
      return names.map(profileIdFromFileName).filter((id): id is string => id !== undefined)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw err
    }
  }

  private async readFile(id: string): Promise<ConnectionProfile> {
    let text: string
    try {
      text = await readFile(this.filePath(id), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError({ code: 'PROFILE_NOT_FOUND', message: `There is no profile "${id}".` })
      }
      throw err
    }
    const source = profileFileName(id)
    return parseProfile({ ...readProfileJson(text, source), id }, source)
  }

  private async editable(id: string): Promise<ConnectionProfile> {
    if (this.isBuiltIn(id)) {
      throw new AppError({
        code: 'PROFILE_READ_ONLY',
        message: 'Built-in profiles cannot be changed.',
        hint: 'Duplicate the profile and edit the copy.'
      })
    }
    return this.readFile(id)
  }

  private async exists(id: string): Promise<boolean> {
    return this.isBuiltIn(id) || (await this.fileIds()).includes(id)
  }

  private async freshId(name: string, fallback: string): Promise<string> {
    const taken = new Set([...this.builtIns().map((p) => p.id), ...(await this.fileIds())])
    return slugForName(name, (id) => taken.has(id), fallback)
  }

  private async write(profile: ConnectionProfile): Promise<void> {
    await writeFileAtomic(this.filePath(profile.id), profileToJson(profile))
  }

  private async dropSecretsNotUsedBy(profile: ConnectionProfile): Promise<void> {
    const secrets = this.options.secrets
    if (!secrets) return
    const keep = new Set<string>(kindFacts(profile.kind).secrets)
    for (const name of await secrets.list(profile.id)) if (!keep.has(name)) await secrets.delete(profile.id, name)
  }
}
