// Metadata snapshots on disk, one file per profile and metadata version, so the tree, completion and reports work
// offline and a reconnect to an unchanged server skips the download. Plain JSON: users may diff two versions.
//
// Written behind the caller's back: a RETS model grows a class at a time as the user explores (or a metadata report
// loads every class), and each snapshot is the whole model, fsynced. So `save` only notes the newest model; one
// write per file runs at a time, a settle delay gathers the saves that come close together, and whatever arrived
// during a write is written next. `flush` writes what is pending at once (disconnect, close, quit). Each write is
// atomic: a crash mid-write leaves the previous snapshot.
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import { writeFileAtomic } from '../../platform/files/atomic-write'

const KEEP_VERSIONS = 5
const SETTLE_MS = 1000

export interface MetadataCacheOptions {
  /** how long saves are gathered before a write (default 1 s) */
  settleMs?: number
  /** writes one snapshot file (default: the atomic writer); tests count writes through it */
  write?: (file: string, text: Iterable<string>) => Promise<void>
}

/** A snapshot file with saves not yet on disk. */
interface PendingFile {
  profileId: string
  /** the newest model saved since the last write began */
  model: MetadataModel | undefined
  /** flush asked for: no more waiting */
  urgent: boolean
  /** ends the settle wait early */
  wake: (() => void) | undefined
  /** the write loop; settles once nothing is pending for the file */
  done: Promise<void>
}

/** Reading snapshots without writing them: what a live session may do (the session manager writes them). */
export interface MetadataSnapshots {
  model(profileId: string, version: string): Promise<MetadataModel | undefined>
}

export class MetadataCache implements MetadataSnapshots {
  private readonly pending = new Map<string, PendingFile>()
  /** the last write failure per profile, until a write succeeds (shown as a metadata warning) */
  private readonly failures = new Map<string, string>()
  private readonly settleMs: number
  private readonly write: (file: string, text: Iterable<string>) => Promise<void>

  constructor(
    private readonly dir: string,
    options: MetadataCacheOptions = {}
  ) {
    this.settleMs = options.settleMs ?? SETTLE_MS
    this.write = options.write ?? ((file, text) => writeFileAtomic(file, text))
  }

  /**
   * Notes `model` as the snapshot for `version` (default: the model's own MetadataVersion@timestamp; the RETS login
   * reply names the same) and returns at once; the file is written behind (see above).
   */
  save(profileId: string, model: MetadataModel, version = versionKey(model)): void {
    const file = this.file(profileId, version)
    const waiting = this.pending.get(file)
    if (waiting) {
      waiting.model = model
      return
    }
    const entry: PendingFile = { profileId, model, urgent: false, wake: undefined, done: Promise.resolve() }
    this.pending.set(file, entry)
    entry.done = this.writeBehind(file, entry)
  }

  /** Writes every pending snapshot (of one profile, or all) now; resolves when they are on disk. */
  async flush(profileId?: string): Promise<void> {
    const entries = [...this.pending.values()].filter((e) => profileId === undefined || e.profileId === profileId)
    for (const e of entries) {
      e.urgent = true
      e.wake?.()
    }
    await Promise.all(entries.map((e) => e.done))
  }

  /** Why the last snapshot of the profile could not be written, until one is. */
  failure(profileId: string): string | undefined {
    return this.failures.get(profileId)
  }

  /** The snapshot for a given version, or the newest one when no version is asked for. */
  async load(profileId: string, version?: string): Promise<{ model: MetadataModel; savedAt: string } | undefined> {
    await this.flush(profileId)
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

  async model(profileId: string, version: string): Promise<MetadataModel | undefined> {
    return (await this.load(profileId, version))?.model
  }

  /** The snapshots kept for a profile, newest first (the id is what `load` takes). */
  async versions(profileId: string): Promise<{ version: string; savedAt: string }[]> {
    await this.flush(profileId)
    const files = await this.files(profileId)
    return files
      .map((f) => ({ version: f.name.replace(/\.json$/, ''), savedAt: new Date(f.mtime).toISOString() }))
      .reverse()
  }

  async clear(profileId: string): Promise<void> {
    await this.flush(profileId)
    await rm(this.profileDir(profileId), { recursive: true, force: true })
  }

  private async writeBehind(file: string, entry: PendingFile): Promise<void> {
    while (entry.model) {
      await this.settle(entry)
      const model = entry.model
      entry.model = undefined
      try {
        // serialised now, not at save time: the model grows in place, so this is its newest state
        await this.write(file, snapshotJson(new Date().toISOString(), model))
        await this.prune(entry.profileId)
        this.failures.delete(entry.profileId)
      } catch (err) {
        this.failures.set(
          entry.profileId,
          `The metadata snapshot could not be saved for offline use (${(err as Error).message}).`
        )
      }
    }
    this.pending.delete(file)
  }

  private settle(entry: PendingFile): Promise<void> {
    if (entry.urgent) return Promise.resolve()
    return new Promise((resolve) => {
      // a pending snapshot must not keep the process alive: quitting flushes it
      const timer = setTimeout(resolve, this.settleMs).unref()
      entry.wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  private async files(profileId: string): Promise<{ name: string; mtime: number }[]> {
    const dir = this.profileDir(profileId)
    const names = await readdir(dir).catch(() => [] as string[])
    const out = await Promise.all(
      names
        .filter((n) => n.endsWith('.json'))
        // a file another version's prune removes meanwhile is simply gone
        .map(async (name) => ({ name, mtime: (await stat(path.join(dir, name)).catch(() => undefined))?.mtimeMs }))
    )
    return out
      .filter((f): f is { name: string; mtime: number } => f.mtime !== undefined)
      .sort((a, b) => a.mtime - b.mtime)
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

/**
 * `{"savedAt":…,"model":…}` as JSON.stringify writes it, one resource at a time (re-iterable): a RESO model of 200k
 * fields is ~100 MB of JSON, which as one string (and again as bytes) tripled the app's memory and held the event
 * loop for seconds; in parts, only one resource's text exists at a time and the loop runs between the writes.
 */
export function snapshotJson(savedAt: string, model: MetadataModel): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      let head = `{"savedAt":${JSON.stringify(savedAt)},"model":{`
      let first = true
      for (const [key, value] of Object.entries(model)) {
        if (value === undefined) continue
        const name = `${first ? '' : ','}${JSON.stringify(key)}:`
        first = false
        if (key !== 'resources') {
          head += name + JSON.stringify(value)
          continue
        }
        yield `${head}${name}[`
        head = ''
        let comma = ''
        for (const resource of model.resources) {
          yield comma + JSON.stringify(resource)
          comma = ','
        }
        head = ']'
      }
      yield `${head}}}`
    }
  }
}

/** A snapshot's version from a MetadataVersion and MetadataTimestamp: `version@timestamp`, either alone, or ''. */
export function snapshotVersion(version: string | undefined, timestamp: string | undefined): string {
  return [version, timestamp].filter(Boolean).join('@')
}

export function versionKey(model: MetadataModel): string {
  return snapshotVersion(model.system.version, model.system.timestamp) || 'unversioned'
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 120)
}
