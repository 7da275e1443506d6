// Reading a whole body into memory, never unbounded: past a limit the rest is not read (the stream is closed and the
// socket freed), and a refusal names the request and says what to try.
import { AppError } from '../../../contract/app-error'
import { redactor } from '../redaction/redactor'

/** What a refusal names: the request (method + URL, redacted here), the body in words, and what to try. */
export interface BodyBound {
  method?: string
  url?: string
  /** "The reply", "The API access page" */
  what?: string
  /** what to try; the default says a real server sends a few KB */
  hint?: string
}

/** "512 KB", "16 MB" */
export function byteSize(n: number): string {
  return n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${Math.round(n / 1024)} KB`
}

/**
 * Reads at most `limit` bytes. 'truncate' keeps the first `limit` bytes (an error body: its start says enough);
 * 'refuse' throws HTTP_BODY_TOO_LARGE. Either way reading stops there: leaving the loop closes the stream and
 * frees the socket, so a 300 MB reply costs 1 MB of memory.
 */
export async function readCapped(
  body: AsyncIterable<Buffer>,
  limit: number,
  mode: 'truncate' | 'refuse',
  bound: BodyBound = {}
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const raw of body) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw)
    if (size + chunk.length > limit) {
      if (mode === 'refuse') throw bodyTooLarge(limit, size + chunk.length, bound)
      chunks.push(chunk.subarray(0, limit - size))
      break
    }
    chunks.push(chunk)
    size += chunk.length
  }
  return Buffer.concat(chunks)
}

function bodyTooLarge(limit: number, received: number, bound: BodyBound): AppError {
  const request = bound.url !== undefined ? `${bound.method ?? 'GET'} ${redactor.url(bound.url)}` : undefined
  return new AppError({
    code: 'HTTP_BODY_TOO_LARGE',
    message:
      `${bound.what ?? 'The reply'} is larger than ${byteSize(limit)}: reading stopped after ${byteSize(received)}.` +
      (bound.url !== undefined ? ` Request: ${bound.method ?? 'GET'} ${redactor.messageUrl(bound.url)}` : ''),
    detail: `${request ? `${request}\n` : ''}${received} bytes received; the limit is ${limit} bytes.`,
    hint: bound.hint ?? 'A real server sends a few KB here; check the URL, or ask the server operator.'
  })
}
