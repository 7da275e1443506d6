// Metadata snapshots on disk, one file per profile and metadata version, so the tree, completion and reports work
// offline and a reconnect to an unchanged server skips the download. Plain JSON: users may diff two versions.
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import { writeFileAtomic } from '../../platform/files/atomic-write'

const KEEP_VERSIONS = 5

export class MetadataCache {
  constructor(private readonly dir: string) {}

  /** `version` defaults to the model's own MetadataVersion@timestamp (the RETS login reply names the same). */
  async save(profileId: string, model: MetadataModel, version = versionKey(model)): Promise<void> {
    const file = this.file(profileId, version)
    await writeFileAtomic(file, JSON.stringify({ savedAt: new Date().toISOString(), model }))
    await this.prune(profileId)
  }

  /** The snapshot for a given version, or the newest one when no version is asked for. */
  async load(profileId: string, version?: string): Promise<{ model: MetadataModel; savedAt: string } | undefined> {
    const files = await this.files(profileId)
    const name = version ? `${safe(version)}.json` : files.at(-1)?.name
    if (!name || !files.some((f) => f.name === name)) return undefined
    try {
      const parsed = JSON.parse(await readFile(path.join(this.profileDir(profileId), name), 'utf8')) as {
        savedAt: string
        model: MetadataModel
      }
      return parsed
    } catch {
      return undefined // a damaged snapshot is as good as none: the server is asked again
    }
  }

  /** The snapshots kept for a profile, newest first (the id is what `load` takes). */
  async versions(profileId: string): Promise<{ version: string; savedAt: string }[]> {
    const files = await this.files(profileId)
    return files
      .map((f) => ({ version: f.name.replace(/\.json$/, ''), savedAt: new Date(f.mtime).toISOString() }))
      .reverse()
  }

  async clear(profileId: string): Promise<void> {
    await rm(this.profileDir(profileId), { recursive: true, force: true })
  }

  private async files(profileId: string): Promise<{ name: string; mtime: number }[]> {
    const dir = this.profileDir(profileId)
    const names = await readdir(dir).catch(() => [] as string[])
    const out = await Promise.all(
      names
        .filter((n) => n.endsWith('.json'))
        .map(async (name) => ({ name, mtime: (await stat(path.join(dir, name))).mtimeMs }))
    )
    return out.sort((a, b) => a.mtime - b.mtime)
  }

  private async prune(profileId: string): Promise<void> {
    const files = await this.files(profileId)
    for (const f of files.slice(0, Math.max(0, files.length - KEEP_VERSIONS))) {
      await rm(path.join(this.profileDir(profileId), f.name), { force: true })
    }
  }

  private profileDir(profileId: string): string {
    return path.join(this.dir, safe(profileId))
  }

  private file(profileId: string, version: string): string {
    return path.join(this.profileDir(profileId), `${safe(version)}.json`)
  }
}

export function versionKey(model: MetadataModel): string {
  return [model.system.version, model.system.timestamp].filter(Boolean).join('@') || 'unversioned'
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 120)
}
