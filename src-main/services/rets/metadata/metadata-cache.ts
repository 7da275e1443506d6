// Metadata snapshots on disk, keyed by profile and the server's MetadataVersion (+ timestamp when it has one), so
// the tree, completion and reports work offline and a version bump on the server invalidates the cache.
// The directory is injected (user-data folder in the app, a temp dir in tests). Writes are atomic.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { MetadataModel } from '../../../shared/metadata-model'

export class MetadataCache {
  constructor(private readonly dir: string) {}

  fileFor(profileId: string, version: string): string {
    return path.join(this.dir, safe(profileId), `${safe(version || 'unversioned')}.json`)
  }

  async read(profileId: string, version: string): Promise<MetadataModel | undefined> {
    try {
      return JSON.parse(await readFile(this.fileFor(profileId, version), 'utf8')) as MetadataModel
    } catch {
      return undefined
    }
  }

  async write(profileId: string, version: string, model: MetadataModel): Promise<void> {
    const file = this.fileFor(profileId, version)
    await mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(tmp, JSON.stringify(model), 'utf8')
      await rename(tmp, file)
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
  }

  async clear(profileId: string): Promise<void> {
    await rm(path.join(this.dir, safe(profileId)), { recursive: true, force: true })
  }
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || '_'
}
