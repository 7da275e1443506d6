// wire:* — the raw view's reads of the wire log: the entries, slices of a response body (redacted when text), and a
// request as a command for curl, PowerShell or fetch (secrets as environment variables). Token replies and echoed credentials are hidden here too: the raw view is a view, not a
// copy of secrets.
import { AppError } from '../../contract/app-error'
import type { WireBodySlice, WireEntry } from '../../contract/wire-channels'
import type { WireLog, WireEntry as LoggedEntry } from '../platform/http/wire-log'
import { isTextContentType } from '../platform/http/content-kind'
import { redactedBodyText, saveWireBody } from '../platform/http/wire-body-reader'
import { wireImages } from '../features/raw/wire-images'
import type { PartialHandlerTable } from './handler-registry'

export function wireHandlers(wireLog: WireLog): PartialHandlerTable {
  return {
    'wire:list': () => wireLog.list().map(toContractEntry),
    'wire:body': async ({ id, offset, length }): Promise<WireBodySlice> => {
      const entry = wireLog.get(id)
      if (!entry) throw gone()
      // a download's body went to a file, not the log: nothing to read (its size is the entry's bodySize)
      const slice = { id, offset, total: entry.bodyKept ? entry.responseBytes : 0 }
      return isTextContentType(entry.responseHeaders?.['content-type'])
        ? { ...slice, encoding: 'text', data: await redactedBodyText(wireLog, id, offset, length, entry.responseBytes) }
        : { ...slice, encoding: 'base64', data: (await wireLog.readBody(id, offset, length)).toString('base64') }
    },
    'wire:copyAs': ({ id, format }) => {
      const copied = wireLog.copyAs(id, format)
      if (copied === undefined) throw gone()
      return copied
    },
    'wire:saveBody': async ({ id, path }) => {
      const saved = await saveWireBody(wireLog, id, path)
      if (saved === undefined) throw gone()
      return saved
    },
    'wire:images': async ({ id }) => {
      const found = await wireImages(wireLog, id)
      if (found === undefined) throw gone()
      return found
    }
  }
}

function gone(): AppError {
  return new AppError({ code: 'WIRE_NOT_FOUND', message: 'That request is no longer in the log.' })
}

function toContractEntry(e: LoggedEntry): WireEntry {
  const out: WireEntry = {
    id: e.id,
    method: e.method,
    url: e.url,
    startedAt: e.startedAt,
    requestHeaders: e.requestHeaders,
    responseHeaders: e.responseHeaders ?? {},
    bodySize: e.responseBytes
  }
  if (e.status !== undefined) out.status = e.status
  if (e.durationMs !== undefined) out.durationMs = e.durationMs
  if (e.requestBody !== undefined) out.requestBody = e.requestBody
  const type = e.responseHeaders?.['content-type']
  if (type) out.contentType = type
  if (e.error) out.error = e.error
  if (e.bodyDropped) out.bodyDropped = e.bodyDropped
  return out
}
