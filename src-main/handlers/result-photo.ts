// results:photo — a photo URL of a result row, downloaded for the record inspector's thumbnail. Only URLs that are in
// that row are fetched (the renderer cannot make main request an arbitrary address), through the connection's own
// HttpClient with credentials omitted (photo URLs point at CDNs), and the body is cut off past MAX_PHOTO_BYTES.
import { AppError } from '../../contract/app-error'
import type { SessionManager } from '../features/connections/session-manager'
import type { ResultRegistry } from '../platform/results/result-registry'

export const MAX_PHOTO_BYTES = 4 * 1024 * 1024
const TIMEOUT_MS = 20_000

export interface PhotoArgs {
  profileId: string
  resultId: string
  row: number
  url: string
}

export async function resultPhoto(
  sessions: SessionManager,
  results: ResultRegistry,
  { profileId, resultId, row, url }: PhotoArgs
): Promise<{ dataUrl: string; contentType: string; bytes: number }> {
  const store = results.get(resultId)
  if (!store)
    throw new AppError({ code: 'RESULT_NOT_FOUND', message: 'That result is gone.', hint: 'Run the query again.' })
  const cells = (await store.page(row, 1)).rows[0] ?? []
  // the URL must be a cell or sit inside one (RESO Media / Spark Photos as JSON text)
  if (!/^https?:\/\//i.test(url) || !cells.some((c) => c === url || c.includes(JSON.stringify(url).slice(1, -1)))) {
    throw new AppError({
      code: 'PHOTO_NOT_IN_RESULT',
      message: 'That photo URL is not in the selected row.',
      hint: 'Only photos listed in the result are shown.'
    })
  }
  const photos = sessions.capability(profileId, 'photos')
  if (photos.source === 'rets') {
    throw new AppError({
      code: 'PHOTO_PREVIEW_UNSUPPORTED',
      message: 'Thumbnails are shown for RESO and Spark photo URLs only.',
      hint: 'Export the photos with Photos… in the grid’s toolbar.'
    })
  }
  const fetcher = photos.open({}).fetcher
  const res = await fetcher(url, AbortSignal.timeout(TIMEOUT_MS))
  const where = `GET ${redactQuery(url)}`
  const contentType = (res.contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (res.status !== 200 || !contentType.startsWith('image/')) {
    for await (const _ of res.body) break // frees the socket
    throw new AppError({
      code: 'PHOTO_DOWNLOAD_FAILED',
      message: `${where} answered ${res.status}${contentType ? ` (${contentType})` : ''}, not an image.`,
      hint: 'The photo link may have expired; run the query again for fresh URLs.'
    })
  }
  const parts: Buffer[] = []
  let bytes = 0
  for await (const chunk of res.body) {
    bytes += chunk.length
    if (bytes > MAX_PHOTO_BYTES) {
      throw new AppError({
        code: 'PHOTO_TOO_LARGE',
        message: `${where}: the photo is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB, too big for a preview.`,
        hint: 'Export it with Photos… instead.'
      })
    }
    parts.push(chunk)
  }
  return { dataUrl: `data:${contentType};base64,${Buffer.concat(parts).toString('base64')}`, contentType, bytes }
}

/** Photo URLs may carry signed tokens in their query: errors show the address without it. */
function redactQuery(url: string): string {
  const u = new URL(url)
  return u.search ? `${u.origin}${u.pathname}?…` : url
}
