// Reads one exported image back for the summary's thumbnail strip. Only files of the export's own summary are asked
// for, and the path is resolved inside the destination again, so the renderer cannot read anything else.
import { open } from 'node:fs/promises'
import type { PhotoThumbnail } from '../../../../contract/photo-channels'
import { resolveInside } from './file-name-safety'

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp'
}

/** Images above this are not shown inline (a 20 MB HiRes would cost more than the strip is worth). */
export const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024

export async function readThumbnail(destination: string, file: string): Promise<PhotoThumbnail | null> {
  const mime = IMAGE_TYPES[file.split('.').pop()?.toLowerCase() ?? '']
  if (!mime) return null
  const full = resolveInside(destination, file.split('/'))
  const handle = await open(full, 'r').catch(() => null)
  if (!handle) return null
  try {
    const { size } = await handle.stat()
    if (size > THUMBNAIL_MAX_BYTES) return null
    const bytes = await handle.readFile()
    return { file, bytes: size, dataUrl: `data:${mime};base64,${bytes.toString('base64')}` }
  } finally {
    await handle.close()
  }
}
