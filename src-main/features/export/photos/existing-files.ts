// The destination's folders as the export found them, listed once per folder: which names exist (the export never
// overwrites a file it did not write), which stale `.part` files a crashed run left, and which folders still need
// creating. A stat, mkdir and rm per photo cost more than writing it while the disk is busy with the export; a file
// that appears in a folder after it was listed is not seen (the folder is the export's while it runs).
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { collisionKey } from './file-name-safety'

interface Folder {
  /** collision keys of the names found, undefined while the folder does not exist */
  names: Set<string> | undefined
}

export class ExistingFiles {
  private readonly folders = new Map<string, Folder>()

  /** A file of that name (any case) was in its folder before the export touched it. */
  has(fullPath: string): boolean {
    return this.folder(fullPath).names?.has(collisionKey(path.basename(fullPath))) ?? false
  }

  /** Makes the folder of `fullPath` exist and removes `partPath` if a crashed run left it there. */
  prepare(fullPath: string, partPath: string): void {
    const folder = this.folder(fullPath)
    if (!folder.names) {
      mkdirSync(path.dirname(fullPath), { recursive: true })
      folder.names = new Set()
    } else if (folder.names.delete(collisionKey(path.basename(partPath)))) {
      rmSync(partPath, { force: true })
    }
  }

  private folder(fullPath: string): Folder {
    const dir = path.dirname(fullPath)
    let folder = this.folders.get(dir)
    if (!folder) {
      folder = { names: listFolder(dir) }
      this.folders.set(dir, folder)
    }
    return folder
  }
}

function listFolder(dir: string): Set<string> | undefined {
  try {
    return new Set(readdirSync(dir).map(collisionKey))
  } catch {
    return undefined // not created yet
  }
}
