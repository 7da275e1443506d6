// Reads of one logged response body beyond the raw view's pages: the whole body to a file, atomically; text is
// redacted slice by slice exactly as the view shows it, binary is written as received.
import { checkExportDestination } from '../files/export-path-guard'
import { createAtomicWriteStream } from '../files/atomic-write'
import { redactSlice, sliceWindow } from '../redaction/redact-slice'
import { isTextContentType } from './content-kind'
import type { WireLog } from './wire-log'

export const SLICE = 1024 * 1024

/** A text slice of the body with secrets hidden (a secret cut by the slice edge is still found: see redact-slice). */
export async function redactedBodyText(log: WireLog, id: string, offset: number, length: number, total: number) {
  const w = sliceWindow(offset, length, Math.max(total, offset + length))
  const bytes = await log.readBody(id, w.start, w.length)
  const sliceStart = Math.min(bytes.length, offset - w.start)
  return redactSlice({ bytes, sliceStart, sliceEnd: Math.min(bytes.length, sliceStart + length) })
}

export async function saveWireBody(
  log: WireLog,
  id: string,
  target: string
): Promise<{ path: string; bytes: number; redacted: boolean } | undefined> {
  const entry = log.get(id)
  if (!entry) return undefined
  const file = checkExportDestination(target)
  const total = entry.bodyKept ? entry.responseBytes : 0
  const text = isTextContentType(entry.responseHeaders?.['content-type'])
  const out = await createAtomicWriteStream(file)
  let bytes = 0
  try {
    for (let at = 0; at < total; at += SLICE) {
      const chunk = text
        ? Buffer.from(await redactedBodyText(log, id, at, Math.min(SLICE, total - at), total), 'utf8')
        : await log.readBody(id, at, Math.min(SLICE, total - at))
      bytes += chunk.length
      await out.put(chunk)
    }
    await out.complete()
  } catch (err) {
    await out.abort()
    throw err
  }
  return { path: file, bytes, redacted: text }
}
