// Photo files written by a GetObject variant: one name scheme for every variant, and a checksum over the set.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileSetChecksum } from './row-checksum'

export function photoFileName(contentId: string | undefined, objectId: string | undefined): string {
  return `${contentId ?? 'unknown'}-${objectId ?? '0'}.jpg`
}

export async function dirChecksum(dir: string): Promise<{ files: number; bytes: number; checksum: string }> {
  const names = await readdir(dir)
  const entries = []
  let bytes = 0
  for (const name of names) {
    const data = await readFile(path.join(dir, name))
    bytes += data.length
    entries.push({ name, sha256: createHash('sha256').update(data).digest('hex') })
  }
  return { files: names.length, bytes, checksum: fileSetChecksum(entries) }
}
