// Reading back what a photo export left in its folder: every file (relative, `/`-separated) and the manifest rows.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { ManifestRow } from '../../src-main/features/export/photos/photo-export-types'

export function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name)
      return statSync(full).isDirectory()
        ? listFiles(root, full)
        : [path.relative(root, full).split(path.sep).join('/')]
    })
    .sort()
}

export function manifestRows(root: string): ManifestRow[] {
  return readFileSync(path.join(root, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ManifestRow)
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

export function fileBytes(root: string, relative: string): Buffer {
  return readFileSync(path.join(root, ...relative.split('/')))
}
